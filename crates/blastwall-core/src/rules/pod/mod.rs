//! Pod and container rules: privileges, host namespaces, host paths and capabilities.

mod container_runtime_socket;
mod dangerous_capabilities;
mod host_ipc;
mod host_namespaces;
mod host_network;
mod host_paths;
mod host_pid;
mod privilege_escalation_allowed;
mod privileged_container;
mod sensitive_host_path;

use super::Rule;

/// The rules of this category.
pub const RULES: &[&Rule] = &[
    &privileged_container::RULE,
    &host_network::RULE,
    &host_pid::RULE,
    &host_ipc::RULE,
    &sensitive_host_path::RULE,
    &container_runtime_socket::RULE,
    &dangerous_capabilities::RULE,
    &privilege_escalation_allowed::RULE,
];
