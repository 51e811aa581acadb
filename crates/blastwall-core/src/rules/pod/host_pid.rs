//! BW103 host-pid: `hostPID: true` shows the pod every process of the node.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::host_namespaces::check_flag;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW103",
    name: "host-pid",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:hostNamespaces", "cis:5.2.3", "nsa:pod-security:host-namespaces", "mitre:T1611"],
    summary: "A pod shares the node's process namespace.",
    help: "remove `hostPID: true`",
    docs: Docs {
        what: "Reports pods and pod templates with `spec.hostPID: true`.",
        why: "With the host's process namespace a container sees every process on the node, can read their \
environment (often holding credentials) and, when it also runs as root or with `SYS_PTRACE`, can inject into \
them and escape to the host. The Pod Security Standards forbid it from the baseline level up.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: top\nspec:\n  hostPID: true\n  containers:\n  - name: top\n    image: registry.example/tools:1.0\n",
        remediation: "Remove `hostPID: true`. To share processes between the containers of one pod, use \
`shareProcessNamespace: true` instead, which stays inside the pod.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    check_flag(c, "hostPID");
}
