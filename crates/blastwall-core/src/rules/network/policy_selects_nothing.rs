//! BW406 policy-selects-nothing: a NetworkPolicy whose podSelector matches no pod of its namespace.

use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::net::{has_pods, policy_of};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW406",
    name: "policy-selects-nothing",
    category: Category::Network,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A NetworkPolicy selects no pod of its namespace among the inputs.",
    help: "make `spec.podSelector` match the labels of the pods it is meant to protect",
    docs: Docs {
        what: "Reports NetworkPolicies whose `spec.podSelector` matches none of the pods the inputs put in the \
policy's namespace. Namespaces without pods among the inputs are not judged.",
        why: "A policy that selects nothing protects nothing: usually a label was renamed or misspelt, and the \
pods it was written for are open.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: shop\n  labels: {app: api}\nspec:\n  containers:\n  - name: api\n    image: registry.example/api:1.0\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api-in\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: {app: apl}\n  policyTypes: [Ingress]\n",
        remediation: "Fix the selector (compare with `kubectl get pods --show-labels`), or delete the policy.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let Some((_, policy)) = policy_of(c) else {
        return;
    };
    let (net, _) = c.network();
    if !has_pods(net, &policy.namespace) || net.pods_of(&policy.namespace).any(|pod| net.selects(policy, pod))
    {
        return;
    }
    c.report(
        FieldPath::keys(&["spec", "podSelector"]),
        format!(
            "no pod of namespace `{}` among the inputs has the labels this policy selects: it protects nothing",
            policy.namespace
        ),
    );
}
