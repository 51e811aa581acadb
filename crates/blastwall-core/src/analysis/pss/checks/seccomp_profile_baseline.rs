//! `seccompProfile_baseline` (baseline): seccomp may not be turned off. Before v1.19 the annotations
//! decide; from v1.19 the `seccompProfile` fields, whose type must be `RuntimeDefault` or `Localhost` when
//! set.

use crate::analysis::pss::fields::{annotations, container_security, pod_security, text};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;

/// The check's id, which `seccompProfile_restricted` replaces from v1.19.
pub(crate) const ID: &str = "seccompProfile_baseline";

/// The check.
pub(crate) const CHECK: Check = Check {
    id: ID,
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

const POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";

/// A seccomp profile type that keeps seccomp on.
pub(crate) fn valid_type(t: &str) -> bool {
    matches!(t, "RuntimeDefault" | "Localhost")
}

fn valid_annotation(v: &str) -> bool {
    v == "runtime/default" || v == "docker/default" || v.starts_with("localhost/")
}

fn run(pod: &PodSpec<'_>, minor: u32) -> Vec<Violation> {
    if minor < 19 {
        return by_annotations(pod);
    }
    let mut out = Vec::new();
    let mut bad = |path, who: String, t: &str| {
        out.push(CHECK.violation(
            path,
            format!("{who} must not set securityContext.seccompProfile.type to {t:?}"),
        ));
    };
    if let Some((path, profile)) = pod_security(pod, &["seccompProfile"]) {
        let t = text(profile.get("type"));
        if !valid_type(t) {
            bad(path.key("type"), "the pod".into(), t);
        }
    }
    for c in pod.containers() {
        if let Some((path, profile)) = container_security(c, &["seccompProfile"]) {
            let t = text(profile.get("type"));
            if !valid_type(t) {
                bad(path.key("type"), c.describe(), t);
            }
        }
    }
    out
}

fn by_annotations(pod: &PodSpec<'_>) -> Vec<Violation> {
    let names: Vec<String> = pod
        .containers()
        .iter()
        .map(|c| format!("{CONTAINER_ANNOTATION_PREFIX}{}", c.name))
        .collect();
    annotations(pod)
        .into_iter()
        .filter(|(key, _, _)| *key == POD_ANNOTATION || names.iter().any(|n| n == key))
        .filter_map(|(key, value, path)| {
            let v = value.as_str().unwrap_or("");
            (!valid_annotation(v))
                .then(|| CHECK.violation(path, format!("annotation {key}={v:?} turns seccomp off")))
        })
        .collect()
}
