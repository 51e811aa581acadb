//! Rules that report a Pod Security Admission check: they run the check from the PSS engine at the run's
//! policy version, so a finding appears exactly where admission would reject the pod.

use crate::analysis::pss::{Check as PssCheck, Violation};
use crate::model::PodSpec;
use crate::rules::check::Check;

/// Reports the violations of the upstream `check` that `keep` accepts.
pub(crate) fn report_check(
    c: &mut Check<'_>,
    check: &PssCheck,
    keep: impl Fn(&PodSpec<'_>, &Violation) -> bool,
) {
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
