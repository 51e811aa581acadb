//! BW207 default-namespace: an object placed in the `default` namespace.

use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW207",
    name: "default-namespace",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &["cis:5.7.4", "nsa:network-separation:namespaces"],
    summary: "An object is placed in the `default` namespace.",
    help: "put the application in a namespace of its own",
    docs: Docs {
        what: "Reports objects whose `metadata.namespace` is `default`. Objects without a namespace are not \
reported: they go wherever `kubectl -n` or the context sends them.",
        why: "The `default` namespace collects everything nobody placed on purpose: it rarely has Pod Security \
labels, NetworkPolicies, quotas or narrow RBAC, so whatever runs there is isolated from nothing.",
        example: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  mode: prod\n",
        remediation: "Create a namespace per application or team, with Pod Security labels, a default-deny \
NetworkPolicy and its own RBAC, and move the objects there.",
        references: &["https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"],
    },
    optional: false,
};

/// The API server's own Service, which it keeps in `default` (labelled `provider: kubernetes`).
fn is_api_server_service(object: &crate::model::Object) -> bool {
    object.is("", "Service")
        && object.oref.name == "kubernetes"
        && object.labels().get("provider") == Some(&"kubernetes")
}

pub(super) fn check(c: &mut Check<'_>) {
    if c.object.oref.namespace.as_deref() == Some("default") && !is_api_server_service(c.object) {
        let what = format!(
            "{} `{}` is in the `default` namespace",
            c.object.oref.kind, c.object.oref.name
        );
        c.report(FieldPath::keys(&["metadata", "namespace"]), what);
    }
}
