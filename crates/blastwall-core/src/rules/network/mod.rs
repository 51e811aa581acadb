//! NetworkPolicy rules: policies the API server would refuse, namespaces and workloads left open, egress to
//! the internet, policies that allow everything or select nothing, selectors and named ports that match
//! nothing, data stores every namespace can reach, and what Services, Ingresses, host networking and
//! hand-written endpoints expose.

mod allow_all_policy;
mod egress_to_internet;
mod exposed_workload_runs_as_root;
mod hand_written_endpoints;
mod invalid_network_policy;
mod load_balancer_open;
mod named_port_unresolved;
mod namespace_without_default_deny;
mod net;
mod node_port_service;
mod policy_selects_nothing;
mod selector_matches_nothing;
mod service_external_ips;
mod service_selects_no_pod;
mod stateful_open_to_all_namespaces;
mod workload_not_isolated;

use super::check::Registered;
use crate::analysis::analyses::Need;

/// The rules of this category.
pub(crate) const RULES: &[Registered] = &[
    // Two policies of one name are a cross-object problem; the API server itself validates each policy.
    Registered::checked(&invalid_network_policy::RULE, invalid_network_policy::check)
        .needing(&[Need::Network])
        .across_objects(),
    Registered::checked(
        &namespace_without_default_deny::RULE,
        namespace_without_default_deny::check,
    )
    .needing(&[Need::Network])
    .across_objects(),
    Registered::checked(&workload_not_isolated::RULE, workload_not_isolated::check)
        .needing(&[Need::Network])
        .across_objects(),
    Registered::checked(&egress_to_internet::RULE, egress_to_internet::check)
        .needing(&[Need::Network])
        .across_objects(),
    Registered::checked(&allow_all_policy::RULE, allow_all_policy::check).needing(&[Need::Network]),
    Registered::checked(&policy_selects_nothing::RULE, policy_selects_nothing::check)
        .needing(&[Need::Network])
        .across_objects(),
    Registered::checked(&selector_matches_nothing::RULE, selector_matches_nothing::check)
        .needing(&[Need::Network])
        .across_objects(),
    Registered::checked(&named_port_unresolved::RULE, named_port_unresolved::check)
        .needing(&[Need::Network])
        .across_objects(),
    Registered::checked(
        &stateful_open_to_all_namespaces::RULE,
        stateful_open_to_all_namespaces::check,
    )
    .needing(&[Need::Network])
    .across_objects(),
    Registered::checked(&load_balancer_open::RULE, load_balancer_open::check),
    Registered::checked(&node_port_service::RULE, node_port_service::check),
    Registered::checked(&service_external_ips::RULE, service_external_ips::check),
    Registered::checked(&service_selects_no_pod::RULE, service_selects_no_pod::check)
        .needing(&[Need::Network])
        .across_objects(),
    Registered::checked(
        &exposed_workload_runs_as_root::RULE,
        exposed_workload_runs_as_root::check,
    )
    .needing(&[Need::Network, Need::Exposures])
    .across_objects(),
    Registered::checked(&hand_written_endpoints::RULE, hand_written_endpoints::check).across_objects(),
];
