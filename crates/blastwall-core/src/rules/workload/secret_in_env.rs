//! BW210 secret-in-env: a Secret passed to a container as environment variables.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;
use crate::source::Node;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW210",
    name: "secret-in-env",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &["cis:5.4.1", "nsa:secrets:env", "mitre:T1552"],
    summary: "A container receives a Secret through environment variables.",
    help: "mount the Secret as a file (a `secret` volume) instead of environment variables",
    docs: Docs {
        what: "Reports `env[].valueFrom.secretKeyRef` and `envFrom[].secretRef` in every kind of container.",
        why: "Environment variables leak: into crash reports and debug endpoints, into child processes, into \
`kubectl describe`-like tooling and logs. Files mounted from a Secret stay in a tmpfs readable only by the \
container and are updated when the Secret rotates.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example/api:1\n    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef: {name: db, key: password}\n",
        remediation: "Mount the Secret as a volume and have the application read the file (most frameworks accept \
a `*_FILE` variable that names it).",
        references: &["https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for pod in c.pods {
        for container in pod.containers() {
            for (i, env) in container.list("env").iter().enumerate() {
                if let Some(secret) = env.get_path(&["valueFrom", "secretKeyRef"]) {
                    let name = env.get("name").and_then(Node::as_str).unwrap_or("");
                    let from = secret.get("name").and_then(Node::as_str).unwrap_or("");
                    c.report(
                        container
                            .path
                            .key("env")
                            .item(i, env)
                            .join(&["valueFrom", "secretKeyRef"]),
                        format!(
                            "{} reads Secret `{from}` into the variable {name}",
                            container.describe()
                        ),
                    );
                }
            }
            for (i, source) in container.list("envFrom").iter().enumerate() {
                if let Some(secret) = source.get("secretRef") {
                    let from = secret.get("name").and_then(Node::as_str).unwrap_or("");
                    c.report(
                        container.path.key("envFrom").index(i).key("secretRef"),
                        format!(
                            "{} loads every key of Secret `{from}` into its environment",
                            container.describe()
                        ),
                    );
                }
            }
        }
    }
}
