//! BW112 selinux-options-overridden: a custom `SELinux` type, user or role.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW112",
    name: "selinux-options-overridden",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:seLinuxOptions", "mitre:T1611"],
    summary: "A pod or container sets a custom SELinux type, user or role.",
    help: "remove `seLinuxOptions.user`/`role`; use one of the container SELinux types or none",
    docs: Docs {
        what: "Reports `seLinuxOptions` at pod or container level whose `type` is not empty, `container_t`, \
`container_init_t`, `container_kvm_t` (or `container_engine_t` from policy v1.31), or that set `user` or `role`, \
as the `seLinuxOptions` check of the baseline Pod Security Standard does.",
        why: "SELinux confines containers to the `container_t` domain on nodes that enforce it. A custom type, \
such as `spc_t` (super-privileged container), or a custom user or role lifts that confinement.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n  containers:\n  - name: agent\n    image: registry.example/agent:1\n",
        remediation: "Remove `seLinuxOptions`, or set only a `level` (MCS categories) and one of the allowed types.",
        references: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::SE_LINUX_OPTIONS, |_, _| true);
}
