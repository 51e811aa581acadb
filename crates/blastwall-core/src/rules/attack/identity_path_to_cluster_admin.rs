//! BW603 identity-path-to-cluster-admin: a workload's service account, or a subject of a binding, has a path
//! to cluster-admin power.

use crate::analysis::attack::{one_line, EdgeKind, Vertex};
use crate::analysis::rbac::SubjectKey;
use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;
use crate::source::Node;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW603",
    name: "identity-path-to-cluster-admin",
    category: Category::AttackPath,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "mitre:T1078", "mitre:T1098"],
    summary: "A workload's service account, or a subject the inputs bind, holds or can reach cluster-admin power.",
    help: "break the path at its first step: remove the permission that step uses, or stop mounting the token",
    docs: Docs {
        what: "For each object that makes pods and mounts its service account token, the shortest path (up to \
eight steps) in the attack graph from that account to full power over the cluster; for each subject of a \
RoleBinding or ClusterRoleBinding among the inputs that no workload of the inputs runs as, the same from that \
subject, reported at the binding that opens the path's first step. Steps are decided by the RBAC authorizer over \
the inputs and Kubernetes' built-in roles: create or rewrite pods and workloads (as any account of the \
namespace, or as a pod that takes its node where Pod Security admits it), exec into running pods, read or create \
token Secrets, mint tokens, impersonate, bind or escalate roles (as escalation prevention allows), the kubelet \
API, client certificates, admission webhooks and hostPath volumes. Subjects that simply hold every permission \
are left to cluster-admin-binding.",
        why: "A breached pod is its service account, and a leaked credential is its subject. When either leads to \
cluster-admin, one compromise is the cluster: every Secret, every node, every workload.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: operator-all\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects:\n- {kind: ServiceAccount, name: operator, namespace: ops}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\n  namespace: ops\nrules:\n- apiGroups: [\"\"]\n  resources: [\"pods\"]\n  verbs: [\"create\"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ci-deployer\n  namespace: ops\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}\nsubjects:\n- {kind: ServiceAccount, name: ci}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\n  namespace: ops\nspec:\n  serviceAccountName: ci\n  containers:\n  - name: ci\n    image: registry.example/ci:1\n",
        remediation: "Remove the permission the first step uses (or move the stronger account out of the namespace \
where others may create pods), and stop mounting tokens that workloads do not use.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if c.pods.is_empty() {
        check_binding(c);
        return;
    }
    let (built, toward) = c.analyses.attack();
    let graph = &built.graph;
    let namespace = c.object.oref.namespace.as_deref().unwrap_or("default");
    for pod in c.pods {
        if !pod.mounts_token(c.inventory, c.object.oref.namespace.as_deref()) {
            continue;
        }
        let account = pod.service_account();
        let me = Vertex::Identity(SubjectKey::ServiceAccount(
            namespace.to_owned(),
            account.to_owned(),
        ));
        let Some(path) = graph.find(&me).and_then(|v| toward.path(graph, v)) else {
            continue;
        };
        c.report(
            pod.path_to("serviceAccountName"),
            format!(
                "service account `{namespace}/{account}` reaches cluster-admin in {} steps: {}",
                path.steps.len(),
                one_line(&path, graph, c.inventory)
            ),
        );
    }
}

/// The subjects of a binding among the inputs whose path to cluster-admin starts with a step this binding
/// opens, and that no workload of the inputs runs as (those are reported at the workload).
fn check_binding(c: &mut Check<'_>) {
    if !matches!(c.object.oref.kind.as_str(), "RoleBinding" | "ClusterRoleBinding") {
        return;
    }
    let (built, toward) = c.analyses.attack();
    let graph = &built.graph;
    let subjects = c
        .object
        .root
        .get("subjects")
        .and_then(Node::as_seq)
        .unwrap_or_default();
    let binding_ns = c.object.oref.namespace.as_deref();
    for (i, subject) in subjects.iter().enumerate() {
        let text = |key: &str| subject.get(key).and_then(Node::as_str).unwrap_or("");
        let key = match text("kind") {
            "User" => SubjectKey::of_user(text("name")),
            "Group" => SubjectKey::Group(text("name").to_owned()),
            "ServiceAccount" => {
                let ns = subject.get("namespace").and_then(Node::as_str).or(binding_ns);
                let Some(ns) = ns else { continue };
                SubjectKey::ServiceAccount(ns.to_owned(), text("name").to_owned())
            }
            _ => continue,
        };
        let Some(me) = graph.find(&Vertex::Identity(key)) else {
            continue;
        };
        let run_by_workload = graph.into[me as usize]
            .iter()
            .any(|&e| graph.edges[e as usize].kind == EdgeKind::Token);
        let Some(path) = toward.path(graph, me) else {
            continue;
        };
        let Some(first) = path.steps.first() else {
            continue;
        };
        let opened_here = first.evidence.iter().any(|e| e.object == Some(c.id));
        if run_by_workload || !opened_here || first.kind == EdgeKind::Holds {
            continue;
        }
        c.report(
            FieldPath::keys(&["subjects"]).index(i),
            format!(
                "reaches cluster-admin in {} steps: {}",
                path.steps.len(),
                one_line(&path, graph, c.inventory)
            ),
        );
    }
}
