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

mod workload_service_account_risky;

use super::check::Registered;
use crate::analysis::analyses::Need;

/// The rules of this category.
pub(crate) const RULES: &[Registered] = &[
    Registered::checked(&rbac_wildcard::RULE, rbac_wildcard::check)
        .needing(&[Need::Rbac])
        .assuming_widest_use(),
    Registered::checked(&rbac_secret_read::RULE, rbac_secret_read::check)
        .needing(&[Need::Rbac])
        .assuming_widest_use(),
    Registered::checked(&rbac_workload_create::RULE, rbac_workload_create::check)
        .needing(&[Need::Rbac])
        .assuming_widest_use(),
    Registered::checked(&rbac_pod_exec::RULE, rbac_pod_exec::check)
        .needing(&[Need::Rbac])
        .assuming_widest_use(),
    Registered::checked(&rbac_escalate_bind::RULE, rbac_escalate_bind::check)
        .needing(&[Need::Rbac])
        .assuming_widest_use(),
    Registered::checked(&rbac_impersonate::RULE, rbac_impersonate::check)
        .needing(&[Need::Rbac])
        .assuming_widest_use(),
    Registered::checked(&rbac_token_create::RULE, rbac_token_create::check)
        .needing(&[Need::Rbac])
        .assuming_widest_use(),
    Registered::checked(&rbac_node_proxy::RULE, rbac_node_proxy::check)
        .needing(&[Need::Rbac])
        .assuming_widest_use(),
    Registered::checked(&rbac_csr_approve::RULE, rbac_csr_approve::check)
        .needing(&[Need::Rbac])
        .assuming_widest_use(),
    Registered::checked(
        &rbac_admission_webhook_write::RULE,
        rbac_admission_webhook_write::check,
    )
    .needing(&[Need::Rbac])
    .assuming_widest_use(),
    Registered::checked(
        &rbac_persistent_volume_create::RULE,
        rbac_persistent_volume_create::check,
    )
    .needing(&[Need::Rbac])
    .assuming_widest_use(),
    Registered::checked(&cluster_admin_binding::RULE, cluster_admin_binding::check),
    Registered::checked(&binding_to_all_users::RULE, binding_to_all_users::check),
    Registered::checked(
        &default_service_account_bound::RULE,
        default_service_account_bound::check,
    ),
    Registered::checked(&dangling_role_binding::RULE, dangling_role_binding::check)
        .needing(&[Need::Rbac])
        .across_objects(),
    Registered::checked(
        &workload_service_account_risky::RULE,
        workload_service_account_risky::check,
    )
    .needing(&[Need::Rbac])
    .across_objects(),
];
