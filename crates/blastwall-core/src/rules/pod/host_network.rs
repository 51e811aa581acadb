//! BW102 host-network: `hostNetwork: true` puts the pod in the node's network namespace.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::host_namespaces::check_flag;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW102",
    name: "host-network",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:hostNamespaces", "cis:5.2.5", "nsa:pod-security:host-namespaces", "mitre:T1040"],
    summary: "A pod shares the node's network namespace.",
    help: "remove `hostNetwork: true`; expose the pod through a Service instead",
    docs: Docs {
        what: "Reports pods and pod templates with `spec.hostNetwork: true`, except the control plane's own \
components (etcd, kube-apiserver, kube-scheduler, kube-controller-manager), which run on the node's network \
by design.",
        why: "A pod on the host network sees every interface of the node: it can sniff traffic of other pods, reach \
services bound to the node's loopback (the kubelet's, a local etcd) and bypass NetworkPolicy, which does not \
apply to host-network pods. The Pod Security Standards forbid it from the baseline level up.",
        example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: capture\nspec:\n  selector:\n    matchLabels: {app: capture}\n  template:\n    metadata:\n      labels: {app: capture}\n    spec:\n      hostNetwork: true\n      containers:\n      - name: capture\n        image: registry.example/capture:2.0\n",
        remediation: "Remove `hostNetwork: true` and publish the ports the pod serves through a Service. A workload that \
really needs the node's network (a CNI agent, a node-local DNS cache) belongs in a dedicated namespace, with a \
suppression that says why.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    // etcd, the API server, the scheduler and the controller manager run on the node's network by design:
    // telling them to leave it is advice no one can follow.
    if !c.components.is_empty() {
        return;
    }
    check_flag(c, "hostNetwork");
}
