//! RBAC rules: roles that grant dangerous permissions, and bindings that grant them to the wrong subjects.

mod binding_to_all_users;
mod bindings;
mod cluster_admin_binding;
mod dangling_role_binding;
mod default_service_account_bound;
mod grants;
mod rbac_admission_webhook_write;
mod rbac_csr_approve;
mod rbac_escalate_bind;
mod rbac_impersonate;
mod rbac_node_proxy;
mod rbac_persistent_volume_create;
mod rbac_pod_exec;
mod rbac_secret_read;
mod rbac_token_create;
mod rbac_wildcard;
mod rbac_workload_create;
mod service_account_escalation_path;

/// The rule whose analysis the engine prepares before the per-object pass.
pub use service_account_escalation_path::RULE as SERVICE_ACCOUNT_ESCALATION_PATH;
mod workload_service_account_risky;

use super::Rule;

/// The rules of this category.
pub const RULES: &[&Rule] = &[
    &rbac_wildcard::RULE,
    &rbac_secret_read::RULE,
    &rbac_workload_create::RULE,
    &rbac_pod_exec::RULE,
    &rbac_escalate_bind::RULE,
    &rbac_impersonate::RULE,
    &rbac_token_create::RULE,
    &rbac_node_proxy::RULE,
    &rbac_csr_approve::RULE,
    &rbac_admission_webhook_write::RULE,
    &rbac_persistent_volume_create::RULE,
    &cluster_admin_binding::RULE,
    &binding_to_all_users::RULE,
    &default_service_account_bound::RULE,
    &dangling_role_binding::RULE,
    &workload_service_account_risky::RULE,
    &service_account_escalation_path::RULE,
];
