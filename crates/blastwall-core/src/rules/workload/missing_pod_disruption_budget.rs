//! BW205 missing-pod-disruption-budget: a replicated workload that no `PodDisruptionBudget` protects.

use crate::model::{labels_of, FieldPath};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::context::{autoscaled, is_replicated_controller, replicas};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW205",
    name: "missing-pod-disruption-budget",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A Deployment or StatefulSet with several replicas has no PodDisruptionBudget.",
    help: "add a PodDisruptionBudget whose selector matches the pods (for example `maxUnavailable: 1`)",
    docs: Docs {
        what: "Reports Deployments and StatefulSets with more than one replica (or scaled by an autoscaler in the \
inputs) when no PodDisruptionBudget in the same namespace selects their pods. Selectors are matched with \
`matchLabels` and `matchExpressions` semantics.",
        why: "Without a budget, a node drain or cluster upgrade may evict every replica at once: the redundancy the \
replicas were meant to give disappears exactly when the platform is doing maintenance.",
        example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: registry.example/api:1\n",
        remediation: "Add a `policy/v1` PodDisruptionBudget with the workload's selector and `maxUnavailable: 1` (or \
a `minAvailable` below the replica count, so drains can still proceed).",
        references: &["https://kubernetes.io/docs/tasks/run-application/configure-pdb/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    if !is_replicated_controller(object) || (replicas(object) < 2 && !autoscaled(c.inventory, object)) {
        return;
    }
    for pod in c.pods {
        let labels = labels_of(pod.metadata);
        let protected = c
            .inventory
            .budget_selectors(object.oref.namespace.as_deref())
            .iter()
            .any(|(_, s)| s.matches(&labels));
        if !protected {
            c.report(
                FieldPath::keys(&["spec", "replicas"]),
                format!(
                    "no PodDisruptionBudget selects the pods of {} `{}`",
                    object.oref.kind, object.oref.name
                ),
            );
        }
    }
}
