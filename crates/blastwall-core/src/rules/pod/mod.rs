//! Pod and container rules: privileges, host namespaces, host paths and capabilities.

mod apparmor_profile_overridden;
mod capabilities_not_dropped;
mod container_runtime_socket;
mod dangerous_capabilities;
mod host_ipc;
mod host_namespaces;
mod host_network;
mod host_path_volume;
mod host_paths;
mod host_pid;
mod host_port;
mod may_run_as_root;
mod privilege_escalation_allowed;
mod privileged_container;
mod probe_host_override;
mod proc_mount_unmasked;
mod pss_check;
mod restricted_volume_type;
mod runs_as_root_user;
mod seccomp_disabled;
mod seccomp_profile_missing;
mod selinux_options_overridden;
mod sensitive_host_path;
mod unsafe_sysctl;
mod windows_host_process;

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
    &host_port::RULE,
    &host_path_volume::RULE,
    &apparmor_profile_overridden::RULE,
    &selinux_options_overridden::RULE,
    &proc_mount_unmasked::RULE,
    &seccomp_disabled::RULE,
    &unsafe_sysctl::RULE,
    &windows_host_process::RULE,
    &probe_host_override::RULE,
    &capabilities_not_dropped::RULE,
    &restricted_volume_type::RULE,
    &may_run_as_root::RULE,
    &runs_as_root_user::RULE,
    &seccomp_profile_missing::RULE,
];
