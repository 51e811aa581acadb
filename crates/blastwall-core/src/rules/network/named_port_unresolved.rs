//! BW408 named-port-unresolved: a NetworkPolicy names a port that no pod it applies to declares.

use crate::analysis::netpol::{Endpoint, NetPod, PortRule};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::net::policy_of;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW408",
    name: "named-port-unresolved",
    category: Category::Network,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A NetworkPolicy port names a container port that none of the destination pods declares.",
    help: "use the port name the containers declare (with the same protocol), or the number",
    docs: Docs {
        what: "Reports named ports in ingress rules that no pod selected by the policy declares, and in egress \
rules that no pod the rule's peers match declares, with the rule's protocol (TCP by default). Judged only \
when such pods are among the inputs.",
        why: "A named port is resolved against each destination pod; a name nobody declares matches no \
connection, so the rule allows nothing and the traffic it was written for is blocked, or a broader rule \
gets added later.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: shop\n  labels: {app: api}\nspec:\n  containers:\n  - name: api\n    image: registry.example/api:1.0\n    ports:\n    - {name: http, containerPort: 8080}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api-in\n  namespace: shop\nspec:\n  podSelector: {matchLabels: {app: api}}\n  ingress:\n  - ports:\n    - port: https\n",
        remediation: "Name the port as the container declares it (`ports[].name`), or write the number.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let Some((_, policy)) = policy_of(c) else {
        return;
    };
    let (net, _) = c.network();
    let selected: Vec<&NetPod> = net
        .pods_of(&policy.namespace)
        .filter(|p| net.selects(policy, p))
        .collect();
    let mut findings = Vec::new();
    for (rules, ingress) in [(&policy.ingress, true), (&policy.egress, false)] {
        for rule in rules {
            let named = rule
                .ports
                .iter()
                .flatten()
                .any(|p| matches!(p, PortRule::Named(..)));
            if !named {
                continue;
            }
            let destinations: Vec<&NetPod> = if ingress {
                selected.clone()
            } else {
                // Pods the rule's peers reach.
                net.pods
                    .iter()
                    .filter(|d| net.rule_reaches(rule, &policy.namespace, Endpoint::Pod(d)))
                    .collect()
            };
            if destinations.is_empty() {
                continue;
            }
            for (i, port) in rule.ports.iter().flatten().enumerate() {
                let PortRule::Named(protocol, name) = port else {
                    continue;
                };
                let declared = destinations
                    .iter()
                    .any(|d| d.named_ports.iter().any(|(n, p, _)| n == name && p == protocol));
                if !declared {
                    findings.push((
                        rule.path.key("ports").index(i).key("port"),
                        format!(
                            "no {} pod declares a {} port named `{name}`: this entry allows nothing",
                            if ingress { "selected" } else { "destination" },
                            protocol.as_str()
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
