//! BW413 service-selects-no-pod: a Service whose selector matches no pod of its namespace.

use crate::analysis::netpol::service_pods;
use crate::model::Service;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::net::has_pods;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW413",
    name: "service-selects-no-pod",
    category: Category::Network,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A Service's selector matches no pod of its namespace among the inputs.",
    help: "make `spec.selector` match the pod template's labels",
    docs: Docs {
        what: "Reports Services with a selector that matches none of the pods the inputs put in the Service's \
namespace. Namespaces without pods among the inputs are not judged.",
        why: "A Service without endpoints fails every request; the usual fix under pressure is a broader \
selector that sends traffic, and credentials, to pods that should never receive it.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  namespace: shop\n  labels: {app: api}\nspec:\n  containers:\n  - name: api\n    image: registry.example/api:1.0\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector: {app: apl}\n  ports:\n  - port: 80\n",
        remediation: "Copy the selector from the workload's pod template labels.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let Some(service) = Service::read(c.object) else {
        return;
    };
    let (net, _) = c.network();
    let namespace = c.object.oref.namespace.as_deref().unwrap_or("default");
    let Some(pods) = service_pods(net, c.object, &service) else {
        return;
    };
    if pods.is_empty() && has_pods(net, namespace) {
        c.report(
            Service::selector_path(),
            format!("no pod of namespace `{namespace}` among the inputs has these labels: the Service has no endpoints"),
        );
    }
}
