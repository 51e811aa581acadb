//! BW212 duplicate-env-name: the same environment variable defined twice in a container.

use std::collections::HashMap;

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;
use crate::source::Node;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW212",
    name: "duplicate-env-name",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A container defines the same environment variable twice; the last one silently wins.",
    help: "keep one definition of the variable",
    docs: Docs {
        what: "Reports `env` entries whose `name` an earlier entry of the same container already uses; the finding \
points at the later one, which is the value the container gets.",
        why: "The API server accepts the repeat and the kubelet keeps the last value, so a reviewer reading the \
first definition (`TLS_VERIFY=true`) can be wrong about what runs.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example/api:1\n    env:\n    - {name: TLS_VERIFY, value: \"true\"}\n    - {name: TLS_VERIFY, value: \"false\"}\n",
        remediation: "Delete the definition that should not be there.",
        references: &["https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for pod in c.pods {
        for container in pod.containers() {
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for (i, env) in container.list("env").iter().enumerate() {
                let Some(name) = env.get("name").and_then(Node::as_str) else {
                    continue;
                };
                if let Some(first) = seen.insert(name, i) {
                    c.report(
                        container.path.key("env").index(i),
                        format!(
                            "{} defines {name} again (first as entry {first}); this later value wins",
                            container.describe()
                        ),
                    );
                }
            }
        }
    }
}
