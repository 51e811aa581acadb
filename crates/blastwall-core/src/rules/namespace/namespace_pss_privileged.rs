//! BW125 namespace-pss-privileged: a namespace that enforces the `privileged` level, i.e. nothing.

use crate::analysis::pss::Level;
use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use crate::analysis::pss::namespace_labels::{enforce_of, ENFORCE};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW125",
    name: "namespace-pss-privileged",
    category: Category::Namespace,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["pss:privileged", "cis:5.2.1"],
    summary: "A namespace enforces the `privileged` Pod Security level, which allows everything.",
    help: "enforce `baseline` or `restricted`; keep `privileged` for namespaces reserved to node agents",
    docs: Docs {
        what: "Reports Namespace objects labelled `pod-security.kubernetes.io/enforce: privileged`.",
        why: "`privileged` turns Pod Security Admission off for the namespace: privileged containers, host \
namespaces and host paths are all admitted. That is right for a namespace reserved to node agents and the \
platform's own components, and wrong for one shared with applications.",
        example: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n",
        remediation: "Set the label to `baseline` or `restricted`. Move the workloads that need host access to a \
dedicated namespace, and suppress this finding there with the reason.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#privileged"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !c.object.is("", "Namespace") {
        return;
    }
    if enforce_of(c.object).is_some_and(|e| e.level == Level::Privileged && e.invalid.is_empty()) {
        let name = c.object.oref.name.clone();
        c.report(
            FieldPath::keys(&["metadata", "labels"]).key(ENFORCE),
            format!("namespace `{name}` enforces the privileged level: Pod Security Admission allows any pod in it"),
        );
    }
}
