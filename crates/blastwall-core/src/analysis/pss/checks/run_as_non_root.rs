//! `runAsNonRoot` (restricted, v1.0): the pod or every container sets `runAsNonRoot: true`, and none sets
//! it to false; from v1.35 pods in a user namespace are exempt.

use crate::analysis::pss::fields::{container_security, in_user_namespace, pod_security};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "runAsNonRoot",
    level: Level::Restricted,
    since: 0,
    overrides: None,
    run,
};

fn run(pod: &PodSpec<'_>, minor: u32) -> Vec<Violation> {
    if minor >= 35 && in_user_namespace(pod) {
        return Vec::new();
    }
    let mut explicit = Vec::new();
    let mut pod_true = false;
    if let Some((path, v)) = pod_security(pod, &["runAsNonRoot"]) {
        if v.as_bool() == Some(false) {
            explicit.push(CHECK.violation(
                path,
                "the pod must not set securityContext.runAsNonRoot=false".to_owned(),
            ));
        } else {
            pod_true = true;
        }
    }
    let mut implicit = Vec::new();
    for c in pod.containers() {
        match container_security(c, &["runAsNonRoot"]) {
            Some((path, v)) if v.as_bool() == Some(false) => explicit.push(CHECK.violation(
                path,
                format!("{} must not set securityContext.runAsNonRoot=false", c.describe()),
            )),
            None if !pod_true => implicit.push(CHECK.violation(
                c.path.clone(),
                format!(
                    "the pod or {} must set securityContext.runAsNonRoot=true",
                    c.describe()
                ),
            )),
            Some(_) | None => {}
        }
    }
    // Upstream words its message from the explicit settings alone when there are any; the decision is the
    // same, and listing the missing settings too shows everything left to fix.
    explicit.extend(implicit);
    explicit
}
