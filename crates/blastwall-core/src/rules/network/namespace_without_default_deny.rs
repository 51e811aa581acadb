//! BW402 namespace-without-default-deny: a namespace with no policy that isolates all its pods.

use crate::model::{FieldPath, LabelSelector};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW402",
    name: "namespace-without-default-deny",
    category: Category::Network,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["nsa:network:default-deny", "cis:5.3.2"],
    summary: "A namespace has no default-deny NetworkPolicy for ingress or for egress.",
    help: "add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress, Egress]`, then allow what is needed",
    docs: Docs {
        what: "Reports Namespace objects with no NetworkPolicy that selects every pod of the namespace \
(`podSelector: {}`) for a direction, naming the directions left open. A namespace whose pods among the \
inputs all run on the node's network is left out: no NetworkPolicy governs them.",
        why: "A pod that no policy selects accepts connections from every pod of the cluster and may connect \
anywhere. A default deny makes every new workload closed until a policy opens what it needs, so one \
compromised pod cannot wander through the namespace or out to the internet.",
        example: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-in\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n",
        remediation: "Add `podSelector: {}` with `policyTypes: [Ingress, Egress]` and no rules, then one policy per \
allowed flow, including egress to DNS (UDP and TCP 53 to kube-system's DNS pods).",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !c.object.is("", "Namespace") {
        return;
    }
    let (net, _) = c.network();
    let name = c.object.oref.name.as_str();
    // A namespace whose pods all run on the node's network (the control plane's static pods) has nothing a
    // NetworkPolicy would govern.
    let pods = net.pods_in.get(name).map_or(&[][..], Vec::as_slice);
    if !pods.is_empty() && pods.iter().all(|&i| net.pods[i].host_network.is_some()) {
        return;
    }
    let everyone = LabelSelector::default();
    let covers = |ingress: bool| {
        net.policies.iter().any(|p| {
            p.namespace == name
                && p.pod_selector == everyone
                && if ingress {
                    p.ingress_isolates
                } else {
                    p.egress_isolates
                }
        })
    };
    let open: Vec<&str> = [(true, "ingress"), (false, "egress")]
        .into_iter()
        .filter(|(ingress, _)| !covers(*ingress))
        .map(|(_, d)| d)
        .collect();
    if !open.is_empty() {
        c.report(
            FieldPath::keys(&["metadata", "name"]),
            format!(
                "namespace `{name}` has no default-deny NetworkPolicy for {}: pods no policy selects are open",
                open.join(" or ")
            ),
        );
    }
}
