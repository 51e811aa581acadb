//! BW317 service-account-escalation-path: a workload's service account can reach cluster-admin power.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW317",
    name: "service-account-escalation-path",
    category: Category::Rbac,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "mitre:T1078", "mitre:T1098"],
    summary: "A workload runs as a service account that holds, or can reach in a few steps, cluster-admin power.",
    help: "break the chain at its first step: remove the permission that step uses from the workload's account",
    docs: Docs {
        what: "For each object that makes pods and mounts its service account token, searches the shortest chain \
(up to four steps) from that account to full power over the cluster, each step decided by the RBAC authorizer \
over the inputs: create a pod running as a stronger service account of a namespace, mint its token, read its \
token Secret, impersonate it or a user or group bound to more (groups only with a user beside them, as the API \
server requires), bind `cluster-admin` to itself, or add `*` to a ClusterRole it is bound to with `escalate`. \
Kubernetes' built-in roles and bindings count. The finding lists the steps; an account that already holds `*` on everything is reported with an empty chain.",
        why: "A breached pod is its service account. When that account leads to cluster-admin, one compromised \
container is a compromised cluster: every Secret, every node, every workload.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: all\nrules:\n- apiGroups: [\"*\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: operator-all\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: all}\nsubjects:\n- {kind: ServiceAccount, name: operator, namespace: ops}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\n  namespace: ops\nrules:\n- apiGroups: [\"\"]\n  resources: [\"pods\"]\n  verbs: [\"create\"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ci-deployer\n  namespace: ops\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}\nsubjects:\n- {kind: ServiceAccount, name: ci}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ci\n  namespace: ops\nspec:\n  serviceAccountName: ci\n  containers:\n  - name: ci\n    image: registry.example/ci:1\n",
        remediation: "Remove the permission the first step uses from the workload's service account (or move the \
stronger account out of the namespace where others may create pods), and stop mounting tokens that workloads \
do not use.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    if c.pods.is_empty() {
        return;
    }
    let namespace = object.oref.namespace.as_deref().unwrap_or("default");
    for pod in c.pods {
        if !pod.mounts_token(c.inventory, object.oref.namespace.as_deref()) {
            continue;
        }
        let account = pod.service_account();
        let path = c.analyses.service_account_escalation(namespace, account);
        let steps = match path.as_deref() {
            None => continue,
            Some([]) => "already holds every permission".to_owned(),
            Some(steps) => steps.join(", then "),
        };
        c.report(
            pod.path_to("serviceAccountName"),
            format!("service account `{namespace}/{account}` reaches cluster-admin: {steps}"),
        );
    }
}
