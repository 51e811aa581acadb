//! BW306 rbac-impersonate: a Role or ClusterRole can impersonate users, groups or service accounts.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW306",
    name: "rbac-impersonate",
    category: Category::Rbac,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "mitre:T1134"],
    summary: "A Role or ClusterRole can impersonate users, groups or service accounts.",
    help: "remove `impersonate`, or restrict it with resourceNames to the identities needed",
    docs: Docs {
        what: "Reports role rules that grant `impersonate` on `users`, `groups`, `serviceaccounts` (core) or `uids`/`userextras` (authentication.k8s.io). A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "Impersonation acts as someone else: impersonating group `system:masters` is cluster administrator, and any user or service account's permissions become the holder's.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: impersonator\nrules:\n- apiGroups: [\"\"]\n  resources: [\"users\", \"groups\"]\n  verbs: [\"impersonate\"]\n",
        remediation: "Remove the rule, or list exactly which identities may be impersonated with `resourceNames`.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        let mut which: Vec<&str> = ["users", "groups", "serviceaccounts"]
            .into_iter()
            .filter(|r| g.grants("impersonate", "", r))
            .collect();
        which.extend(
            ["uids", "userextras"]
                .into_iter()
                .filter(|r| g.grants("impersonate", "authentication.k8s.io", r)),
        );
        (!which.is_empty()).then(|| format!("can impersonate {}", which.join(", ")))
    });
}
