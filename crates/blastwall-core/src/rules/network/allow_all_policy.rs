//! BW405 allow-all-policy: a NetworkPolicy rule that admits every peer on every port.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::net::policy_of;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW405",
    name: "allow-all-policy",
    category: Category::Network,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["nsa:network:least-privilege"],
    summary: "A NetworkPolicy rule allows every source or destination on every port.",
    help: "name the peers (podSelector, namespaceSelector, ipBlock) and ports the rule is for",
    docs: Docs {
        what: "Reports ingress or egress rules with neither peers nor ports (`- {}`) in a direction the policy \
isolates: for the selected pods that direction is fully open, to pods of every namespace and to every \
address.",
        why: "An allow-all rule undoes the isolation the policy seems to give; it is often left from debugging \
or written where a narrower rule was meant.",
        example: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: open\n  namespace: shop\nspec:\n  podSelector: {}\n  ingress:\n  - {}\n",
        remediation: "Replace the rule with one that names who may connect and on which ports; delete the policy \
if the pods really must be open.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let Some((_, policy)) = policy_of(c) else {
        return;
    };
    for (isolates, rules, direction) in [
        (policy.ingress_isolates, &policy.ingress, "ingress"),
        (policy.egress_isolates, &policy.egress, "egress"),
    ] {
        if !isolates {
            continue;
        }
        for rule in rules.iter().filter(|r| r.peers.is_none() && r.ports.is_none()) {
            c.report(
                rule.path.clone(),
                format!(
                    "this {direction} rule admits every peer on every port: the pods policy `{}` selects are open for {direction}",
                    policy.name
                ),
            );
        }
    }
}
