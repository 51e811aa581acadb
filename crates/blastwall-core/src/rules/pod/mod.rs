//! Pod and container rules: privileges, host namespaces, host paths and capabilities.

mod apparmor_profile_overridden;
mod capabilities_not_dropped;
mod container_runtime_socket;
mod dangerous_capabilities;
mod host_ipc;
mod host_namespaces;
mod host_network;
mod host_path_volume;
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

use super::check::Registered;

/// The rules of this category.
pub(crate) const RULES: &[Registered] = &[
    Registered::checked(&privileged_container::RULE, privileged_container::check),
    Registered::checked(&host_network::RULE, host_network::check),
    Registered::checked(&host_pid::RULE, host_pid::check),
    Registered::checked(&host_ipc::RULE, host_ipc::check),
    Registered::checked(&sensitive_host_path::RULE, sensitive_host_path::check),
    Registered::checked(&container_runtime_socket::RULE, container_runtime_socket::check),
    Registered::checked(&dangerous_capabilities::RULE, dangerous_capabilities::check),
    Registered::checked(
        &privilege_escalation_allowed::RULE,
        privilege_escalation_allowed::check,
    ),
    Registered::checked(&host_port::RULE, host_port::check),
    Registered::checked(&host_path_volume::RULE, host_path_volume::check),
    Registered::checked(
        &apparmor_profile_overridden::RULE,
        apparmor_profile_overridden::check,
    ),
    Registered::checked(
        &selinux_options_overridden::RULE,
        selinux_options_overridden::check,
    ),
    Registered::checked(&proc_mount_unmasked::RULE, proc_mount_unmasked::check),
    Registered::checked(&seccomp_disabled::RULE, seccomp_disabled::check),
    Registered::checked(&unsafe_sysctl::RULE, unsafe_sysctl::check),
    Registered::checked(&windows_host_process::RULE, windows_host_process::check),
    Registered::checked(&probe_host_override::RULE, probe_host_override::check),
    Registered::checked(&capabilities_not_dropped::RULE, capabilities_not_dropped::check),
    Registered::checked(&restricted_volume_type::RULE, restricted_volume_type::check),
    Registered::checked(&may_run_as_root::RULE, may_run_as_root::check),
    Registered::checked(&runs_as_root_user::RULE, runs_as_root_user::check),
    Registered::checked(&seccomp_profile_missing::RULE, seccomp_profile_missing::check),
];
