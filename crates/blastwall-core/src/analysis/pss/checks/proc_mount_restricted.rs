//! `procMount_restricted` (restricted, v1.35): the default `/proc` masks, even for user-namespaced pods.

use super::proc_mount::{default_proc_mount, ID as PROC_MOUNT};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "procMount_restricted",
    level: Level::Restricted,
    since: 35,
    overrides: Some(PROC_MOUNT),
    run,
};

fn run(pod: &PodSpec<'_>, _minor: u32) -> Vec<Violation> {
    default_proc_mount(pod, &CHECK)
}
