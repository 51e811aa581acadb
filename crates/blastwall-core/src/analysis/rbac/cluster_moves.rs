//! Escalation moves that need no pod and no namespace: impersonating a user or a group (`Impersonate-Group`
//! needs an `Impersonate-User` beside it, so group moves need user or service-account impersonation too),
//! binding cluster-admin to oneself, and rewriting a ClusterRole one is bound to with the `escalate` verb.

use std::collections::BTreeSet;

use super::matching::rule_allows;
use super::policy::{applies_to, Policy};
use super::types::{PolicyRule, Request, User};

/// What a move gains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Gain {
    /// Full power over the cluster at once.
    ClusterAdmin,
    /// Acting as a user or service account (`system:serviceaccount:NS:NAME`) with the groups authentication
    /// gives it. Only the name is kept: every service account's moves are stored, so edges stay small.
    As(String),
    /// Acting as a member of a group (and of `system:authenticated`).
    Group(String),
}

impl Gain {
    /// How a path names what the move gains.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Self::ClusterAdmin => super::paths::CLUSTER_ADMIN.to_owned(),
            Self::As(name) => name.clone(),
            Self::Group(group) => format!("group {group}"),
        }
    }

    /// The identity gained; `None` for full power.
    #[must_use]
    pub fn identity(&self) -> Option<User> {
        match self {
            Self::ClusterAdmin => None,
            Self::As(name) => Some(User::authenticated(name, &[])),
            Self::Group(group) => Some(User {
                name: String::new(),
                groups: vec![group.clone(), "system:authenticated".to_owned()],
            }),
        }
    }
}

const RBAC: &str = "rbac.authorization.k8s.io";

fn request(verb: &str, group: &str, resource: &str, name: &str) -> Request {
    Request::Resource {
        verb: verb.into(),
        api_group: group.into(),
        resource: resource.into(),
        subresource: String::new(),
        name: name.into(),
        namespace: String::new(),
    }
}

/// True when a rule grants `impersonate` on `resource` (core group) for some name.
fn impersonates(rules: &[PolicyRule], resource: &str) -> bool {
    rules.iter().any(|r| {
        r.verbs.iter().any(|v| v == "impersonate" || v == "*")
            && r.api_groups.iter().any(|g| g.is_empty() || g == "*")
            && r.resources.iter().any(|x| x == resource || x == "*")
    })
}

/// The moves `cluster` (the user's cluster-wide rules) opens.
pub(super) fn cluster_moves(policy: &Policy, user: &User, cluster: &[PolicyRule]) -> Vec<(String, Gain)> {
    let allowed = |r: &Request| cluster.iter().any(|rule| rule_allows(rule, r));
    let mut out = Vec::new();
    // Some user (or service account) must be impersonated for a group to be.
    let some_user = impersonates(cluster, "users") || impersonates(cluster, "serviceaccounts");
    if some_user && allowed(&request("impersonate", "", "groups", "system:masters")) {
        out.push(("impersonate group system:masters".to_owned(), Gain::ClusterAdmin));
    }
    let admin_bound = policy.bindings.iter().any(|b| {
        b.namespace.is_none() && b.role_ref.kind == "ClusterRole" && b.role_ref.name == "cluster-admin"
    });
    let write_binding = allowed(&request("create", RBAC, "clusterrolebindings", ""))
        || (admin_bound
            && ["update", "patch"]
                .iter()
                .any(|v| allowed(&request(v, RBAC, "clusterrolebindings", ""))));
    if write_binding && allowed(&request("bind", RBAC, "clusterroles", "cluster-admin")) {
        out.push((
            "bind cluster-admin to itself with a ClusterRoleBinding".to_owned(),
            Gain::ClusterAdmin,
        ));
    }
    if let Some(role) = escalatable_role(policy, user, &allowed) {
        out.push((
            format!(
                "add every permission to ClusterRole {role}, which a ClusterRoleBinding grants it (escalate)"
            ),
            Gain::ClusterAdmin,
        ));
    }
    if some_user {
        let (users, groups) = subjects(policy);
        // Service accounts are reached through their namespace's moves; here, the other users.
        let others = users
            .into_iter()
            .filter(|n| *n != user.name && !n.starts_with("system:serviceaccount:"));
        for name in others {
            if allowed(&request("impersonate", "", "users", name)) {
                out.push((format!("impersonate user {name}"), Gain::As(name.to_owned())));
            }
        }
        for group in groups
            .into_iter()
            .filter(|g| *g != "system:masters" && !user.groups.iter().any(|own| own == g))
        {
            if allowed(&request("impersonate", "", "groups", group)) {
                out.push((
                    format!("impersonate group {group}"),
                    Gain::Group(group.to_owned()),
                ));
            }
        }
    }
    out
}

/// A ClusterRole that a ClusterRoleBinding grants `user`, that `user` may update or patch and holds
/// `escalate` on: adding `*` to it gives full power. Aggregated roles are left out: the controller rewrites
/// their rules.
fn escalatable_role<'p>(
    policy: &'p Policy,
    user: &User,
    allowed: &impl Fn(&Request) -> bool,
) -> Option<&'p str> {
    policy
        .bindings
        .iter()
        .filter(|b| b.namespace.is_none() && applies_to(user, &b.subjects, "").is_some())
        .filter_map(|b| policy.role_of(b))
        .filter(|r| r.namespace.is_none() && r.aggregation.is_none())
        .map(|r| r.name.as_str())
        .find(|name| {
            allowed(&request("escalate", RBAC, "clusterroles", name))
                && ["update", "patch"]
                    .iter()
                    .any(|v| allowed(&request(v, RBAC, "clusterroles", name)))
        })
}

/// The user names (service accounts written as users included) and group names that bindings name.
fn subjects(policy: &Policy) -> (BTreeSet<&str>, BTreeSet<&str>) {
    let (mut users, mut groups) = (BTreeSet::new(), BTreeSet::new());
    for s in policy.bindings.iter().flat_map(|b| &b.subjects) {
        match s.kind.as_str() {
            "User" => {
                users.insert(s.name.as_str());
            }
            "Group" => {
                groups.insert(s.name.as_str());
            }
            _ => {}
        }
    }
    (users, groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rbac::paths::{path_to_cluster_admin, Accounts};
    use crate::analysis::rbac::types::{Binding, Role, RoleRef, Subject};

    fn rule(verbs: &[&str], group: &str, resources: &[&str], names: &[&str]) -> PolicyRule {
        let list = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
        PolicyRule {
            verbs: list(verbs),
            api_groups: vec![group.to_owned()],
            resources: list(resources),
            resource_names: list(names),
            ..PolicyRule::default()
        }
    }

    fn role(name: &str, rules: Vec<PolicyRule>) -> Role {
        Role {
            name: name.into(),
            rules,
            ..Role::default()
        }
    }

    fn bind(role: &str, kind: &str, subject: &str) -> Binding {
        Binding {
            name: format!("{role}-{subject}"),
            role_ref: RoleRef {
                kind: "ClusterRole".into(),
                name: role.into(),
            },
            subjects: vec![Subject {
                kind: kind.into(),
                name: subject.into(),
                namespace: None,
            }],
            ..Binding::default()
        }
    }

    fn admin() -> Role {
        role("cluster-admin", vec![rule(&["*"], "*", &["*"], &[])])
    }

    /// (what `attacker` holds, extra roles and bindings, expected first action or `None`, why)
    #[test]
    fn cluster_wide_moves() {
        let rows: Vec<(Vec<PolicyRule>, Option<&str>, &str)> = vec![
            (
                vec![rule(&["impersonate"], "", &["users"], &["boss"])],
                Some("impersonate user boss"),
                "a user bound to cluster-admin can be impersonated",
            ),
            (
                vec![rule(&["impersonate"], "", &["groups"], &[])],
                None,
                "groups alone cannot be impersonated: Impersonate-Group needs Impersonate-User",
            ),
            (
                vec![rule(&["impersonate"], "", &["groups", "users"], &[])],
                Some("impersonate group system:masters"),
                "users and groups together reach system:masters",
            ),
            (
                vec![
                    rule(&["impersonate"], "", &["serviceaccounts"], &[]),
                    rule(&["impersonate"], "", &["groups"], &["admins"]),
                ],
                Some("impersonate group admins"),
                "a service account can carry the impersonated group; the group is bound to cluster-admin",
            ),
            (
                vec![
                    rule(&["escalate", "update"], RBAC, &["clusterroles"], &["small"]),
                    rule(&["get"], "", &["pods"], &[]),
                ],
                Some("add every permission to ClusterRole small, which a ClusterRoleBinding grants it (escalate)"),
                "escalate and update on its own bound role",
            ),
            (
                vec![rule(&["update"], RBAC, &["clusterroles"], &["small"])],
                None,
                "update without escalate cannot add what it does not hold",
            ),
            (
                vec![rule(&["escalate"], RBAC, &["clusterroles"], &["small"])],
                None,
                "escalate without update or patch writes nothing",
            ),
            (
                vec![
                    rule(&["patch"], RBAC, &["clusterrolebindings"], &[]),
                    rule(&["bind"], RBAC, &["clusterroles"], &["cluster-admin"]),
                ],
                Some("bind cluster-admin to itself with a ClusterRoleBinding"),
                "patching an existing cluster-admin binding with bind on cluster-admin",
            ),
        ];
        for (held, expected, why) in rows {
            let policy = Policy::new(
                vec![admin(), role("small", held)],
                vec![
                    bind("small", "User", "attacker"),
                    bind("cluster-admin", "User", "boss"),
                    bind("cluster-admin", "Group", "admins"),
                ],
            );
            let attacker = User::authenticated("attacker", &[]);
            let path = path_to_cluster_admin(&policy, &Accounts::default(), &attacker);
            let first = path.as_ref().and_then(|p| p.first()).map(|s| s.action.as_str());
            assert_eq!(first, expected, "{why}: {path:?}");
            if expected.is_some() {
                assert_eq!(path.as_ref().map(Vec::len), Some(1), "{why}: one step");
            }
        }
    }
}
