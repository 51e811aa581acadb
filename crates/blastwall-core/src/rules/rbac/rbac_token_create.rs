//! BW307 rbac-token-create: a Role or ClusterRole can mint tokens for service accounts.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW307",
    name: "rbac-token-create",
    category: Category::Rbac,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "mitre:T1528"],
    summary: "A Role or ClusterRole can mint tokens for service accounts.",
    help: "remove `create` on `serviceaccounts/token`, or restrict it with resourceNames",
    docs: Docs {
        what: "Reports role rules that grant `create` on `serviceaccounts/token` for any service account. A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "A token request returns a fresh, valid token of the service account: the holder becomes any service account it can name, with all of its permissions.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: token-minter\n  namespace: shop\nrules:\n- apiGroups: [\"\"]\n  resources: [\"serviceaccounts/token\"]\n  verbs: [\"create\"]\n",
        remediation: "Remove the rule; if a component must mint tokens, name the service accounts in `resourceNames`.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        g.grants("create", "", "serviceaccounts/token")
            .then(|| "can mint service-account tokens".into())
    });
}
