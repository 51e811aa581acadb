//! BW403 workload-not-isolated: no NetworkPolicy selects a workload's pods in either direction.

use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::net::{isolating, pods_of};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW403",
    name: "workload-not-isolated",
    category: Category::Network,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["nsa:network:default-deny", "cis:5.3.2", "mitre:T1210"],
    summary: "No NetworkPolicy selects a workload's pods: every pod may connect to them, and they anywhere.",
    help: "select the pods with NetworkPolicies (a namespace default deny, then the flows they need)",
    docs: Docs {
        what: "Reports objects that make pods (Pods, Deployments, StatefulSets, CronJobs...) whose pod labels no \
NetworkPolicy of their namespace selects, for ingress or for egress. Host-network pods are left out: no \
NetworkPolicy governs them.",
        why: "Unselected pods are reachable from every pod of every namespace and can reach every pod and \
address: the first pod an attacker takes can talk to this one, and this one to the rest.",
        example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: registry.example/api:1.0\n",
        remediation: "Add a default-deny policy to the namespace and policies that allow the connections the \
workload needs.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let pods = pods_of(c);
    let (net, _) = c.network();
    let Some(pod) = pods.first() else {
        return;
    };
    // No NetworkPolicy governs a pod on the node's network: advising one would be wrong.
    if pod.host_network.is_some() {
        return;
    }
    let (ingress, egress) = isolating(net, pod);
    if ingress.is_empty() && egress.is_empty() {
        c.report(
            FieldPath::keys(&["metadata", "name"]),
            format!(
                "no NetworkPolicy in namespace `{}` selects these pods: they accept and open connections of every kind",
                pod.namespace
            ),
        );
    }
}
