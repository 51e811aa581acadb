//! Rules that report a Pod Security Admission check: they run the check from the PSS engine at the run's
//! policy version, so a finding appears exactly where admission would reject the pod.

use crate::analysis::pss::{Violation, CHECKS};
use crate::model::PodSpec;
use crate::rules::check::Check;

/// Reports the violations of the upstream check `id` that `keep` accepts.
pub fn report_check(c: &mut Check<'_>, id: &str, keep: impl Fn(&PodSpec<'_>, &Violation) -> bool) {
    let check = CHECKS
        .iter()
        .find(|k| k.id == id)
        .expect("a known Pod Security check");
    let minor = c.pss_version.minor();
    if check.since > minor {
        return;
    }
    for pod in c.pods {
        for v in (check.run)(pod, minor) {
            if keep(pod, &v) {
                c.report(v.path, v.message);
            }
        }
    }
}
