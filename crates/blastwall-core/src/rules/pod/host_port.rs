//! BW109 host-port: a container binds a port of the node (`hostPort`).

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW109",
    name: "host-port",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:hostPorts", "cis:5.2.13", "nsa:pod-security:host-ports"],
    summary: "A container binds a port on the node's network interfaces.",
    help: "remove `hostPort`; expose the port through a Service",
    docs: Docs {
        what: "Reports container ports with a `hostPort` other than 0, in every kind of container, as the \
`hostPorts` check of the baseline Pod Security Standard does.",
        why: "A host port opens the node itself to whoever can reach it, outside the Service and NetworkPolicy \
model: NetworkPolicy does not apply to traffic arriving on a host port, and each node can run only one pod per \
host port, which ties the workload to specific nodes.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: metrics\nspec:\n  containers:\n  - name: metrics\n    image: registry.example/metrics:1\n    ports:\n    - containerPort: 9100\n      hostPort: 9100\n",
        remediation: "Remove `hostPort` and publish the port through a Service (ClusterIP inside the cluster, a \
LoadBalancer or Ingress outside). Node agents that must answer on the node's address belong in a namespace \
reserved for them, with a suppression that says why.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/concepts/configuration/overview/#services",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::HOST_PORTS, |_, _| true);
}
