//! Every subject's effective permissions at once: each user, group and service account that a binding
//! names (and any others the caller adds), with the bindings that apply to it through its own name and
//! through the groups authentication gives it. One pass over the bindings builds an index by subject, so
//! the whole answer costs about the size of the bindings rather than subjects times bindings.

use std::collections::{BTreeSet, HashMap};

use super::policy::Policy;
use super::types::{Binding, Role, Subject, User};

/// How a binding names a subject, after the API server's equivalences: a User named
/// `system:serviceaccount:NS:NAME` is that service account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubjectKey {
    /// A service account (namespace, name).
    ServiceAccount(String, String),
    /// A user name.
    User(String),
    /// A group name.
    Group(String),
}

impl SubjectKey {
    /// The identity the API server authenticates for this subject; a group stands for itself (a user that
    /// belongs to nothing else).
    #[must_use]
    pub fn identity(&self) -> User {
        match self {
            Self::ServiceAccount(ns, name) => {
                User::authenticated(&format!("system:serviceaccount:{ns}:{name}"), &[])
            }
            Self::User(name) => User::authenticated(name, &[]),
            Self::Group(name) => User {
                name: String::new(),
                groups: vec![name.clone()],
            },
        }
    }

    /// The subject an entry of `binding`'s subjects names; `None` for an unknown kind, or a service account
    /// of a ClusterRoleBinding without a namespace (it matches no one).
    #[must_use]
    pub fn named(subject: &Subject, binding: &Binding) -> Option<Self> {
        match subject.kind.as_str() {
            "User" => Some(Self::of_user(&subject.name)),
            "Group" => Some(Self::Group(subject.name.clone())),
            "ServiceAccount" => {
                let namespace = subject
                    .namespace
                    .as_deref()
                    .filter(|n| !n.is_empty())
                    .or(binding.namespace.as_deref())?;
                Some(Self::ServiceAccount(namespace.to_owned(), subject.name.clone()))
            }
            _ => None,
        }
    }

    /// The subject in words: `ServiceAccount ns/name`, `User name`, `Group name`.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::ServiceAccount(ns, name) => format!("ServiceAccount {ns}/{name}"),
            Self::User(name) => format!("User {name}"),
            Self::Group(name) => format!("Group {name}"),
        }
    }

    /// The subject a user name is: a service account for `system:serviceaccount:NS:NAME`.
    #[must_use]
    pub fn of_user(name: &str) -> Self {
        match name
            .strip_prefix("system:serviceaccount:")
            .and_then(|rest| rest.split_once(':'))
        {
            Some((ns, sa)) if !ns.is_empty() && !sa.is_empty() => {
                Self::ServiceAccount(ns.to_owned(), sa.to_owned())
            }
            _ => Self::User(name.to_owned()),
        }
    }
}

/// One subject's effective permissions: the bindings that apply to it and the roles they grant, cluster
/// bindings first, then RoleBindings by namespace. Bindings whose role is missing grant nothing and are
/// left out.
#[derive(Debug)]
pub struct Effective<'a> {
    /// The subject.
    pub subject: SubjectKey,
    /// The identity with the groups authentication gives it.
    pub user: User,
    /// The bindings that apply and the roles they reference.
    pub grants: Vec<(&'a Binding, &'a Role)>,
}

/// The effective permissions of every subject named by a binding, plus `extra` (such as the service
/// accounts the inputs define), sorted by subject.
#[must_use]
pub fn everyone(policy: &Policy, extra: impl IntoIterator<Item = SubjectKey>) -> Vec<Effective<'_>> {
    let mut index: HashMap<SubjectKey, Vec<usize>> = HashMap::new();
    for (i, binding) in policy.bindings.iter().enumerate() {
        for key in binding
            .subjects
            .iter()
            .filter_map(|s| SubjectKey::named(s, binding))
        {
            index.entry(key).or_default().push(i);
        }
    }
    let subjects: BTreeSet<SubjectKey> = index.keys().cloned().chain(extra).collect();
    subjects
        .into_iter()
        .map(|subject| {
            let user = subject.identity();
            let mut found: Vec<usize> = Vec::new();
            if let Some(own) = index.get(&subject) {
                found.extend(own);
            }
            if !matches!(subject, SubjectKey::Group(_)) {
                for group in &user.groups {
                    if let Some(via_group) = index.get(&SubjectKey::Group(group.clone())) {
                        found.extend(via_group);
                    }
                }
            }
            found.sort_unstable_by_key(|&i| {
                (
                    policy.bindings[i].namespace.is_some(),
                    &policy.bindings[i].namespace,
                    i,
                )
            });
            found.dedup();
            let grants = found
                .into_iter()
                .map(|i| &policy.bindings[i])
                .filter_map(|b| policy.role_of(b).map(|r| (b, r)))
                .collect();
            Effective {
                subject,
                user,
                grants,
            }
        })
        .collect()
}
