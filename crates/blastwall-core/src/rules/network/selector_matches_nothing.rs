//! BW407 selector-matches-nothing: a peer's selector names namespaces or pod labels no object has.

use crate::analysis::netpol::{labels_match, Peer};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::net::policy_of;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW407",
    name: "selector-matches-nothing",
    category: Category::Network,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A NetworkPolicy peer selects namespaces or pods that no object among the inputs has.",
    help: "match the selector to the labels the namespaces or pods really carry",
    docs: Docs {
        what: "Reports `namespaceSelector`s that match none of the namespaces of the inputs (judged only when \
the inputs hold Namespace objects), and `podSelector`s that match none of the pods of the namespaces they \
look in (judged only when those namespaces have pods among the inputs).",
        why: "A peer that matches nothing admits nothing: the connection it was written for is blocked, and \
someone will soon open it with a broader rule. Often a namespace label the cluster never set, such as \
`name: shop` instead of `kubernetes.io/metadata.name: shop`.",
        example: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: from-frontend\n  namespace: shop\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels: {name: frontend}\n",
        remediation: "Select namespaces by `kubernetes.io/metadata.name` (set on every namespace) or by labels \
you add to the Namespace objects; compare pod selectors with `kubectl get pods --show-labels`.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-namespace-by-its-name"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let Some((_, policy)) = policy_of(c) else {
        return;
    };
    let (net, _) = c.network();
    let known = &net.known_namespaces;
    let judge_namespaces = !net.namespaces.is_empty();
    let mut findings = Vec::new();
    for (rules, key) in [(&policy.ingress, "from"), (&policy.egress, "to")] {
        for rule in rules {
            for (i, peer) in rule.peers.iter().flatten().enumerate() {
                let Peer::Pods { namespaces, pods } = peer else {
                    continue;
                };
                let path = rule.path.key(key).index(i);
                let chosen: Vec<&str> = match namespaces {
                    None => vec![policy.namespace.as_str()],
                    Some(selector) => {
                        let found: Vec<&str> = known
                            .iter()
                            .map(String::as_str)
                            .filter(|ns| net.namespace_matches(selector, ns))
                            .collect();
                        if found.is_empty() && judge_namespaces {
                            findings.push((
                                path.key("namespaceSelector"),
                                "no namespace among the inputs has these labels: this peer admits nothing"
                                    .to_owned(),
                            ));
                            continue;
                        }
                        found
                    }
                };
                let Some(selector) = pods else {
                    continue;
                };
                let candidates: Vec<_> = net
                    .pods
                    .iter()
                    .filter(|p| chosen.contains(&p.namespace.as_str()))
                    .collect();
                if !candidates.is_empty() && !candidates.iter().any(|p| labels_match(selector, &p.labels)) {
                    findings.push((
                        path.key("podSelector"),
                        format!(
                            "no pod of {} among the inputs has these labels: this peer admits nothing",
                            if chosen.len() == 1 {
                                format!("namespace `{}`", chosen[0])
                            } else {
                                "the selected namespaces".to_owned()
                            }
                        ),
                    ));
                }
            }
        }
    }
    for (path, message) in findings {
        c.report(path, message);
    }
}
