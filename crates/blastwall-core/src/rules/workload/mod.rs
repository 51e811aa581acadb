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

use super::Rule;

/// The rules of this category.
pub const RULES: &[&Rule] = &[
    &missing_memory_limit::RULE,
    &missing_resource_requests::RULE,
    &missing_probes::RULE,
    &single_replica::RULE,
    &missing_pod_disruption_budget::RULE,
    &mutable_image_tag::RULE,
    &default_namespace::RULE,
    &default_service_account::RULE,
    &secret_in_env::RULE,
    &service_account_token_mounted::RULE,
    &writable_root_filesystem::RULE,
    &duplicate_env_name::RULE,
    &image_without_digest::RULE,
    &image_pull_policy::RULE,
];
