//! NetworkPolicy rules: policies the API server would refuse, namespaces and workloads left open, egress to
//! the internet, policies that allow everything or select nothing, selectors and named ports that match
//! nothing, and data stores every namespace can reach.

mod allow_all_policy;
mod egress_to_internet;
mod invalid_network_policy;
mod named_port_unresolved;
mod namespace_without_default_deny;
mod net;
mod policy_selects_nothing;
mod selector_matches_nothing;
mod stateful_open_to_all_namespaces;
mod workload_not_isolated;

use super::Rule;

/// The rules of this category.
pub const RULES: &[&Rule] = &[
    &invalid_network_policy::RULE,
    &namespace_without_default_deny::RULE,
    &workload_not_isolated::RULE,
    &egress_to_internet::RULE,
    &allow_all_policy::RULE,
    &policy_selects_nothing::RULE,
    &selector_matches_nothing::RULE,
    &named_port_unresolved::RULE,
    &stateful_open_to_all_namespaces::RULE,
];
