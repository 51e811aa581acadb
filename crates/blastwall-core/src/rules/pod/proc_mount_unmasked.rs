//! BW113 proc-mount-unmasked: `/proc` without the runtime's masks.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW113",
    name: "proc-mount-unmasked",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:procMount", "pss:restricted:procMount_restricted", "mitre:T1611"],
    summary: "A container mounts /proc without the default masks.",
    help: "remove `procMount` (or set it to Default)",
    docs: Docs {
        what: "Reports containers whose `securityContext.procMount` is set to anything but `Default`. The \
baseline Pod Security Standard allows it from policy v1.35 for pods in a user namespace (`hostUsers: false`); \
the restricted level (`procMount_restricted`) never does, and neither does this rule.",
        why: "The runtime masks parts of `/proc` (such as `/proc/kcore` and `/proc/sys`) that expose kernel \
memory and settings. An unmasked `/proc` hands them to the container.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  hostUsers: false\n  containers:\n  - name: builder\n    image: registry.example/builder:1\n    securityContext:\n      procMount: Unmasked\n",
        remediation: "Remove `procMount`. Nested container builds that need it should run in a sandboxed runtime \
(gVisor, Kata) rather than unmask `/proc` on a shared node.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if c.pss_version.minor() >= 35 {
        report_check(c, &pss::PROC_MOUNT_RESTRICTED, |_, _| true);
    } else {
        report_check(c, &pss::PROC_MOUNT, |_, _| true);
    }
}
