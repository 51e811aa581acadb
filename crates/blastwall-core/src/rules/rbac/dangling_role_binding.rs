//! BW315 dangling-role-binding: a binding to a role that does not exist among the inputs.

use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::bindings::role_ref;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW315",
    name: "dangling-role-binding",
    category: Category::Rbac,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege"],
    summary: "A binding references a Role or ClusterRole that is not among the inputs.",
    help: "delete the binding, or add the role it should grant",
    docs: Docs {
        what: "Reports RoleBindings and ClusterRoleBindings whose `roleRef` names a role that no input defines. \
Kubernetes' built-in ClusterRoles (`cluster-admin`, `admin`, `edit`, `view` and the `system:` roles) are taken \
as existing.",
        why: "A binding to a missing role grants nothing today, and everything the role will say the day someone \
creates a role with that name: a silent grant waiting to happen.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: legacy\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: removed-role\nsubjects:\n- kind: ServiceAccount\n  name: app\n  namespace: shop\n",
        remediation: "Delete the binding, or add the role to the same manifests so both are reviewed together.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding"],
    },
    optional: false,
};

fn built_in(name: &str) -> bool {
    matches!(name, "cluster-admin" | "admin" | "edit" | "view") || name.starts_with("system:")
}

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    let is_binding = object.is("rbac.authorization.k8s.io", "RoleBinding")
        || object.is("rbac.authorization.k8s.io", "ClusterRoleBinding");
    if !is_binding {
        return;
    }
    let (kind, name) = role_ref(object);
    if kind == "ClusterRole" && built_in(name) {
        return;
    }
    let policy = c.rbac();
    let binding = policy.bindings.iter().find(|b| b.object == Some(c.id));
    if binding.is_some_and(|b| policy.role_of(b).is_none()) {
        c.report(
            FieldPath::keys(&["roleRef", "name"]),
            format!(
                "{} `{}` references {kind} `{name}`, which no input defines",
                object.oref.kind, object.oref.name
            ),
        );
    }
}
