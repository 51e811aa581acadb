//! BW316 workload-service-account-risky: a workload runs as a service account with dangerous permissions.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW316",
    name: "workload-service-account-risky",
    category: Category::Rbac,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["cis:5.1.6", "nsa:rbac:least-privilege", "mitre:T1528"],
    summary: "A workload runs as a service account that can read Secrets, create pods, exec, escalate or impersonate.",
    help: "give the workload a service account with only what it calls, or stop mounting the token",
    docs: Docs {
        what: "For each object that makes pods, takes the service account its pods run as and asks the RBAC policy \
of the inputs, as the authorizer would, whether that account may: list Secrets, create pods, exec into pods, \
mint service-account tokens or bind and escalate roles in its namespace; impersonate users, use the kubelet \
proxy or approve certificates cluster-wide. Pods that do not mount the token are not reported.",
        why: "The token of a pod's service account is in every container of the pod. When the pod is breached, \
these permissions are the attacker's: a workload that can read Secrets or create pods turns one compromised \
container into the whole namespace, or the cluster.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: secrets\n  namespace: shop\nrules:\n- apiGroups: [\"\"]\n  resources: [\"secrets\"]\n  verbs: [\"get\", \"list\"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: api-secrets\n  namespace: shop\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secrets}\nsubjects:\n- {kind: ServiceAccount, name: api}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  serviceAccountName: api\n  containers:\n  - name: api\n    image: registry.example/api:1\n",
        remediation: "Split the permissions: the serving workload gets an account with no rights (and \
`automountServiceAccountToken: false`); the rare task that needs more runs as its own account, in its own \
namespace where possible.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    let namespace = object.oref.namespace.as_deref().unwrap_or("default");
    for pod in c.pods {
        if !pod.mounts_token(c.inventory, object.oref.namespace.as_deref()) {
            continue;
        }
        let account = pod.service_account();
        let can = c.analyses.service_account_powers(namespace, account);
        if can.is_empty() {
            continue;
        }
        let path = pod.path_to("serviceAccountName");
        c.report(
            path,
            format!(
                "the pods run as service account `{namespace}/{account}`, which can {}",
                can.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            ),
        );
    }
}
