//! BW410 load-balancer-open: a LoadBalancer Service that every address on the internet may reach.

use crate::model::{Service, ServiceType};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW410",
    name: "load-balancer-open",
    category: Category::Network,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["nsa:network:exposure", "mitre:T1190"],
    summary: "A LoadBalancer Service has no `loadBalancerSourceRanges`: every address may reach it.",
    help: "set `spec.loadBalancerSourceRanges` to the client ranges, or make the load balancer internal",
    docs: Docs {
        what: "Reports Services of type LoadBalancer without `spec.loadBalancerSourceRanges` (or the \
`service.beta.kubernetes.io/load-balancer-source-ranges` annotation) that no cloud annotation makes internal.",
        why: "The cloud provider opens the load balancer to the whole internet: scanners find it within minutes, \
and every vulnerability of the workload behind it is reachable from anywhere.",
        example: "apiVersion: v1\nkind: Service\nmetadata:\n  name: admin\n  namespace: shop\nspec:\n  type: LoadBalancer\n  selector: {app: admin}\n  ports:\n  - port: 443\n",
        remediation: "List the client ranges in `loadBalancerSourceRanges`, use an internal load balancer for \
traffic from inside the organisation, or publish HTTP through an Ingress with authentication.",
        references: &["https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/"],
    },
    optional: false,
};

/// Annotations cloud providers read to make a load balancer internal.
const INTERNAL: &[(&str, &str)] = &[
    ("service.beta.kubernetes.io/aws-load-balancer-internal", ""),
    ("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"),
    ("networking.gke.io/load-balancer-type", "Internal"),
    ("cloud.google.com/load-balancer-type", "Internal"),
    ("service.beta.kubernetes.io/azure-load-balancer-internal", "true"),
    (
        "service.beta.kubernetes.io/openstack-internal-load-balancer",
        "true",
    ),
    ("service.beta.kubernetes.io/oci-load-balancer-internal", "true"),
];

pub(super) fn check(c: &mut Check<'_>) {
    let Some(service) = Service::read(c.object) else {
        return;
    };
    if service.kind != ServiceType::LoadBalancer {
        return;
    }
    let ranges = !service.source_ranges.is_empty();
    let annotations = c.object.annotations();
    let internal = INTERNAL.iter().any(|(key, value)| {
        annotations
            .get(key)
            .is_some_and(|v| (value.is_empty() && *v != "false") || v.eq_ignore_ascii_case(value))
    });
    if ranges
        || internal
        || annotations.contains_key("service.beta.kubernetes.io/load-balancer-source-ranges")
    {
        return;
    }
    c.report(
        Service::type_path(),
        format!(
            "Service `{}` is a load balancer open to every address",
            c.object.oref.name
        ),
    );
}
