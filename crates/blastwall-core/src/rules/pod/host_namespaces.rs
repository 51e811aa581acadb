//! The shared check of the three host-namespace flags of a pod spec: Pod Security's `hostNamespaces` check,
//! one flag per rule.

use super::pss_check::report_check;
use crate::analysis::pss;
use crate::model::Segment;
use crate::rules::check::Check;

/// Reports the violations of `hostNamespaces` that concern `flag` (`hostNetwork`, `hostPID`, `hostIPC`).
pub(crate) fn check_flag(c: &mut Check<'_>, flag: &str) {
    report_check(
        c,
        &pss::HOST_NAMESPACES,
        |_, v| matches!(v.path.segments().last(), Some(Segment::Key(key)) if key == flag),
    );
}
