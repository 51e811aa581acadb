//! BW203 missing-probes: a container behind a Service without readiness or liveness probes.

use crate::model::ContainerKind;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::context::{runs_to_completion, services_for};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW203",
    name: "missing-probes",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A container that serves a Service has no readiness or liveness probe.",
    help: "add a readinessProbe (and a livenessProbe) on the container's health endpoint",
    docs: Docs {
        what: "Reports containers without a `readinessProbe` or a `livenessProbe`, only in workloads whose pods a \
Service in the inputs selects, and never in Jobs, CronJobs or other workloads that run to completion. Init and \
ephemeral containers are left out.",
        why: "Without a readiness probe, a Service sends traffic to pods that are not ready (during start-up, \
overload or a broken dependency); without a liveness probe, a hung process is never restarted. Both turn a \
partial failure into an outage.",
        example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: registry.example/api:1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector: {app: api}\n  ports:\n  - port: 80\n",
        remediation: "Add a `readinessProbe` that checks the process can serve, and a `livenessProbe` that only \
fails when a restart would help (not on a slow dependency).",
        references: &["https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    if runs_to_completion(object) {
        return;
    }
    for pod in c.pods {
        let services = services_for(c.inventory, object, pod);
        let Some(service) = services.first() else { continue };
        for container in pod
            .containers()
            .iter()
            .filter(|k| k.kind == ContainerKind::Regular)
        {
            let missing: Vec<&str> = ["readinessProbe", "livenessProbe"]
                .into_iter()
                .filter(|p| container.node.get(p).is_none())
                .collect();
            if !missing.is_empty() {
                c.report(
                    container.path.clone(),
                    format!(
                        "{} serves Service `{}` but has no {}",
                        container.describe(),
                        service.oref.name,
                        missing.join(" and no ")
                    ),
                );
            }
        }
    }
}
