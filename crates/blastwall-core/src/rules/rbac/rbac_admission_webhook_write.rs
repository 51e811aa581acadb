//! BW310 rbac-admission-webhook-write: a Role or ClusterRole can change admission webhooks and policies.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW310",
    name: "rbac-admission-webhook-write",
    category: Category::Rbac,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "mitre:T1562"],
    summary: "A Role or ClusterRole can change admission webhooks and policies.",
    help: "keep admission configuration to the platform's deployment identity",
    docs: Docs {
        what: "Reports role rules that grant `create`, `update`, `patch` or `delete` on validating or mutating webhook configurations, or on validating admission policies and their bindings. A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "Admission decides what the cluster accepts: whoever writes a webhook receives every matching object (Secrets included) and, for a mutating webhook, rewrites it; whoever deletes them switches the controls off.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: webhook-admin\nrules:\n- apiGroups: [\"admissionregistration.k8s.io\"]\n  resources: [\"mutatingwebhookconfigurations\"]\n  verbs: [\"create\", \"update\"]\n",
        remediation: "Remove the rule; operators that manage their own webhook should be limited to it with `resourceNames`.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        let kinds = [
            "validatingwebhookconfigurations",
            "mutatingwebhookconfigurations",
            "validatingadmissionpolicies",
            "validatingadmissionpolicybindings",
        ];
        g.grants_any(
            &["create", "update", "patch", "delete"],
            "admissionregistration.k8s.io",
            &kinds,
        )
        .then(|| "can change admission webhooks or policies".into())
    });
}
