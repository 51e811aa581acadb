//! BW123 pss-admission-rejected: a workload whose namespace's Pod Security enforce level rejects its pods.

use crate::analysis::pss::evaluate;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use crate::analysis::pss::namespace_labels::{enforce_of, namespace_named};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW123",
    name: "pss-admission-rejected",
    category: Category::Namespace,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:enforce", "cis:5.2.1"],
    summary: "Pod Security Admission in the workload's namespace would reject its pods.",
    help: "fix the listed fields, or deploy the workload to a namespace whose Pod Security level allows it",
    docs: Docs {
        what: "For each object that makes pods, finds its Namespace among the inputs, reads the \
`pod-security.kubernetes.io/enforce` and `enforce-version` labels as admission does (an invalid level means \
restricted, an invalid version latest), and evaluates the pod template at that level and version. When admission \
would reject the pods, the finding points at the first offending field and lists every failing check.",
        why: "A Deployment, StatefulSet or Job is admitted even when its pods are not: the controller then fails to \
create pods, over and over, and the workload never starts. A bare Pod is rejected outright. Either way the \
manifest cannot work as written in that namespace.",
        example: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      hostPID: true\n      containers:\n      - name: agent\n        image: registry.example/agent:1\n",
        remediation: "Change the fields the message lists so the pods meet the namespace's level. If the workload \
truly needs more (a node agent), move it to a namespace reserved for such agents with a lower level, rather than \
lowering the level of a namespace shared with applications.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
        ],
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
    let Some(enforce) = enforce_of(namespace) else {
        return;
    };
    let mut violations = Vec::new();
    for pod in c.pods {
        violations.extend(evaluate(pod, enforce.level, enforce.version));
    }
    let Some(first) = violations.first() else { return };
    let mut checks: Vec<&str> = violations.iter().map(|v| v.check).collect();
    checks.dedup();
    let what = if object.is("", "Pod") {
        "this pod".to_owned()
    } else {
        format!("the pods of this {}", object.oref.kind)
    };
    c.report(
        first.path.clone(),
        format!(
            "namespace `{ns_name}` enforces Pod Security `{}` ({}): admission would reject {what} ({})",
            enforce.level,
            enforce.version,
            checks.join(", ")
        ),
    );
}
