//! BW313 binding-to-all-users: permissions granted to every user, or to anonymous requests.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::bindings::{role_ref, subjects};

/// The roles Kubernetes itself binds to these groups; binding them again is harmless.
const DEFAULT_PUBLIC_ROLES: [&str; 4] = [
    "system:basic-user",
    "system:discovery",
    "system:public-info-viewer",
    "system:service-account-issuer-discovery",
];

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW313",
    name: "binding-to-all-users",
    category: Category::Rbac,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["cis:5.1.1", "nsa:rbac:least-privilege", "mitre:T1078"],
    summary: "A binding grants a role to every authenticated user, to every service account, or to anonymous requests.",
    help: "bind the role to the specific users, groups or service accounts that need it",
    docs: Docs {
        what: "Reports binding subjects `system:anonymous`, `system:unauthenticated`, `system:authenticated` and \
`system:serviceaccounts`, except for the discovery roles Kubernetes binds to them by default.",
        why: "`system:authenticated` includes every user and every service account of every namespace; \
`system:unauthenticated` and `system:anonymous` include anyone who can reach the API server. Whatever the role \
allows, a breach of any pod (or the internet) gets it.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: everyone-reads\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: system:authenticated\n",
        remediation: "Bind the role to the identities that need it. For public read-only endpoints, rely on the \
default discovery roles instead.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    let (_, role) = role_ref(object);
    if DEFAULT_PUBLIC_ROLES.contains(&role) {
        return;
    }
    for (path, kind, name, _) in subjects(object) {
        let everyone = match (kind, name) {
            ("User", "system:anonymous") => "anonymous requests",
            ("Group", "system:unauthenticated") => "every unauthenticated request",
            ("Group", "system:authenticated") => "every authenticated user and service account",
            ("Group", "system:serviceaccounts") => "every service account of every namespace",
            _ => continue,
        };
        c.report(
            path,
            format!(
                "{} `{}` grants `{role}` to {everyone} ({kind} {name})",
                object.oref.kind, object.oref.name
            ),
        );
    }
}
