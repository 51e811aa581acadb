//! RBAC exactly as the API server's authorizer decides, on small types of its own: rules, roles, bindings,
//! subjects and requests. `RulesFor` resolution, rule matching (`*`, `resource/subresource`, `*/scale`,
//! resourceNames, non-resource URL prefixes, case-sensitive verbs), RoleBindings that never reach
//! cluster-scoped requests, aggregated ClusterRoles and the `Covers` comparison used by escalation checks.
//! The `system:masters` group is allowed everything, as by the API server before any authorizer runs.
//! Kubernetes' built-in roles and bindings join the inputs' unless left out.

mod aggregation;
mod builtin;
mod covers;
mod escalation;
mod everyone;
mod from_inventory;
mod matching;
mod policy;
mod powers;
mod queries;
pub mod resources;
mod types;

pub use aggregation::aggregate;
pub use builtin::{KubeVersion, NEWEST_MINOR, OLDEST_MINOR};
pub use covers::{covers, non_resource_url_covers};
pub use escalation::{may_write_binding, may_write_role};
pub use everyone::{everyone, Effective, SubjectKey};
pub use from_inventory::{accounts_of, policy_of, Accounts};
pub use matching::rule_allows;

pub use policy::{applies_to, Grant, Policy};
pub(crate) use powers::{dangerous_powers, Power};
pub use queries::{dangling_for, effective_rules, rules_of, who_can, Holder};
pub(crate) use resources::namespace_can_grant;
pub use types::{Binding, PolicyRule, Request, Role, RoleRef, Subject, User};
