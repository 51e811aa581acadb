//! `appArmorProfile` (baseline, v1.0): `AppArmor` may not be disabled or overridden with anything but the
//! runtime default or a profile loaded on the node, in the fields or the older annotations.

use crate::analysis::pss::fields::{annotations, container_security, pod_security, text};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::{FieldPath, PodSpec};

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "appArmorProfile",
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

const ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

fn allowed_type(t: &str) -> bool {
    matches!(t, "RuntimeDefault" | "Localhost")
}

fn allowed_annotation(v: &str) -> bool {
    v.is_empty() || v == "runtime/default" || v.starts_with("localhost/")
}

fn run(pod: &PodSpec<'_>, _minor: u32) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut bad = |path: FieldPath, who: String, value: &str| {
        out.push(CHECK.violation(
            path,
            format!("{who} must not set the AppArmor profile to {value:?}"),
        ));
    };
    if let Some((path, profile)) = pod_security(pod, &["appArmorProfile"]) {
        let t = text(profile.get("type"));
        if !allowed_type(t) {
            bad(path.key("type"), "the pod".into(), t);
        }
    }
    for c in pod.containers() {
        if let Some((path, profile)) = container_security(c, &["appArmorProfile"]) {
            let t = text(profile.get("type"));
            if !allowed_type(t) {
                bad(path.key("type"), c.describe(), t);
            }
        }
    }
    for (key, value, path) in annotations(pod) {
        let v = value.as_str().unwrap_or("");
        if key.starts_with(ANNOTATION_PREFIX) && !allowed_annotation(v) {
            bad(path, format!("annotation {key}"), v);
        }
    }
    out
}
