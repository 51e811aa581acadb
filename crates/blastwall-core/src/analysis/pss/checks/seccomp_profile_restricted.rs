//! `seccompProfile_restricted` (restricted, v1.19): the pod, or every container, sets a seccomp profile of
//! type `RuntimeDefault` or `Localhost`; Windows pods are exempt from v1.25. Replaces
//! `seccompProfile_baseline`.

use super::seccomp_profile_baseline::{valid_type, ID as SECCOMP_BASELINE};
use crate::analysis::pss::fields::{container_security, is_windows, pod_security, text};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "seccompProfile_restricted",
    level: Level::Restricted,
    since: 19,
    overrides: Some(SECCOMP_BASELINE),
    run,
};

fn run(pod: &PodSpec<'_>, minor: u32) -> Vec<Violation> {
    if minor >= 25 && is_windows(pod) {
        return Vec::new();
    }
    let mut explicit = Vec::new();
    let mut pod_set = false;
    if let Some((path, profile)) = pod_security(pod, &["seccompProfile"]) {
        let t = text(profile.get("type"));
        if valid_type(t) {
            pod_set = true;
        } else {
            explicit.push(CHECK.violation(
                path.key("type"),
                format!("the pod must not set the seccomp profile type {t:?}"),
            ));
        }
    }
    let mut implicit = Vec::new();
    for c in pod.containers() {
        match container_security(c, &["seccompProfile"]) {
            Some((path, profile)) => {
                let t = text(profile.get("type"));
                if !valid_type(t) {
                    explicit.push(CHECK.violation(
                        path.key("type"),
                        format!("{} must not set the seccomp profile type {t:?}", c.describe()),
                    ));
                }
            }
            None if !pod_set => implicit.push(CHECK.violation(
                c.path.clone(),
                format!("the pod or {} must set securityContext.seccompProfile.type to RuntimeDefault or Localhost", c.describe()),
            )),
            None => {}
        }
    }
    // Upstream words its message from the explicit settings alone when there are any; the decision is the
    // same, and listing the missing settings too shows everything left to fix.
    explicit.extend(implicit);
    explicit
}
