//! Attack-path rules: where the attack graph shows one compromise reaching a node or cluster-admin power.
//! One finding per path start (a workload, an identity), carrying the shortest path.

mod identity_path_to_cluster_admin;
mod internet_path_to_cluster_admin;
mod workload_takes_node;

use super::check::Registered;
use crate::analysis::analyses::Need;

/// The rules of this category.
pub(crate) const RULES: &[Registered] = &[
    Registered::checked(
        &internet_path_to_cluster_admin::RULE,
        internet_path_to_cluster_admin::check,
    )
    .needing(&[Need::Attack])
    .across_objects(),
    Registered::checked(&workload_takes_node::RULE, workload_takes_node::check)
        .needing(&[Need::Attack])
        .across_objects(),
    Registered::checked(
        &identity_path_to_cluster_admin::RULE,
        identity_path_to_cluster_admin::check,
    )
    .needing(&[Need::Attack])
    .across_objects(),
];
