//! BW202 missing-resource-requests: a container that requests no CPU or no memory.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW202",
    name: "missing-resource-requests",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &["nsa:pod-security:resource-limits"],
    summary: "A container requests no CPU or no memory, so the scheduler cannot place it safely.",
    help: "set `resources.requests.cpu` and `resources.requests.memory`",
    docs: Docs {
        what: "Reports containers and init containers that set neither a request nor a limit for CPU, or for memory \
(a limit without a request counts as the request, as the API server defaults it).",
        why: "Pods without requests are scheduled as if they used nothing and are the first to be evicted. Under \
load they crowd out their neighbours; after a node failure they may not fit anywhere.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example/api:1\n",
        remediation: "Set `resources.requests` for CPU and memory from measured usage.",
        references: &["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for pod in c.pods {
        for container in pod.declared_containers() {
            let has = |resource: &str| {
                container
                    .node
                    .get_path(&["resources", "requests", resource])
                    .is_some()
                    || container
                        .node
                        .get_path(&["resources", "limits", resource])
                        .is_some()
            };
            let missing: Vec<&str> = ["cpu", "memory"].into_iter().filter(|r| !has(r)).collect();
            if !missing.is_empty() {
                let path = container.path_to("resources");
                c.report(
                    path,
                    format!(
                        "{} requests no {}",
                        container.describe(),
                        missing.join(" and no ")
                    ),
                );
            }
        }
    }
}
