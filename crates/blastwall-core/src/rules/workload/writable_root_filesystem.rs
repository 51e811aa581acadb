//! BW211 writable-root-filesystem: a container whose root filesystem is writable.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW211",
    name: "writable-root-filesystem",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &["nsa:pod-security:immutable-filesystem", "mitre:T1036"],
    summary: "A container can write to its own root filesystem.",
    help: "set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir where the process writes",
    docs: Docs {
        what: "Reports containers and init containers that do not set `securityContext.readOnlyRootFilesystem: true`.",
        why: "A writable root filesystem lets an attacker replace the application's binaries and libraries, drop \
tools and persist until the pod is replaced. A read-only one makes the image the only code that can run.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: registry.example/web:1\n",
        remediation: "Set `readOnlyRootFilesystem: true` and mount `emptyDir` volumes at the few paths the process \
writes to (`/tmp`, a cache directory).",
        references: &["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for pod in c.pods {
        for container in pod.declared_containers() {
            match container.security_context("readOnlyRootFilesystem") {
                Some((_, v)) if v.is_true() => {}
                Some((path, _)) => c.report(
                    path,
                    format!("{} has a writable root filesystem", container.describe()),
                ),
                None => c.report(
                    container.path.clone(),
                    format!("{} has a writable root filesystem", container.describe()),
                ),
            }
        }
    }
}
