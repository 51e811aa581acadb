//! BW303 rbac-workload-create: a Role or ClusterRole can create pods or workloads, and so run as any service account of the namespace.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW303",
    name: "rbac-workload-create",
    category: Category::Rbac,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "cis:5.1.4", "mitre:T1610"],
    summary: "A Role or ClusterRole can create pods or workloads, and so run as any service account of the namespace.",
    help: "keep pod and workload creation to deployment pipelines, in the namespaces they deploy to",
    docs: Docs {
        what: "Reports role rules that grant `create` on pods or on any controller that makes pods (Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicationControllers). A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "Whoever creates a pod chooses its service account and volumes: any service account of the namespace, any Secret or ConfigMap, and, unless Pod Security forbids it, the node itself. Creating workloads is effectively holding every permission of every service account in the namespace.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: runner\n  namespace: shop\nrules:\n- apiGroups: [\"batch\"]\n  resources: [\"jobs\"]\n  verbs: [\"create\"]\n",
        remediation: "Give pod and workload creation only to the deployment identity, enforce a Pod Security level in the namespace, and keep strong service accounts out of namespaces where others can create pods.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        let kinds: [(&str, &str); 7] = [
            ("", "pods"),
            ("apps", "deployments"),
            ("apps", "replicasets"),
            ("apps", "statefulsets"),
            ("apps", "daemonsets"),
            ("batch", "jobs"),
            ("batch", "cronjobs"),
        ];
        let mut which: Vec<&str> = kinds
            .iter()
            .filter(|(group, resource)| g.grants("create", group, resource))
            .map(|(_, resource)| *resource)
            .collect();
        if g.grants("create", "", "replicationcontrollers") {
            which.push("replicationcontrollers");
        }
        (!which.is_empty()).then(|| format!("can create {}", which.join(", ")))
    });
}
