//! BW108 privilege-escalation-allowed: a container that does not set `allowPrivilegeEscalation: false`.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW108",
    name: "privilege-escalation-allowed",
    category: Category::Pod,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &[
        "pss:restricted:allowPrivilegeEscalation",
        "cis:5.2.6",
        "nsa:pod-security:privilege-escalation",
        "mitre:T1548",
    ],
    summary: "A container allows privilege escalation (setuid binaries, file capabilities).",
    help: "set `allowPrivilegeEscalation: false`",
    docs: Docs {
        what: "Reports containers that do not set `securityContext.allowPrivilegeEscalation: false` (escalation is \
allowed by default), as the `allowPrivilegeEscalation` check of the restricted Pod Security Standard does from \
policy v1.8. Windows pods (`spec.os.name: windows`) are exempt from v1.25, as in Kubernetes.",
        why: "With privilege escalation allowed, the kernel's `no_new_privs` flag is off: a process can gain \
privileges through setuid binaries or file capabilities in the image, turning a foothold as an unprivileged user \
into root inside the container, one step from the node.",
        example: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: report\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: report\n        image: registry.example/report:7\n        securityContext:\n          allowPrivilegeEscalation: true\n",
        remediation: "Set `allowPrivilegeEscalation: false` on every container, together with `runAsNonRoot: true` \
and `capabilities: {drop: [ALL]}`. If a tool in the image needs setuid, replace it or run that step in a \
separate, isolated job.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
            "https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::ALLOW_PRIVILEGE_ESCALATION, |_, _| true);
}
