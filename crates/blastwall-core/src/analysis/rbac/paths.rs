//! Escalation paths: the shortest chain of steps by which an identity reaches cluster-admin power, using the
//! moves an attacker with its credentials has: run a pod as another service account, mint or read its token,
//! impersonate it, or grant itself cluster-admin.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::policy::Policy;
use super::types::{Request, User};

/// What the inputs say exists besides RBAC: service accounts, and Secrets holding their tokens.
#[derive(Debug, Clone, Default)]
pub struct Accounts {
    /// Service account names by namespace.
    pub by_namespace: BTreeMap<String, BTreeSet<String>>,
    /// (namespace, account) of every long-lived token Secret.
    pub token_secrets: BTreeSet<(String, String)>,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Who acts.
    pub from: String,
    /// What it does.
    pub action: String,
    /// The identity (or power) it gains.
    pub to: String,
}

/// The power a path leads to.
pub const CLUSTER_ADMIN: &str = "cluster-admin";

/// The longest path searched.
pub const MAX_STEPS: usize = 4;

fn resource(verb: &str, group: &str, resource: &str, name: &str, namespace: &str) -> Request {
    let (resource, subresource) = resource.split_once('/').unwrap_or((resource, ""));
    Request::Resource {
        verb: verb.into(),
        api_group: group.into(),
        resource: resource.into(),
        subresource: subresource.into(),
        name: name.into(),
        namespace: namespace.into(),
    }
}

/// True when `user` may do everything everywhere: `*` verbs on `*` resources of `*` groups, cluster-wide.
#[must_use]
pub fn is_cluster_admin(policy: &Policy, user: &User) -> bool {
    policy.allows(user, &resource("*", "*", "*", "", "")).is_some()
}

/// The namespaces where `user` holds RoleBinding grants, plus every namespace when a ClusterRoleBinding
/// grant would allow the request everywhere.
fn namespaces_to_try<'a>(policy: &'a Policy, user: &User, accounts: &'a Accounts) -> BTreeSet<&'a str> {
    let mut out: BTreeSet<&str> = BTreeSet::new();
    for b in &policy.bindings {
        if let Some(ns) = b.namespace.as_deref() {
            if super::policy::applies_to(user, &b.subjects, ns).is_some() {
                out.insert(ns);
            }
        }
    }
    out.extend(accounts.by_namespace.keys().map(String::as_str));
    out
}

/// The moves open to `user`: (action, identity gained), `CLUSTER_ADMIN` for a direct grab of full power.
fn moves(policy: &Policy, user: &User, accounts: &Accounts) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let allowed = |r: &Request| policy.allows(user, r).is_some();
    if allowed(&resource("impersonate", "", "groups", "system:masters", "")) {
        out.push((
            "impersonate group system:masters".to_owned(),
            CLUSTER_ADMIN.to_owned(),
        ));
    }
    if allowed(&resource(
        "create",
        "rbac.authorization.k8s.io",
        "clusterrolebindings",
        "",
        "",
    )) && allowed(&resource(
        "bind",
        "rbac.authorization.k8s.io",
        "clusterroles",
        CLUSTER_ADMIN,
        "",
    )) {
        out.push((
            "bind cluster-admin to itself with a ClusterRoleBinding".to_owned(),
            CLUSTER_ADMIN.to_owned(),
        ));
    }
    for ns in namespaces_to_try(policy, user, accounts) {
        let sas = accounts.by_namespace.get(ns).cloned().unwrap_or_default();
        let create_pods = allowed(&resource("create", "", "pods", "", ns));
        let read_secrets = allowed(&resource("list", "", "secrets", "", ns));
        for sa in &sas {
            let target = format!("system:serviceaccount:{ns}:{sa}");
            if target == user.name {
                continue;
            }
            if create_pods {
                out.push((
                    format!("create a pod in {ns} that runs as service account {sa}"),
                    target.clone(),
                ));
            } else if allowed(&resource("create", "", "serviceaccounts/token", sa, ns)) {
                out.push((
                    format!("mint a token for service account {ns}/{sa}"),
                    target.clone(),
                ));
            } else if allowed(&resource("impersonate", "", "serviceaccounts", sa, ns)) {
                out.push((format!("impersonate service account {ns}/{sa}"), target.clone()));
            } else if read_secrets && accounts.token_secrets.contains(&(ns.to_owned(), sa.clone())) {
                out.push((
                    format!("read the token Secret of service account {ns}/{sa}"),
                    target.clone(),
                ));
            }
        }
    }
    out
}

/// The shortest path (at most [`MAX_STEPS`] steps) from `start` to cluster-admin power, or `None`. An
/// identity that already holds it has an empty path.
#[must_use]
pub fn path_to_cluster_admin(policy: &Policy, accounts: &Accounts, start: &User) -> Option<Vec<Step>> {
    if is_cluster_admin(policy, start) {
        return Some(Vec::new());
    }
    let mut queue: VecDeque<(User, Vec<Step>)> = VecDeque::from([(start.clone(), Vec::new())]);
    let mut seen: BTreeSet<String> = BTreeSet::from([start.name.clone()]);
    while let Some((user, path)) = queue.pop_front() {
        if path.len() >= MAX_STEPS {
            continue;
        }
        for (action, to) in moves(policy, &user, accounts) {
            let mut next = path.clone();
            next.push(Step {
                from: user.name.clone(),
                action,
                to: to.clone(),
            });
            if to == CLUSTER_ADMIN {
                return Some(next);
            }
            if !seen.insert(to.clone()) {
                continue;
            }
            let gained = User::authenticated(&to, &[]);
            if is_cluster_admin(policy, &gained) {
                return Some(next);
            }
            queue.push_back((gained, next));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rbac::types::{Binding, PolicyRule, Role, RoleRef, Subject};

    fn rule(verbs: &[&str], group: &str, resources: &[&str]) -> PolicyRule {
        PolicyRule {
            verbs: verbs.iter().map(|v| (*v).to_owned()).collect(),
            api_groups: vec![group.to_owned()],
            resources: resources.iter().map(|r| (*r).to_owned()).collect(),
            ..PolicyRule::default()
        }
    }

    fn everything() -> PolicyRule {
        rule(&["*"], "*", &["*"])
    }

    fn bind(ns: Option<&str>, role_kind: &str, role: &str, sa_ns: &str, sa: &str) -> Binding {
        Binding {
            namespace: ns.map(str::to_owned),
            name: format!("{role}-{sa}"),
            role_ref: RoleRef {
                kind: role_kind.into(),
                name: role.into(),
            },
            subjects: vec![Subject {
                kind: "ServiceAccount".into(),
                name: sa.into(),
                namespace: Some(sa_ns.into()),
            }],
            object: None,
        }
    }

    fn cluster_role(name: &str, rules: Vec<PolicyRule>) -> Role {
        Role {
            name: name.into(),
            rules,
            ..Role::default()
        }
    }

    fn accounts(list: &[(&str, &str)]) -> Accounts {
        let mut a = Accounts::default();
        for (ns, sa) in list {
            a.by_namespace
                .entry((*ns).into())
                .or_default()
                .insert((*sa).into());
        }
        a
    }

    fn sa(ns: &str, name: &str) -> User {
        User::authenticated(&format!("system:serviceaccount:{ns}:{name}"), &[])
    }

    #[test]
    fn creating_pods_reaches_a_stronger_account_of_the_namespace() {
        let policy = Policy::new(
            vec![
                cluster_role("admin-all", vec![everything()]),
                cluster_role("deployer", vec![rule(&["create"], "", &["pods"])]),
            ],
            vec![
                bind(None, "ClusterRole", "admin-all", "ops", "operator"),
                bind(Some("ops"), "ClusterRole", "deployer", "ops", "ci"),
            ],
        );
        let path = path_to_cluster_admin(
            &policy,
            &accounts(&[("ops", "operator"), ("ops", "ci")]),
            &sa("ops", "ci"),
        )
        .expect("a path");
        assert_eq!(path.len(), 1);
        assert!(path[0].action.contains("create a pod in ops"), "{path:?}");
        assert_eq!(path[0].to, "system:serviceaccount:ops:operator");
        assert_eq!(
            path_to_cluster_admin(&policy, &Accounts::default(), &sa("ops", "operator")),
            Some(Vec::new())
        );
    }

    #[test]
    fn two_steps_through_a_token_and_impersonation() {
        let policy = Policy::new(
            vec![
                cluster_role("minter", vec![rule(&["create"], "", &["serviceaccounts/token"])]),
                cluster_role("masters", vec![rule(&["impersonate"], "", &["groups"])]),
            ],
            vec![
                bind(Some("a"), "ClusterRole", "minter", "a", "web"),
                bind(None, "ClusterRole", "masters", "a", "robot"),
            ],
        );
        let path = path_to_cluster_admin(
            &policy,
            &accounts(&[("a", "web"), ("a", "robot")]),
            &sa("a", "web"),
        )
        .expect("a path");
        let actions: Vec<&str> = path.iter().map(|s| s.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "mint a token for service account a/robot",
                "impersonate group system:masters"
            ]
        );
    }

    #[test]
    fn no_path_without_a_move() {
        let policy = Policy::new(
            vec![cluster_role(
                "reader",
                vec![rule(&["get", "list"], "", &["configmaps"])],
            )],
            vec![bind(Some("a"), "ClusterRole", "reader", "a", "web")],
        );
        assert_eq!(
            path_to_cluster_admin(
                &policy,
                &accounts(&[("a", "web"), ("a", "other")]),
                &sa("a", "web")
            ),
            None
        );
    }
}
