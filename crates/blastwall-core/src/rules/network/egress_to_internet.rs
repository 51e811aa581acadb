//! BW404 egress-to-internet: a workload may open connections to the public internet.

use crate::analysis::netpol::Peer;
use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::net::{internet, isolating, pods_of};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW404",
    name: "egress-to-internet",
    category: Category::Network,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["nsa:network:egress", "mitre:T1041"],
    summary: "A workload may connect to the public internet.",
    help: "restrict egress to the addresses and ports the workload calls (or accept the finding where it needs the internet)",
    docs: Docs {
        what: "Reports workloads whose egress policies allow some public address (anything outside private, \
shared, loopback and link-local ranges), naming the rule that does; and workloads in a namespace that uses \
NetworkPolicies whose pods no egress policy selects. Namespaces without any policy are reported by \
namespace-without-default-deny and workload-not-isolated instead.",
        why: "Open egress is how a compromised pod downloads its tools and sends data out. Most workloads only \
call other pods, DNS and a few known services.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: shop\n  labels: {app: api}\nspec:\n  containers:\n  - name: api\n    image: registry.example/api:1.0\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api-out\n  namespace: shop\nspec:\n  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock: {cidr: 0.0.0.0/0}\n",
        remediation: "Isolate egress (`policyTypes: [Egress]`) and allow DNS plus the specific ranges and ports \
the workload calls; send other outbound traffic through an egress proxy.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let pods = pods_of(c);
    let (net, _) = c.network();
    let Some(pod) = pods.first() else {
        return;
    };
    let (ingress, egress) = isolating(net, pod);
    if egress.is_empty() {
        let namespace_uses_policies = net.policies_in.contains_key(&pod.namespace);
        if namespace_uses_policies && !ingress.is_empty() {
            c.report(
                FieldPath::keys(&["metadata", "name"]),
                "policies guard these pods' ingress, but none selects them for egress: they may connect anywhere, the internet included",
            );
        }
        return;
    }
    // A public address is allowed exactly when some egress rule names every peer (no `to`) or an ipBlock
    // that holds public addresses.
    let public = internet();
    for policy in &egress {
        for rule in &policy.egress {
            let open = match &rule.peers {
                None => Some(public.clone()),
                Some(peers) => peers.iter().find_map(|peer| match peer {
                    Peer::Block(b) => {
                        let reachable = b.minus(&b.minus(public));
                        (!reachable.is_empty()).then_some(reachable)
                    }
                    _ => None,
                }),
            };
            if let Some(addresses) = open {
                let ports = rule.ports.as_ref().map_or_else(
                    || "every port".to_owned(),
                    |ports| {
                        let mut c = crate::analysis::netpol::Conns::none();
                        for p in ports {
                            c.add(&p.conns(&[]));
                        }
                        c.to_string()
                    },
                );
                let first = addresses.to_string();
                let shown = first.split(',').next().unwrap_or_default();
                c.report(
                    FieldPath::keys(&["metadata", "name"]),
                    format!(
                        "NetworkPolicy {}/{} rule {} lets these pods reach public addresses ({shown}{}): {ports}",
                        policy.namespace,
                        policy.name,
                        rule.path,
                        if first.contains(',') { ", ..." } else { "" }
                    ),
                );
                return;
            }
        }
    }
}
