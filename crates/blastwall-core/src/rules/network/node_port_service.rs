//! BW411 node-port-service: a Service published on a port of every node.

use crate::model::{Service, ServiceType};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW411",
    name: "node-port-service",
    category: Category::Network,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &["nsa:network:exposure"],
    summary: "A Service of type NodePort opens its port on every node of the cluster.",
    help: "use a ClusterIP Service behind an Ingress or a load balancer with source ranges",
    docs: Docs {
        what: "Reports Services of type NodePort.",
        why: "A node port listens on every node's addresses, bypassing the load balancer and whatever limits \
it applies; anyone who can reach a node, often the whole data-centre network, reaches the workload.",
        example: "apiVersion: v1\nkind: Service\nmetadata:\n  name: admin\n  namespace: shop\nspec:\n  type: NodePort\n  selector: {app: admin}\n  ports:\n  - port: 443\n    nodePort: 30443\n",
        remediation: "Make the Service ClusterIP and publish it through an Ingress, or through a LoadBalancer \
with `loadBalancerSourceRanges`.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if Service::read(c.object).is_some_and(|s| s.kind == ServiceType::NodePort) {
        c.report(
            Service::type_path(),
            format!("Service `{}` opens a port on every node", c.object.oref.name),
        );
    }
}
