//! `windowsHostProcess` (baseline, v1.0): no Windows `HostProcess` pods or containers.

use crate::analysis::pss::fields::{container_security, pod_security};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "windowsHostProcess",
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

fn run(pod: &PodSpec<'_>, _minor: u32) -> Vec<Violation> {
    let mut out = Vec::new();
    let keys = ["windowsOptions", "hostProcess"];
    let mut push = |path, who: String| {
        out.push(CHECK.violation(
            path,
            format!("{who} must not set securityContext.windowsOptions.hostProcess=true"),
        ));
    };
    if let Some((path, v)) = pod_security(pod, &keys) {
        if v.as_bool() == Some(true) {
            push(path, "the pod".into());
        }
    }
    for c in pod.containers() {
        if let Some((path, v)) = container_security(c, &keys) {
            if v.as_bool() == Some(true) {
                push(path, c.describe());
            }
        }
    }
    out
}
