//! BW204 single-replica: a deployment or stateful set that serves a Service with one replica.

use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::context::{autoscaled, is_replicated_controller, replicas, services_for};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW204",
    name: "single-replica",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A Deployment or StatefulSet behind a Service runs a single replica.",
    help: "run at least two replicas (or let a HorizontalPodAutoscaler size the workload)",
    docs: Docs {
        what: "Reports Deployments and StatefulSets whose `replicas` is 1 (or unset, which means 1) when a Service \
in the inputs selects their pods and no HorizontalPodAutoscaler or KEDA ScaledObject in the inputs scales them.",
        why: "With one replica every node drain, eviction or crash is an outage of the service, and a single \
compromised or stuck pod has no healthy peer to take over.",
        example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: registry.example/api:1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector: {app: api}\n  ports:\n  - port: 80\n",
        remediation: "Set `replicas: 2` or more, spread them with topology spread constraints, and protect them with \
a PodDisruptionBudget.",
        references: &["https://kubernetes.io/docs/concepts/workloads/controllers/deployment/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    if !is_replicated_controller(object) || replicas(object) != 1 || autoscaled(c.inventory, object) {
        return;
    }
    let serves = c
        .pods
        .iter()
        .any(|p| !services_for(c.inventory, object, p).is_empty());
    if serves {
        c.report(
            FieldPath::keys(&["spec", "replicas"]),
            format!(
                "{} `{}` serves a Service with a single replica",
                object.oref.kind, object.oref.name
            ),
        );
    }
}
