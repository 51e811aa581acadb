//! Namespace rules: Pod Security Admission labels and what they do to the workloads inside.

mod namespace_pss_privileged;
mod namespace_without_pss_enforce;
mod pss_admission_rejected;
mod pss_admission_warning;

use super::check::Registered;

/// The rules of this category.
pub(crate) const RULES: &[Registered] = &[
    Registered::checked(&pss_admission_rejected::RULE, pss_admission_rejected::check).across_objects(),
    Registered::checked(&pss_admission_warning::RULE, pss_admission_warning::check).across_objects(),
    Registered::checked(
        &namespace_without_pss_enforce::RULE,
        namespace_without_pss_enforce::check,
    ),
    Registered::checked(&namespace_pss_privileged::RULE, namespace_pss_privileged::check),
];
