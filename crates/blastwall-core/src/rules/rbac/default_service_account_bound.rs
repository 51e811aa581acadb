//! BW314 default-service-account-bound: permissions granted to a namespace's `default` service account.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::bindings::{role_ref, subjects};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW314",
    name: "default-service-account-bound",
    category: Category::Rbac,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["cis:5.1.5", "nsa:authentication:service-accounts"],
    summary: "A binding grants a role to a namespace's `default` service account, which every pod uses unless told otherwise.",
    help: "create a service account for the workload that needs the role, and bind that one",
    docs: Docs {
        what: "Reports binding subjects that are the `default` ServiceAccount of a namespace.",
        why: "Every pod without a `serviceAccountName` runs as `default`: a permission given to it is given to every \
such pod of the namespace, including ones added later for unrelated purposes.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: default-reader\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\nsubjects:\n- kind: ServiceAccount\n  name: default\n  namespace: shop\n",
        remediation: "Create a dedicated ServiceAccount, set it as `serviceAccountName` of the workload that needs \
the permission, and bind the role to it.",
        references: &["https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    let (_, role) = role_ref(object);
    let binding_ns = object.oref.namespace.as_deref();
    for (path, kind, name, ns) in subjects(object) {
        if kind == "ServiceAccount" && name == "default" {
            let ns = ns.or(binding_ns).unwrap_or("default");
            c.report(
                path,
                format!(
                    "{} `{}` grants `{role}` to the default service account of `{ns}`",
                    object.oref.kind, object.oref.name
                ),
            );
        }
    }
}
