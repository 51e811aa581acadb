//! BW412 service-external-ips: a Service claims traffic for addresses it lists in `externalIPs`.

use crate::model::{FieldPath, Service};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW412",
    name: "service-external-ips",
    category: Category::Network,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["cve:CVE-2020-8554", "mitre:T1557"],
    summary: "A Service sets `externalIPs`: every node sends traffic for those addresses to its pods.",
    help: "remove `spec.externalIPs`; use a LoadBalancer or an Ingress",
    docs: Docs {
        what: "Reports Services with `spec.externalIPs`.",
        why: "Nodes route traffic for any listed address to the Service's pods, whoever really owns the address: \
anyone allowed to create Services can intercept traffic meant for other systems (CVE-2020-8554). The \
DenyServiceExternalIPs admission plugin exists to stop this.",
        example: "apiVersion: v1\nkind: Service\nmetadata:\n  name: catch\n  namespace: shop\nspec:\n  selector: {app: catch}\n  externalIPs: [203.0.113.10]\n  ports:\n  - port: 443\n",
        remediation: "Delete the field and publish the Service through a LoadBalancer or an Ingress; enable the \
DenyServiceExternalIPs admission plugin.",
        references: &["https://github.com/kubernetes/kubernetes/issues/97076"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let Some(service) = Service::read(c.object) else {
        return;
    };
    if !service.external_ips.is_empty() {
        let list: Vec<&str> = service.external_ips.iter().map(|(ip, _)| *ip).collect();
        c.report(
            FieldPath::keys(&["spec", "externalIPs"]),
            format!(
                "every node routes traffic for {} to the pods of Service `{}`",
                list.join(", "),
                c.object.oref.name
            ),
        );
    }
}
