//! BW302 rbac-secret-read: a Role or ClusterRole can read Secrets.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW302",
    name: "rbac-secret-read",
    category: Category::Rbac,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:secrets", "cis:5.1.2", "mitre:T1552"],
    summary: "A Role or ClusterRole can read Secrets.",
    help: "grant `get` on the named Secrets the workload needs (resourceNames), never `list` or `watch`",
    docs: Docs {
        what: "Reports role rules that grant `get`, `list` or `watch` on `secrets` of the core group (directly or through `*`), unless restricted by resourceNames. A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "Reading Secrets reads their contents: database passwords, API keys and, on older clusters, service-account tokens of stronger accounts. A ClusterRole bound cluster-wide reads every Secret of the cluster.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules:\n- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  verbs: [\"get\", \"list\"]\n",
        remediation: "Mount the Secrets the workload needs instead of reading them through the API; if it must read them, restrict the rule with `resourceNames` and drop `list` and `watch`.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        g.grants_any(&["get", "list", "watch"], "", &["secrets"])
            .then(|| "can read Secrets".into())
    });
}
