//! The questions users ask of a policy: can this identity do this, who can do this, and what can this
//! identity do.

use super::matching::rule_allows;
use super::policy::{Grant, Policy};
use super::types::{Binding, PolicyRule, Request, Role, Subject, User};

/// A subject that is granted a request, and through which binding, role and rule.
#[derive(Debug, Clone)]
pub struct Holder<'a> {
    /// The subject as written, with a service account's namespace filled in.
    pub subject: Subject,
    /// The binding.
    pub binding: &'a Binding,
    /// The role.
    pub role: &'a Role,
    /// The rule.
    pub rule: &'a PolicyRule,
}

/// Every subject of every binding that grants `request`: a RoleBinding only for requests in its own
/// namespace, a ClusterRoleBinding for all. Service-account subjects of a ClusterRoleBinding without a
/// namespace match no one and are left out. `system:masters` is always allowed and not listed here.
#[must_use]
pub fn who_can<'a>(policy: &'a Policy, request: &Request) -> Vec<Holder<'a>> {
    let mut out = Vec::new();
    for binding in &policy.bindings {
        let in_scope = match binding.namespace.as_deref() {
            None => true,
            Some(ns) => !request.namespace().is_empty() && ns == request.namespace(),
        };
        if !in_scope {
            continue;
        }
        let Some(role) = policy.role_of(binding) else {
            continue;
        };
        let Some(matched) = role.rules.iter().find(|r| rule_allows(r, request)) else {
            continue;
        };
        for subject in &binding.subjects {
            let mut subject = subject.clone();
            if subject.kind == "ServiceAccount" {
                match (
                    subject.namespace.as_deref().filter(|n| !n.is_empty()),
                    binding.namespace.as_deref(),
                ) {
                    (Some(_), _) => {}
                    (None, Some(ns)) => subject.namespace = Some(ns.to_owned()),
                    (None, None) => continue,
                }
            }
            out.push(Holder {
                subject,
                binding,
                role,
                rule: matched,
            });
        }
    }
    out
}

/// The rules that apply to `user` in `namespace` (`""`: cluster-wide), with their grants.
#[must_use]
pub fn rules_of<'a>(policy: &'a Policy, user: &'a User, namespace: &'a str) -> Vec<Grant<'a>> {
    policy.rules_for(user, namespace).collect()
}

/// What `user` may do: the grants of ClusterRoleBindings (in every namespace), then, for each namespace
/// where RoleBindings add to them, those additions.
#[must_use]
pub fn effective_rules<'a>(
    policy: &'a Policy,
    user: &'a User,
) -> (Vec<Grant<'a>>, Vec<(&'a str, Vec<Grant<'a>>)>) {
    let mut namespaces: Vec<&str> = policy
        .bindings
        .iter()
        .filter_map(|b| b.namespace.as_deref())
        .collect();
    namespaces.sort_unstable();
    namespaces.dedup();
    let cluster = rules_of(policy, user, "");
    let per_namespace = namespaces
        .into_iter()
        .map(|ns| {
            let only_here: Vec<Grant<'_>> = rules_of(policy, user, ns)
                .into_iter()
                .filter(|g| g.binding.is_some_and(|b| b.namespace.is_some()))
                .collect();
            (ns, only_here)
        })
        .filter(|(_, grants)| !grants.is_empty())
        .collect();
    (cluster, per_namespace)
}

/// Bindings that apply to `user` but reference a role that is not among the inputs: they grant nothing
/// until the role exists.
#[must_use]
pub fn dangling_for<'a>(policy: &'a Policy, user: &User, namespace: &str) -> Vec<&'a Binding> {
    policy
        .bindings
        .iter()
        .filter(|b| b.namespace.as_deref().is_none_or(|ns| ns == namespace))
        .filter(|b| {
            super::policy::applies_to(user, &b.subjects, b.namespace.as_deref().unwrap_or("")).is_some()
        })
        .filter(|b| policy.role_of(b).is_none())
        .collect()
}
