//! BW120 may-run-as-root: nothing requires the containers to run as a non-root user.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW120",
    name: "may-run-as-root",
    category: Category::Pod,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["pss:restricted:runAsNonRoot", "cis:5.2.7", "nsa:pod-security:non-root", "mitre:T1611"],
    summary: "A container may run as root: `runAsNonRoot: true` is not set (or is set to false).",
    help: "set `securityContext.runAsNonRoot: true` on the pod (and a non-zero `runAsUser` if the image's user is root)",
    docs: Docs {
        what: "Reports pods where neither the pod nor each container sets `runAsNonRoot: true`, and every explicit \
`runAsNonRoot: false`, as the `runAsNonRoot` check of the restricted Pod Security Standard does. Pods in a user \
namespace (`hostUsers: false`) are exempt from policy v1.35, as in Kubernetes.",
        why: "Root in a container is root on the node's kernel: one kernel bug, one writable host mount or one \
added capability away from the node. With `runAsNonRoot: true` the kubelet refuses to start a container whose \
image would run as UID 0.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: registry.example/web:1\n",
        remediation: "Set `runAsNonRoot: true` in the pod's securityContext, build images with a numeric non-root \
`USER`, or set `runAsUser` to a non-zero UID.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::RUN_AS_NON_ROOT, |_, _| true);
}
