//! `seLinuxOptions` (baseline, v1.0): only the container `SELinux` types, and no custom user or role;
//! `container_engine_t` is allowed from v1.31.

use crate::analysis::pss::fields::{container_security, pod_security, text};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::{FieldPath, PodSpec};
use crate::source::Node;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "seLinuxOptions",
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

fn allowed_type(t: &str, minor: u32) -> bool {
    matches!(t, "" | "container_t" | "container_init_t" | "container_kvm_t")
        || (minor >= 31 && t == "container_engine_t")
}

fn inspect(options: &Node, path: &FieldPath, who: &str, minor: u32, out: &mut Vec<Violation>) {
    let t = text(options.get("type"));
    let mut push = |key: &str, message: String| {
        out.push(CHECK.violation(path.key(key), message));
    };
    if !allowed_type(t, minor) {
        push("type", format!("{who} must not set the SELinux type {t:?}"));
    }
    for key in ["user", "role"] {
        let v = text(options.get(key));
        if !v.is_empty() {
            push(key, format!("{who} must not set the SELinux {key} ({v:?})"));
        }
    }
}

fn run(pod: &PodSpec<'_>, minor: u32) -> Vec<Violation> {
    let mut out = Vec::new();
    if let Some((path, options)) = pod_security(pod, &["seLinuxOptions"]) {
        inspect(options, &path, "the pod", minor, &mut out);
    }
    for c in pod.containers() {
        if let Some((path, options)) = container_security(c, &["seLinuxOptions"]) {
            inspect(options, &path, &c.describe(), minor, &mut out);
        }
    }
    out
}
