//! BW309 rbac-csr-approve: a Role or ClusterRole can approve certificate signing requests.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW309",
    name: "rbac-csr-approve",
    category: Category::Rbac,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "mitre:T1649"],
    summary: "A Role or ClusterRole can approve certificate signing requests.",
    help: "leave certificate approval to the control plane's controllers",
    docs: Docs {
        what: "Reports role rules that grant `update` or `patch` on `certificatesigningrequests/approval`, or `approve` on `signers` (certificates.k8s.io). A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "Approving a CSR for the API server's client signer issues a certificate for any user and group, including `system:masters`: permanent cluster administrator credentials that RBAC cannot revoke.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: csr-approver\nrules:\n- apiGroups: [\"certificates.k8s.io\"]\n  resources: [\"certificatesigningrequests/approval\"]\n  verbs: [\"update\"]\n- apiGroups: [\"certificates.k8s.io\"]\n  resources: [\"signers\"]\n  verbs: [\"approve\"]\n",
        remediation: "Remove the rules; if a component must approve, restrict `approve` to its own signer with `resourceNames`.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        let approval = g.grants_any(
            &["update", "patch"],
            "certificates.k8s.io",
            &["certificatesigningrequests/approval"],
        );
        let sign = g.grants("approve", "certificates.k8s.io", "signers");
        (approval || sign).then(|| "can approve certificate signing requests".into())
    });
}
