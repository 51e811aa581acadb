//! BW126 pss-admission-warning: a workload its namespace's Pod Security `warn` level objects to.

use crate::analysis::pss::evaluate;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use crate::analysis::pss::namespace_labels::{enforce_of, namespace_named, warn_of};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW126",
    name: "pss-admission-warning",
    category: Category::Namespace,
    severity: Severity::Info,
    responsibility: Responsibility::User,
    standards: &["pss:warn"],
    summary: "Pod Security Admission would warn about this workload in its namespace.",
    help: "fix the listed fields before the namespace's warn level becomes its enforce level",
    docs: Docs {
        what: "For each object that makes pods, reads the `pod-security.kubernetes.io/warn` and `warn-version` \
labels of its Namespace (among the inputs) and reports the workloads that level would warn about, when the \
enforce level admits them (workloads that enforcement rejects are `pss-admission-rejected`). An invalid warn \
level fails open, as in admission. Audit labels only annotate audit events and are not reported.",
        why: "A warn label is how teams stage a stricter level: `kubectl apply` prints the warnings, but pipelines \
usually hide them. Knowing which workloads would break is what lets the namespace move from warn to enforce.",
        example: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/warn: restricted\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n  - name: web\n    image: registry.example/web:1\n",
        remediation: "Fix the fields that the listed checks name, then set the namespace's enforce level to its \
warn level.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    let Some(ns_name) = object.oref.namespace.as_deref() else {
        return;
    };
    let Some(namespace) = namespace_named(c.inventory, ns_name) else {
        return;
    };
    let Some((level, version)) = warn_of(namespace) else {
        return;
    };
    if let Some(enforce) = enforce_of(namespace) {
        if c.pods
            .iter()
            .any(|pod| !evaluate(pod, enforce.level, enforce.version).is_empty())
        {
            return;
        }
    }
    let violations: Vec<_> = c
        .pods
        .iter()
        .flat_map(|pod| evaluate(pod, level, version))
        .collect();
    let Some(first) = violations.first() else { return };
    let mut checks: Vec<&str> = violations.iter().map(|v| v.check).collect();
    checks.dedup();
    c.report(
        first.path.clone(),
        format!(
            "namespace `{ns_name}` warns at Pod Security `{level}` ({version}): admission would warn about {} ({})",
            object.oref.kind,
            checks.join(", ")
        ),
    );
}
