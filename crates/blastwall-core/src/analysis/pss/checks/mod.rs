//! The upstream checks, one file each, in the order Pod Security Admission runs them: baseline checks by
//! id, then restricted checks by id.

mod allow_privilege_escalation;
mod app_armor_profile;
mod capabilities_baseline;
mod capabilities_restricted;
mod host_namespaces;
mod host_path_volumes;
mod host_ports;
mod host_probes_and_host_lifecycle;
mod privileged;
mod proc_mount;
mod proc_mount_restricted;
mod restricted_volumes;
mod run_as_non_root;
mod run_as_user;
mod se_linux_options;
mod seccomp_profile_baseline;
mod seccomp_profile_restricted;
mod sysctls;
mod windows_host_process;

pub(crate) use capabilities_baseline::ALLOWED as BASELINE_CAPABILITIES;

// Each check by name, for rules that report one check: a typed reference, not its id.
pub(crate) use allow_privilege_escalation::CHECK as ALLOW_PRIVILEGE_ESCALATION;
pub(crate) use app_armor_profile::CHECK as APP_ARMOR_PROFILE;
pub(crate) use capabilities_baseline::CHECK as CAPABILITIES_BASELINE;
pub(crate) use capabilities_restricted::CHECK as CAPABILITIES_RESTRICTED;
pub(crate) use host_namespaces::CHECK as HOST_NAMESPACES;
pub(crate) use host_path_volumes::CHECK as HOST_PATH_VOLUMES;
pub(crate) use host_ports::CHECK as HOST_PORTS;
pub(crate) use host_probes_and_host_lifecycle::CHECK as HOST_PROBES_AND_HOST_LIFECYCLE;
pub(crate) use privileged::CHECK as PRIVILEGED;
pub(crate) use proc_mount::CHECK as PROC_MOUNT;
pub(crate) use proc_mount_restricted::CHECK as PROC_MOUNT_RESTRICTED;
pub(crate) use restricted_volumes::CHECK as RESTRICTED_VOLUMES;
pub(crate) use run_as_non_root::CHECK as RUN_AS_NON_ROOT;
pub(crate) use run_as_user::CHECK as RUN_AS_USER;
pub(crate) use se_linux_options::CHECK as SE_LINUX_OPTIONS;
pub(crate) use seccomp_profile_baseline::CHECK as SECCOMP_PROFILE_BASELINE;
pub(crate) use seccomp_profile_restricted::CHECK as SECCOMP_PROFILE_RESTRICTED;
pub(crate) use sysctls::CHECK as SYSCTLS;
pub(crate) use windows_host_process::CHECK as WINDOWS_HOST_PROCESS;

use super::types::Check;

/// Every check, baseline first.
pub static CHECKS: [&Check; 19] = [
    &APP_ARMOR_PROFILE,
    &CAPABILITIES_BASELINE,
    &HOST_NAMESPACES,
    &HOST_PATH_VOLUMES,
    &HOST_PORTS,
    &HOST_PROBES_AND_HOST_LIFECYCLE,
    &PRIVILEGED,
    &PROC_MOUNT,
    &SE_LINUX_OPTIONS,
    &SECCOMP_PROFILE_BASELINE,
    &SYSCTLS,
    &WINDOWS_HOST_PROCESS,
    &ALLOW_PRIVILEGE_ESCALATION,
    &CAPABILITIES_RESTRICTED,
    &PROC_MOUNT_RESTRICTED,
    &RESTRICTED_VOLUMES,
    &RUN_AS_NON_ROOT,
    &RUN_AS_USER,
    &SECCOMP_PROFILE_RESTRICTED,
];
