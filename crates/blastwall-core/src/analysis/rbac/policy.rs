//! The authorizer: `RulesFor(user, namespace)` over roles and bindings, and who is allowed what.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::matching::rule_allows;
use super::types::{Binding, PolicyRule, Request, Role, Subject, User};

/// The roles and bindings of a cluster.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Roles and ClusterRoles (aggregation already applied).
    pub roles: Vec<Role>,
    /// RoleBindings and ClusterRoleBindings.
    pub bindings: Vec<Binding>,
    lookup: OnceLock<Lookup>,
}

/// Indexes built on first use: roles by (namespace, name), and the bindings of each role.
#[derive(Debug, Clone, Default)]
struct Lookup {
    roles: HashMap<(Option<String>, String), usize>,
    bindings_of: HashMap<usize, Vec<usize>>,
    /// Bindings by namespace (`None`: ClusterRoleBindings), in input order.
    bindings_in: HashMap<Option<String>, Vec<usize>>,
}

/// Why a request is allowed: the binding, the role and the rule that grant it.
#[derive(Debug, Clone, Copy)]
pub struct Grant<'a> {
    /// The binding (`None` for `system:masters`).
    pub binding: Option<&'a Binding>,
    /// The role it references.
    pub role: Option<&'a Role>,
    /// The rule that matched.
    pub rule: Option<&'a PolicyRule>,
}

/// The index of the first subject that applies to `user`, for a binding in `namespace` (`""` for a
/// ClusterRoleBinding).
#[must_use]
pub fn applies_to(user: &User, subjects: &[Subject], namespace: &str) -> Option<usize> {
    subjects.iter().position(|s| match s.kind.as_str() {
        "User" => user.name == s.name,
        "Group" => user.groups.contains(&s.name),
        "ServiceAccount" => {
            let sa_namespace = s
                .namespace
                .as_deref()
                .filter(|n| !n.is_empty())
                .unwrap_or(namespace);
            // `system:serviceaccount:NS:NAME`, compared piece by piece rather than built for every check.
            !sa_namespace.is_empty()
                && user
                    .name
                    .strip_prefix("system:serviceaccount:")
                    .and_then(|rest| rest.strip_prefix(sa_namespace))
                    .and_then(|rest| rest.strip_prefix(':'))
                    == Some(s.name.as_str())
        }
        _ => false,
    })
}

impl Policy {
    /// A policy over these roles (aggregation already applied) and bindings.
    #[must_use]
    pub fn new(roles: Vec<Role>, bindings: Vec<Binding>) -> Self {
        Self {
            roles,
            bindings,
            lookup: OnceLock::new(),
        }
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| {
            let mut lookup = Lookup::default();
            for (i, role) in self.roles.iter().enumerate() {
                // A name defined twice: the later definition is what `kubectl apply` leaves in the cluster.
                lookup
                    .roles
                    .insert((role.namespace.clone(), role.name.clone()), i);
            }
            for (b, binding) in self.bindings.iter().enumerate() {
                lookup
                    .bindings_in
                    .entry(binding.namespace.clone())
                    .or_default()
                    .push(b);
                if let Some(r) = Self::role_index(&lookup, binding) {
                    lookup.bindings_of.entry(r).or_default().push(b);
                }
            }
            lookup
        })
    }

    fn role_index(lookup: &Lookup, binding: &Binding) -> Option<usize> {
        let namespace = match binding.role_ref.kind.as_str() {
            "Role" => Some(binding.namespace.clone()?),
            "ClusterRole" => None,
            _ => return None,
        };
        lookup
            .roles
            .get(&(namespace, binding.role_ref.name.clone()))
            .copied()
    }

    /// The bindings that reference the role at `role` (an index into `roles`).
    pub(crate) fn bindings_of(&self, role: usize) -> impl Iterator<Item = &Binding> {
        self.lookup()
            .bindings_of
            .get(&role)
            .into_iter()
            .flatten()
            .map(|b| &self.bindings[*b])
    }

    /// The role a binding references: a Role in the binding's namespace, or a ClusterRole. `None` when it
    /// does not exist (the binding then grants nothing).
    #[must_use]
    pub(crate) fn role_of(&self, binding: &Binding) -> Option<&Role> {
        Self::role_index(self.lookup(), binding).map(|i| &self.roles[i])
    }

    /// Every (binding, role, rule) that applies to `user` in `namespace` (`""` for cluster scope): the rules
    /// of matching ClusterRoleBindings, plus those of matching RoleBindings of that namespace.
    pub fn rules_for<'a>(
        &'a self,
        user: &'a User,
        namespace: &'a str,
    ) -> impl Iterator<Item = Grant<'a>> + 'a {
        let lookup = self.lookup();
        let cluster = lookup.bindings_in.get(&None).into_iter().flatten();
        let local = (!namespace.is_empty())
            .then(|| lookup.bindings_in.get(&Some(namespace.to_owned())))
            .flatten()
            .into_iter()
            .flatten();
        cluster
            .chain(local)
            .map(|i| &self.bindings[*i])
            .filter(move |b| applies_to(user, &b.subjects, b.namespace.as_deref().unwrap_or("")).is_some())
            .filter_map(move |b| self.role_of(b).map(|role| (b, role)))
            .flat_map(|(binding, role)| {
                role.rules.iter().map(move |rule| Grant {
                    binding: Some(binding),
                    role: Some(role),
                    rule: Some(rule),
                })
            })
    }

    /// The first grant that allows `request` for `user`, or `None` (RBAC has no opinion).
    #[must_use]
    pub fn allows<'a>(&'a self, user: &'a User, request: &'a Request) -> Option<Grant<'a>> {
        if user.groups.iter().any(|g| g == "system:masters") {
            return Some(Grant {
                binding: None,
                role: None,
                rule: None,
            });
        }
        self.rules_for(user, request.namespace())
            .find(|g| g.rule.is_some_and(|r| rule_allows(r, request)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rbac::types::RoleRef;

    fn read_pods() -> PolicyRule {
        PolicyRule {
            verbs: vec!["get".into()],
            api_groups: vec![String::new()],
            resources: vec!["pods".into()],
            ..Default::default()
        }
    }

    fn get_pods(namespace: &str) -> Request {
        Request::Resource {
            verb: "get".into(),
            api_group: String::new(),
            resource: "pods".into(),
            subresource: String::new(),
            name: String::new(),
            namespace: namespace.into(),
        }
    }

    fn sa_subject(namespace: Option<&str>) -> Subject {
        Subject {
            kind: "ServiceAccount".into(),
            name: "app".into(),
            namespace: namespace.map(str::to_owned),
        }
    }

    fn policy(binding_ns: Option<&str>, subject: Subject, role_ref_kind: &str) -> Policy {
        let role = Role {
            name: "reader".into(),
            rules: vec![read_pods()],
            ..Role::default()
        };
        let binding = Binding {
            namespace: binding_ns.map(str::to_owned),
            name: "b".into(),
            role_ref: RoleRef {
                kind: role_ref_kind.into(),
                name: "reader".into(),
            },
            subjects: vec![subject],
            object: None,
        };
        Policy::new(vec![role], vec![binding])
    }

    #[test]
    fn a_role_defined_twice_is_its_later_definition() {
        let sa = User::authenticated("system:serviceaccount:shop:app", &[]);
        let mut p = policy(Some("shop"), sa_subject(None), "ClusterRole");
        let empty = Role {
            name: "reader".into(),
            rules: Vec::new(),
            ..Role::default()
        };
        p = Policy::new(vec![p.roles[0].clone(), empty], p.bindings.clone());
        assert!(
            p.allows(&sa, &get_pods("shop")).is_none(),
            "kubectl apply leaves the last definition"
        );
    }

    #[test]
    fn identities_carry_the_groups_authentication_gives_them() {
        let sa = User::authenticated("system:serviceaccount:shop:app", &[]);
        assert_eq!(
            sa.groups,
            [
                "system:serviceaccounts",
                "system:serviceaccounts:shop",
                "system:authenticated"
            ]
        );
        assert_eq!(
            User::authenticated("alice", &["dev".into()]).groups,
            ["dev", "system:authenticated"]
        );
        assert_eq!(
            User::authenticated("system:anonymous", &[]).groups,
            ["system:unauthenticated"]
        );
    }

    #[test]
    fn a_service_account_subject_defaults_to_the_binding_namespace() {
        let sa = User::authenticated("system:serviceaccount:shop:app", &[]);
        let p = policy(Some("shop"), sa_subject(None), "ClusterRole");
        assert!(p.allows(&sa, &get_pods("shop")).is_some());
        assert!(
            p.allows(&sa, &get_pods("other")).is_none(),
            "a RoleBinding grants in its namespace only"
        );
        assert!(p.allows(&sa, &get_pods("")).is_none(), "and never cluster-wide");
    }

    #[test]
    fn a_namespaceless_service_account_in_a_cluster_role_binding_matches_nothing() {
        let sa = User::authenticated("system:serviceaccount:shop:app", &[]);
        assert!(policy(None, sa_subject(None), "ClusterRole")
            .allows(&sa, &get_pods("shop"))
            .is_none());
        assert!(policy(None, sa_subject(Some("shop")), "ClusterRole")
            .allows(&sa, &get_pods("shop"))
            .is_some());
    }

    #[test]
    fn a_missing_role_grants_nothing_and_masters_get_everything() {
        let sa = User::authenticated("system:serviceaccount:shop:app", &[]);
        assert!(policy(Some("shop"), sa_subject(None), "Role")
            .allows(&sa, &get_pods("shop"))
            .is_none());
        let admin = User::authenticated("root", &["system:masters".into()]);
        assert!(Policy::default().allows(&admin, &get_pods("")).is_some());
    }
}
