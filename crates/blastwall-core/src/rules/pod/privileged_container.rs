//! BW101 privileged-container: `securityContext.privileged: true` on any container.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW101",
    name: "privileged-container",
    category: Category::Pod,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:privileged", "cis:5.2.2", "nsa:pod-security:non-privileged", "mitre:T1611"],
    summary: "A container runs privileged, with every device and capability of the node.",
    help: "remove `privileged: true`; grant only the specific capabilities the process needs",
    docs: Docs {
        what: "Reports every container, init container and ephemeral container whose `securityContext.privileged` is `true`.",
        why: "A privileged container runs with all Linux capabilities, sees every host device and is not confined by \
seccomp or AppArmor. Anyone who gets code execution in it can mount the node's disk, load kernel modules and \
take over the node, and from there every pod scheduled on it. The Pod Security Standards forbid it from the \
baseline level up.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n  - name: agent\n    image: registry.example/agent:1.4\n    securityContext:\n      privileged: true\n",
        remediation: "Remove `privileged: true` (or set it to `false`). If the process needs a specific kernel feature, add \
only that capability (for example `NET_ADMIN`) and keep `allowPrivilegeEscalation: false`. Node agents that truly \
need full access belong in a dedicated namespace whose Pod Security level is `privileged`, with a suppression \
that says why.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::PRIVILEGED, |_, _| true);
}
