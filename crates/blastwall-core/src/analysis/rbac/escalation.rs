//! Privilege-escalation prevention: the checks the API server makes, on top of authorization, before it
//! lets someone create or update a role or a binding.

use super::covers::covers;
use super::policy::Policy;
use super::types::{Binding, PolicyRule, Request, User};

fn masters(user: &User) -> bool {
    user.groups.iter().any(|g| g == "system:masters")
}

fn rbac_request(verb: &str, resource: &str, name: &str, namespace: Option<&str>) -> Request {
    Request::Resource {
        verb: verb.to_owned(),
        api_group: "rbac.authorization.k8s.io".to_owned(),
        resource: resource.to_owned(),
        subresource: String::new(),
        name: name.to_owned(),
        namespace: namespace.unwrap_or("").to_owned(),
    }
}

/// The user's rules in `namespace` (`""`: only ClusterRoleBinding rules).
fn held_rules(policy: &Policy, user: &User, namespace: &str) -> Vec<PolicyRule> {
    policy
        .rules_for(user, namespace)
        .filter_map(|g| g.rule.cloned())
        .collect()
}

/// Whether `user` may create or update a Role named `name` in `namespace` (a ClusterRole when `None`) with
/// `rules`: a member of `system:masters`, or allowed `escalate` on it by `authorize`, or already holding
/// every permission of the new rules there.
pub fn may_write_role(
    policy: &Policy,
    user: &User,
    name: &str,
    namespace: Option<&str>,
    rules: &[PolicyRule],
    authorize: impl Fn(&User, &Request) -> bool,
) -> bool {
    if masters(user) {
        return true;
    }
    let resource = if namespace.is_some() {
        "roles"
    } else {
        "clusterroles"
    };
    if authorize(user, &rbac_request("escalate", resource, name, namespace)) {
        return true;
    }
    covers(&held_rules(policy, user, namespace.unwrap_or("")), rules).0
}

/// Whether `user` may create or update `binding`: a member of `system:masters`, or allowed `bind` on the
/// referenced role in the binding's namespace, or already holding every permission of that role there. A
/// missing role fails the last test (but not the `bind` one).
pub fn may_write_binding(policy: &Policy, user: &User, binding: &Binding) -> bool {
    if masters(user) {
        return true;
    }
    let namespace = binding.namespace.as_deref();
    let resource = if binding.role_ref.kind == "Role" {
        "roles"
    } else {
        "clusterroles"
    };
    if policy
        .allows(
            user,
            &rbac_request("bind", resource, &binding.role_ref.name, namespace),
        )
        .is_some()
    {
        return true;
    }
    policy
        .role_of(binding)
        .is_some_and(|role| covers(&held_rules(policy, user, namespace.unwrap_or("")), &role.rules).0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rbac::types::{Role, RoleRef, Subject};

    #[test]
    fn escalation_prevention_for_bindings() {
        let read = |verbs: &[&str]| PolicyRule {
            verbs: verbs.iter().map(|v| (*v).to_owned()).collect(),
            api_groups: vec![String::new()],
            resources: vec!["pods".into()],
            ..PolicyRule::default()
        };
        let role = |name: &str, rules: Vec<PolicyRule>| Role {
            name: name.into(),
            rules,
            ..Role::default()
        };
        let bind_rule = PolicyRule {
            verbs: vec!["bind".into()],
            api_groups: vec!["rbac.authorization.k8s.io".into()],
            resources: vec!["clusterroles".into()],
            resource_names: vec!["strong".into()],
            ..PolicyRule::default()
        };
        let crb = |name: &str, user: &str, role: &str| Binding {
            namespace: None,
            name: name.into(),
            role_ref: RoleRef {
                kind: "ClusterRole".into(),
                name: role.into(),
            },
            subjects: vec![Subject {
                kind: "User".into(),
                name: user.into(),
                namespace: None,
            }],
            object: None,
        };
        let p = Policy::new(
            vec![
                role("weak", vec![read(&["get"])]),
                role("strong", vec![read(&["get", "delete"])]),
                role("binder", vec![bind_rule]),
            ],
            vec![crb("a", "reader", "weak"), crb("b", "binder", "binder")],
        );
        let target = |role: &str| Binding {
            namespace: Some("ns".into()),
            ..crb("new", "someone", role)
        };
        let user = |name: &str| User::authenticated(name, &[]);
        assert!(
            may_write_binding(&p, &user("reader"), &target("weak")),
            "holding every permission of the role"
        );
        assert!(
            !may_write_binding(&p, &user("reader"), &target("strong")),
            "not more than one holds"
        );
        assert!(
            may_write_binding(&p, &user("binder"), &target("strong")),
            "bind on the role by name"
        );
        assert!(
            !may_write_binding(&p, &user("binder"), &target("weak")),
            "bind is limited to its resourceNames"
        );
        assert!(
            !may_write_binding(&p, &user("reader"), &target("missing")),
            "a missing role fails the coverage test"
        );
        assert!(may_write_binding(
            &p,
            &User::authenticated("root", &["system:masters".into()]),
            &target("strong")
        ));
    }
}
