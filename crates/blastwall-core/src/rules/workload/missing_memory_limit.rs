//! BW201 missing-memory-limit: a container without a memory limit.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW201",
    name: "missing-memory-limit",
    category: Category::Workload,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["nsa:pod-security:resource-limits", "mitre:T1499"],
    summary: "A container has no memory limit.",
    help: "set `resources.limits.memory`",
    docs: Docs {
        what: "Reports containers and init containers without `resources.limits.memory`. (Ephemeral containers \
cannot set resources and are left out.) CPU limits are not required: they throttle bursts without protecting \
neighbours the way memory limits do, and many teams deliberately omit them.",
        why: "Without a memory limit, one leaking or compromised container can consume the node's memory until the \
kernel kills other pods: a denial of service that reaches beyond the workload's own blast radius.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example/api:1\n    resources:\n      requests: {memory: 128Mi}\n",
        remediation: "Set `resources.limits.memory` from the container's measured peak plus headroom (and requests \
to its usual use). A namespace LimitRange can give defaults to every container.",
        references: &["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for pod in c.pods {
        for container in pod.declared_containers() {
            if container
                .node
                .get_path(&["resources", "limits", "memory"])
                .is_none()
            {
                let path = container.path_to("resources");
                c.report(path, format!("{} has no memory limit", container.describe()));
            }
        }
    }
}
