//! Namespace rules: Pod Security Admission labels and what they do to the workloads inside.

mod namespace_pss_privileged;
mod namespace_without_pss_enforce;
mod pss_admission_rejected;
mod pss_admission_warning;
mod pss_labels;

use super::Rule;

/// The rules of this category.
pub const RULES: &[&Rule] = &[
    &pss_admission_rejected::RULE,
    &pss_admission_warning::RULE,
    &namespace_without_pss_enforce::RULE,
    &namespace_pss_privileged::RULE,
];
