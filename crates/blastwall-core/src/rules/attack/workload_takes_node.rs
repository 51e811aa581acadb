//! BW602 workload-takes-node: a container of the workload can take over its node.

use crate::analysis::attack::{EdgeKind, Vertex};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW602",
    name: "workload-takes-node",
    category: Category::AttackPath,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["mitre:T1611", "pss:baseline"],
    summary: "A container of the workload can take over its node, and with it every pod the node runs.",
    help: "remove the setting that reaches the node (privileged, the capability, the host path), or run the workload on nodes of its own",
    docs: Docs {
        what: "One finding per workload that has a way out of its containers onto the node, listing every way: a \
privileged container; hostPID beside a privileged container or SYS_ADMIN (`nsenter -t 1`); SYS_PTRACE beside \
hostPID; SYS_ADMIN, SYS_MODULE, DAC_READ_SEARCH or ALL added; a hostPath of the node's root, its credentials, \
kernel interfaces or kubelet state, of `/var/log` (log symlink attacks) or of a container runtime socket. The \
message says what the node leads to in the attack graph: the pods that can be scheduled there (any pod, since \
the inputs do not say where pods run) and, when their tokens go further, cluster-admin.",
        why: "From a node an attacker reads the tokens and Secrets of every pod on it, and the kubelet's \
credentials; with pods free to be scheduled anywhere, one node is a short step from every workload.",
        example: "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: ops}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      hostPID: true\n      containers:\n      - name: agent\n        image: registry.example/agent:1\n        securityContext: {privileged: true}\n",
        remediation: "Drop `privileged`, `hostPID` and added capabilities, and mount narrow host paths read-only. A \
workload that truly needs the node (a CNI or storage agent) belongs in a namespace of its own, on nodes that run \
nothing else, with a suppression that says why.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if c.pods.is_empty() {
        return;
    }
    let (built, toward) = c.analyses.attack();
    let graph = &built.graph;
    let Some(me) = graph.find(&Vertex::Workload(c.id)) else {
        return;
    };
    let Some(escape) = graph.out[me as usize]
        .iter()
        .map(|&e| &graph.edges[e as usize])
        .find(|e| e.kind == EdgeKind::Escape)
    else {
        return;
    };
    let Some(first) = escape.evidence.first() else {
        return;
    };
    let ways: Vec<&str> = escape.evidence.iter().map(|e| e.note.as_str()).collect();
    let beyond = match toward.steps(escape.to) {
        Some(n) => format!("; from the node, cluster-admin in {n} more steps"),
        None => String::new(),
    };
    c.report(
        first.path.clone(),
        format!(
            "can take its node ({}); the node holds every pod that can be scheduled there{beyond}",
            ways.join("; ")
        ),
    );
}
