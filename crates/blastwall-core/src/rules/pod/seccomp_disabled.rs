//! BW114 seccomp-disabled: a seccomp profile explicitly set to something that turns seccomp off.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW114",
    name: "seccomp-disabled",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:seccompProfile_baseline", "cis:5.7.2", "nsa:pod-security:seccomp", "mitre:T1611"],
    summary: "A pod or container turns seccomp off (Unconfined).",
    help: "set `seccompProfile.type: RuntimeDefault` (or Localhost with a profile), or remove the override",
    docs: Docs {
        what: "Reports `seccompProfile` settings at pod or container level whose type is not `RuntimeDefault` or \
`Localhost` (an empty `seccompProfile: {}` counts, as it decodes to an empty type), and for policies before \
v1.19 the seccomp annotations other than `runtime/default`, `docker/default` and `localhost/*`, as the \
`seccompProfile_baseline` check of the baseline Pod Security Standard does.",
        why: "Seccomp filters the system calls a container may make; the runtime default blocks dozens used in \
kernel exploits and container escapes. `Unconfined` exposes the whole kernel interface.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: legacy\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n  - name: legacy\n    image: registry.example/legacy:1\n",
        remediation: "Set `seccompProfile: {type: RuntimeDefault}` in the pod's securityContext. If a system call \
is missing from the default profile, write a `Localhost` profile that adds only it.",
        references: &[
            "https://kubernetes.io/docs/tutorials/security/seccomp/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::SECCOMP_PROFILE_BASELINE, |_, _| true);
}
