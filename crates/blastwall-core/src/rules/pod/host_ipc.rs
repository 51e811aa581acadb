//! BW104 host-ipc: `hostIPC: true` shares the node's shared memory and message queues.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::host_namespaces::check_flag;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW104",
    name: "host-ipc",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:hostNamespaces", "cis:5.2.4", "nsa:pod-security:host-namespaces", "mitre:T1611"],
    summary: "A pod shares the node's IPC namespace.",
    help: "remove `hostIPC: true`",
    docs: Docs {
        what: "Reports pods and pod templates with `spec.hostIPC: true`.",
        why: "The host's IPC namespace gives the container the shared memory segments and message queues of every \
process on the node, including other pods' on the host network: data there can be read and tampered with. The \
Pod Security Standards forbid it from the baseline level up.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: shm\nspec:\n  hostIPC: true\n  containers:\n  - name: shm\n    image: registry.example/shm:1.0\n",
        remediation: "Remove `hostIPC: true`. Containers of one pod already share an IPC namespace; use an `emptyDir` \
volume with `medium: Memory` for shared memory between them.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    check_flag(c, "hostIPC");
}
