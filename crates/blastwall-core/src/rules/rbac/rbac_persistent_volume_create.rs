//! BW311 rbac-persistent-volume-create: a Role or ClusterRole can create PersistentVolumes, including hostPath ones.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW311",
    name: "rbac-persistent-volume-create",
    category: Category::Rbac,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "mitre:T1611"],
    summary: "A Role or ClusterRole can create PersistentVolumes, including hostPath ones.",
    help: "let a StorageClass provision volumes; keep PersistentVolume creation to storage administrators",
    docs: Docs {
        what: "Reports role rules that grant `create` on `persistentvolumes`. A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "A PersistentVolume can point at a hostPath: claiming it mounts any directory of a node into a pod, around Pod Security's hostPath ban.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: pv-creator\nrules:\n- apiGroups: [\"\"]\n  resources: [\"persistentvolumes\"]\n  verbs: [\"create\"]\n",
        remediation: "Remove the rule and provision storage through StorageClasses and PersistentVolumeClaims.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        g.grants("create", "", "persistentvolumes")
            .then(|| "can create PersistentVolumes".into())
    });
}
