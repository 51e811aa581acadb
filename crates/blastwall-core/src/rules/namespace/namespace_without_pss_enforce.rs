//! BW124 namespace-without-pss-enforce: a namespace with no (valid) Pod Security enforce label.

use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use crate::analysis::pss::namespace_labels::{enforce_of, ENFORCE};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW124",
    name: "namespace-without-pss-enforce",
    category: Category::Namespace,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["pss:enforce", "cis:5.2.1", "nsa:pod-security:admission"],
    summary: "A namespace does not enforce a Pod Security level (or its labels are invalid).",
    help: "label the namespace `pod-security.kubernetes.io/enforce: restricted` (or baseline)",
    docs: Docs {
        what: "Reports Namespace objects without the `pod-security.kubernetes.io/enforce` label, and those whose \
enforce level or version label is not valid (admission then applies restricted, or latest, which is rarely what \
the author meant). `audit` and `warn` labels alone do not enforce anything.",
        why: "Without an enforce label the cluster's default applies, which is `privileged` unless the platform \
configured otherwise: any pod, including privileged ones with host access, can be created in the namespace by \
anyone allowed to create pods or workloads there.",
        example: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/warn: restricted\n",
        remediation: "Add `pod-security.kubernetes.io/enforce: restricted` (or `baseline` for workloads that cannot \
yet meet restricted) and pin `pod-security.kubernetes.io/enforce-version` to the cluster's version so upgrades \
do not change the policy unannounced.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces",
            "https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !c.object.is("", "Namespace") {
        return;
    }
    let name = c.object.oref.name.clone();
    match enforce_of(c.object) {
        None => c.report(
            FieldPath::keys(&["metadata", "labels"]),
            format!("namespace `{name}` has no `{ENFORCE}` label: any pod may run in it"),
        ),
        Some(enforce) => {
            for (label, problem) in enforce.invalid {
                c.report(
                    FieldPath::keys(&["metadata", "labels"]).key(label),
                    format!("namespace `{name}`: {problem}"),
                );
            }
        }
    }
}
