//! The shared check of the three host-namespace flags of a pod spec.

use crate::rules::check::Check;

/// Reports `spec.<flag>: true` in every pod spec of the object.
pub fn check_flag(c: &mut Check<'_>, flag: &str, what: &str) {
    let pods = c.pods;
    for pod in pods {
        if let Some((path, value)) = pod.field(flag) {
            if value.is_true() {
                c.report(path, format!("the pod {what} (`{flag}: true`)"));
            }
        }
    }
}
