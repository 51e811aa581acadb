//! BW308 rbac-node-proxy: a Role or ClusterRole can reach the kubelet API through nodes/proxy.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW308",
    name: "rbac-node-proxy",
    category: Category::Rbac,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "mitre:T1609"],
    summary: "A Role or ClusterRole can reach the kubelet API through nodes/proxy.",
    help: "remove access to `nodes/proxy`; read metrics through `nodes/metrics` or `nodes/stats`",
    docs: Docs {
        what: "Reports role rules that grant any verb on `nodes/proxy` (a `get` is enough for websocket exec). A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "The kubelet API behind nodes/proxy runs commands in every pod of the node, bypassing admission and the API server's audit log.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: node-proxy\nrules:\n- apiGroups: [\"\"]\n  resources: [\"nodes/proxy\"]\n  verbs: [\"get\"]\n",
        remediation: "Remove the rule. Monitoring needs `nodes/metrics` and `nodes/stats`, not the proxy.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        g.grants_any(
            &["get", "create", "update", "patch", "delete"],
            "",
            &["nodes/proxy"],
        )
        .then(|| "can use the kubelet API (nodes/proxy)".into())
    });
}
