//! `procMount` (baseline, v1.0): containers keep the default `/proc` masks; from v1.35 pods in a user
//! namespace (`hostUsers: false`) may unmask.

use crate::analysis::pss::fields::{container_security, in_user_namespace};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;

/// The check's id, which `procMount_restricted` replaces from v1.35.
pub(crate) const ID: &str = "procMount";

/// The check.
pub(crate) const CHECK: Check = Check {
    id: ID,
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

fn run(pod: &PodSpec<'_>, minor: u32) -> Vec<Violation> {
    if minor >= 35 && in_user_namespace(pod) {
        return Vec::new();
    }
    default_proc_mount(pod, &CHECK)
}

/// Containers whose `procMount` is set to anything but `Default`, reported for `check`.
pub(crate) fn default_proc_mount(pod: &PodSpec<'_>, check: &Check) -> Vec<Violation> {
    pod.containers()
        .iter()
        .filter_map(|c| {
            let (path, value) = container_security(c, &["procMount"])?;
            let v = value.as_str().unwrap_or("");
            (v != "Default").then(|| Violation {
                check: check.id,
                level: check.level,
                path,
                message: format!("{} must not set securityContext.procMount to {v:?}", c.describe()),
            })
        })
        .collect()
}
