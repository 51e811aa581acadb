//! `runAsUser` (restricted, v1.23): neither the pod nor a container sets `runAsUser: 0`; from v1.35 pods in
//! a user namespace are exempt.

use crate::analysis::pss::fields::{container_security, in_user_namespace, pod_security};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "runAsUser",
    level: Level::Restricted,
    since: 23,
    overrides: None,
    run,
};

fn run(pod: &PodSpec<'_>, minor: u32) -> Vec<Violation> {
    if minor >= 35 && in_user_namespace(pod) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut check = |found: Option<(crate::model::FieldPath, &crate::source::Node)>, who: String| {
        if let Some((path, v)) = found {
            if v.as_i64() == Some(0) {
                out.push(CHECK.violation(path, format!("{who} must not set runAsUser=0")));
            }
        }
    };
    check(pod_security(pod, &["runAsUser"]), "the pod".into());
    for c in pod.containers() {
        check(container_security(c, &["runAsUser"]), c.describe());
    }
    out
}
