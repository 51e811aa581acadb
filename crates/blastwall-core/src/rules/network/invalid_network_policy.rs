//! BW401 invalid-network-policy: a NetworkPolicy the API server would refuse.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW401",
    name: "invalid-network-policy",
    category: Category::Network,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A NetworkPolicy has a field the API server refuses: the policy is not applied at all.",
    help: "fix the field so that `kubectl apply --dry-run=server` accepts the policy",
    docs: Docs {
        what: "Reports peers that are empty or combine `ipBlock` with selectors, CIDRs that do not parse, \
unknown protocols, ports or `endPort` outside 1-65535 or in the wrong order, and NetworkPolicies of the \
`extensions/v1beta1` API, which is no longer served.",
        why: "The API server rejects the whole object, so none of its rules protect anything; a pipeline that \
ignores the error leaves the pods as open as before, while the manifest suggests they are guarded.",
        example: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/33\n",
        remediation: "Correct the field: one of podSelector/namespaceSelector or ipBlock per peer, CIDRs such as \
`10.0.0.0/8`, protocols TCP, UDP or SCTP, `endPort` not below `port`.",
        references: &["https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !c.object.is("networking.k8s.io", "NetworkPolicy") && !c.object.is("extensions", "NetworkPolicy") {
        return;
    }
    let (_, problems) = c.network();
    for (id, problem) in problems {
        if *id == c.id {
            c.report(problem.path.clone(), problem.message.clone());
        }
    }
}
