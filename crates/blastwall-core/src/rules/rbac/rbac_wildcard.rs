//! BW301 rbac-wildcard: a Role or ClusterRole grants `*` verbs or resources.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW301",
    name: "rbac-wildcard",
    category: Category::Rbac,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "cis:5.1.3", "mitre:T1078"],
    summary: "A Role or ClusterRole grants `*` verbs or resources.",
    help: "list the verbs and resources the workload needs instead of `*`",
    docs: Docs {
        what: "Reports role rules whose verbs or resources contain `*` (all verbs, or all resources and subresources of the listed groups, including ones added later by CRDs). A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "A wildcard grants every verb, including `escalate`, `bind` and `impersonate`, or every resource, including secrets and subresources such as `pods/exec`: whoever holds it can usually become cluster administrator in a few steps.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\n  namespace: shop\nrules:\n- apiGroups: [\"apps\"]\n  resources: [\"*\"]\n  verbs: [\"*\"]\n",
        remediation: "Replace the wildcard with the exact verbs and resources (`kubectl auth can-i --list --as` on the current identity shows what is used).",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        let verbs = g.rule.verbs.iter().any(|v| v == "*");
        let resources = g.rule.resources.iter().any(|r| r == "*");
        match (verbs, resources) {
            (true, true) => Some("grants every verb on every resource of its API groups".into()),
            (true, false) => Some("grants every verb (including escalate, bind, impersonate)".into()),
            (false, true) => Some("grants its verbs on every resource of its API groups".into()),
            (false, false) => None,
        }
    });
}
