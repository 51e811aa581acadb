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
    &load_balancer_open::RULE,
    &node_port_service::RULE,
    &service_external_ips::RULE,
    &service_selects_no_pod::RULE,
    &exposed_workload_runs_as_root::RULE,
    &hand_written_endpoints::RULE,
];
