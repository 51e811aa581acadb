//! BW305 rbac-escalate-bind: a Role or ClusterRole can escalate or bind roles beyond its holder's own permissions.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW305",
    name: "rbac-escalate-bind",
    category: Category::Rbac,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "mitre:T1098"],
    summary: "A Role or ClusterRole can escalate or bind roles beyond its holder's own permissions.",
    help: "remove `escalate` and `bind`; let holders grant only what they already have",
    docs: Docs {
        what: "Reports role rules that grant `escalate` or `bind` on `roles` or `clusterroles` of `rbac.authorization.k8s.io`. A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "The API server normally refuses to let anyone write a role or binding with more than they hold. `escalate` lifts that check for roles and `bind` for bindings: the holder can grant itself `cluster-admin` (within the binding's scope).",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: role-manager\nrules:\n- apiGroups: [\"rbac.authorization.k8s.io\"]\n  resources: [\"clusterroles\"]\n  verbs: [\"bind\", \"escalate\"]\n",
        remediation: "Remove the verbs. Identities that manage RBAC should hold the permissions they hand out, or be restricted with resourceNames to the roles they may bind.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        let verbs: Vec<&str> = ["escalate", "bind"]
            .into_iter()
            .filter(|v| g.grants_any(&[v], "rbac.authorization.k8s.io", &["roles", "clusterroles"]))
            .collect();
        (!verbs.is_empty()).then(|| format!("can {} roles", verbs.join(" and ")))
    });
}
