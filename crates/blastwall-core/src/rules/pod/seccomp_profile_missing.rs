//! BW122 seccomp-profile-missing: no seccomp profile is required for the pod.

use crate::model::Segment;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW122",
    name: "seccomp-profile-missing",
    category: Category::Pod,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["pss:restricted:seccompProfile_restricted", "cis:5.7.2", "nsa:pod-security:seccomp"],
    summary: "Neither the pod nor the container sets a seccomp profile.",
    help: "set `securityContext.seccompProfile.type: RuntimeDefault` on the pod",
    docs: Docs {
        what: "Reports containers with no `seccompProfile` when the pod sets none either, as the \
`seccompProfile_restricted` check of the restricted Pod Security Standard does from policy v1.19 (Windows pods \
are exempt from v1.25). Profiles set to a forbidden type are reported by `seccomp-disabled`.",
        why: "Unless the kubelet runs with `--seccomp-default`, a container without a profile runs unconfined: every \
system call, including those used in kernel exploits, is open to it.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: registry.example/web:1\n",
        remediation: "Add `seccompProfile: {type: RuntimeDefault}` to the pod's securityContext; it covers every \
container.",
        references: &[
            "https://kubernetes.io/docs/tutorials/security/seccomp/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::SECCOMP_PROFILE_RESTRICTED, |_, v| {
        v.path.segments().last() != Some(&Segment::Key("type".into()))
    });
}
