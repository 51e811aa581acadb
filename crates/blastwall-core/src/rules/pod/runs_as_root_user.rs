//! BW121 runs-as-root-user: `runAsUser: 0`.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW121",
    name: "runs-as-root-user",
    category: Category::Pod,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["pss:restricted:runAsUser", "cis:5.2.7", "nsa:pod-security:non-root", "mitre:T1611"],
    summary: "A pod or container is set to run as UID 0 (root).",
    help: "set `runAsUser` to a non-zero UID",
    docs: Docs {
        what: "Reports `runAsUser: 0` at pod or container level, as the `runAsUser` check of the restricted Pod \
Security Standard does from policy v1.23 (pods in a user namespace are exempt from v1.35).",
        why: "Running as root gives a compromised process every file of the container image and of writable \
mounts, and is the starting point of most container escapes.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: job\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n  - name: job\n    image: registry.example/job:1\n",
        remediation: "Set `runAsUser` to the image's non-root UID (or any UID above 10000 for images that allow it) \
and `runAsNonRoot: true`.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::RUN_AS_USER, |_, _| true);
}
