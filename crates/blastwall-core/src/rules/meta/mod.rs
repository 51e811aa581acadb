//! Rules about the input and the suppressions themselves. They have no per-object check: the loader and
//! the suppression pass report them.

mod duplicate_key;
mod ignored_yaml_content;
mod incomplete_input;
mod invalid_manifest;
mod invalid_suppression;
mod unrendered_templates;
mod unused_suppression;

pub(crate) use duplicate_key::RULE as DUPLICATE_KEY;
pub(crate) use ignored_yaml_content::RULE as IGNORED_YAML_CONTENT;
pub(crate) use incomplete_input::RULE as INCOMPLETE_INPUT;
pub(crate) use invalid_manifest::RULE as INVALID_MANIFEST;
pub(crate) use invalid_suppression::RULE as INVALID_SUPPRESSION;
pub(crate) use unrendered_templates::RULE as UNRENDERED_TEMPLATES;
pub(crate) use unused_suppression::RULE as UNUSED_SUPPRESSION;

use super::check::Registered;

/// The rules of this category.
pub(crate) const RULES: &[Registered] = &[
    Registered::reported(&INVALID_MANIFEST),
    Registered::reported(&DUPLICATE_KEY),
    Registered::reported(&IGNORED_YAML_CONTENT),
    Registered::reported(&INCOMPLETE_INPUT),
    Registered::reported(&UNRENDERED_TEMPLATES),
    Registered::reported(&UNUSED_SUPPRESSION),
    Registered::reported(&INVALID_SUPPRESSION),
];
