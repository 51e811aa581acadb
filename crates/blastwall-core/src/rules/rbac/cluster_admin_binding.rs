//! BW312 cluster-admin-binding: `cluster-admin` granted to someone other than the platform's own accounts.

use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::bindings::{role_ref, subjects};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW312",
    name: "cluster-admin-binding",
    category: Category::Rbac,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["cis:5.1.1", "nsa:rbac:least-privilege", "mitre:T1078"],
    summary: "The cluster-admin role is bound to a user, group or service account outside the control plane.",
    help: "bind a role with only the permissions needed; keep cluster-admin for break-glass access",
    docs: Docs {
        what: "Reports bindings to the ClusterRole `cluster-admin` whose subjects are not `system:` identities (the \
control plane's own users and groups, such as `system:masters`). A RoleBinding to it is reported too: it gives \
every permission within that namespace, including its RBAC.",
        why: "cluster-admin can do anything, everywhere: read every Secret, run privileged pods on any node, \
change RBAC. A compromise of any holder is a compromise of the whole cluster.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci-admin\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n- kind: ServiceAccount\n  name: ci\n  namespace: ci\n",
        remediation: "Replace the binding with a role that lists what the subject does; for people, grant \
cluster-admin through a short-lived, audited process rather than a standing binding.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    if role_ref(object) != ("ClusterRole", "cluster-admin") {
        return;
    }
    let who: Vec<String> = subjects(object)
        .into_iter()
        .filter(|(_, _, name, _)| !name.starts_with("system:"))
        .map(|(_, kind, name, ns)| match ns {
            Some(ns) => format!("{kind} {ns}/{name}"),
            None => format!("{kind} {name}"),
        })
        .collect();
    if !who.is_empty() {
        c.report(
            FieldPath::keys(&["roleRef", "name"]),
            format!(
                "{} `{}` grants cluster-admin to {}",
                object.oref.kind,
                object.oref.name,
                who.join(", ")
            ),
        );
    }
}
