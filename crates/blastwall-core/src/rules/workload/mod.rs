//! Workload and container hygiene beyond Pod Security: resources, probes, availability, images, service
//! accounts, secrets and environment.

mod context;
mod default_namespace;
mod default_service_account;
mod duplicate_env_name;
mod image_pull_policy;
mod image_without_digest;
mod missing_memory_limit;
mod missing_pod_disruption_budget;
mod missing_probes;
mod missing_resource_requests;
mod mutable_image_tag;
mod secret_in_env;
mod service_account_token_mounted;
mod single_replica;
mod writable_root_filesystem;

use super::check::Registered;

/// The rules of this category.
pub(crate) const RULES: &[Registered] = &[
    Registered::checked(&missing_memory_limit::RULE, missing_memory_limit::check),
    Registered::checked(&missing_resource_requests::RULE, missing_resource_requests::check),
    Registered::checked(&missing_probes::RULE, missing_probes::check).across_objects(),
    Registered::checked(&single_replica::RULE, single_replica::check).across_objects(),
    Registered::checked(
        &missing_pod_disruption_budget::RULE,
        missing_pod_disruption_budget::check,
    )
    .across_objects(),
    Registered::checked(&mutable_image_tag::RULE, mutable_image_tag::check),
    Registered::checked(&default_namespace::RULE, default_namespace::check),
    Registered::checked(&default_service_account::RULE, default_service_account::check).across_objects(),
    Registered::checked(&secret_in_env::RULE, secret_in_env::check),
    Registered::checked(
        &service_account_token_mounted::RULE,
        service_account_token_mounted::check,
    )
    .across_objects(),
    Registered::checked(&writable_root_filesystem::RULE, writable_root_filesystem::check),
    Registered::checked(&duplicate_env_name::RULE, duplicate_env_name::check),
    Registered::checked(&image_without_digest::RULE, image_without_digest::check),
    Registered::checked(&image_pull_policy::RULE, image_pull_policy::check),
];
