//! A namespace's `pod-security.kubernetes.io/enforce` policy, read as Pod Security Admission reads it: an
//! invalid level means `restricted` and an invalid version `latest`.

use crate::analysis::pss::{Level, Version};
use crate::model::{Inventory, Object};

/// The enforce level label.
pub(crate) const ENFORCE: &str = "pod-security.kubernetes.io/enforce";
/// The enforce version label.
pub(crate) const ENFORCE_VERSION: &str = "pod-security.kubernetes.io/enforce-version";

/// The enforce policy of a Namespace object: `None` without the label.
pub(crate) struct Enforce {
    /// The level admission applies.
    pub level: Level,
    /// The policy version admission applies.
    pub version: Version,
    /// The labels whose values are not valid, with the reason.
    pub invalid: Vec<(&'static str, String)>,
}

/// Reads the enforce labels of a Namespace.
#[must_use]
pub(crate) fn enforce_of(namespace: &Object) -> Option<Enforce> {
    let labels = namespace.labels();
    let level_text = labels.get(ENFORCE)?;
    let mut invalid = Vec::new();
    let level = level_text.parse::<Level>().unwrap_or_else(|e| {
        invalid.push((
            ENFORCE,
            format!("`{ENFORCE}: {level_text}`: {e}; admission applies restricted"),
        ));
        Level::Restricted
    });
    let version = match labels.get(ENFORCE_VERSION) {
        None => Version::LATEST,
        Some(v) => v.parse::<Version>().unwrap_or_else(|e| {
            invalid.push((
                ENFORCE_VERSION,
                format!("`{ENFORCE_VERSION}: {v}`: {e}; admission applies latest"),
            ));
            Version::LATEST
        }),
    };
    Some(Enforce {
        level,
        version,
        invalid,
    })
}

/// The warn level label.
pub(crate) const WARN: &str = "pod-security.kubernetes.io/warn";
/// The warn version label.
pub(crate) const WARN_VERSION: &str = "pod-security.kubernetes.io/warn-version";

/// The level and version of a namespace's explicit `warn` label; an invalid level fails open, as admission
/// does, and an invalid version means latest.
#[must_use]
pub(crate) fn warn_of(namespace: &Object) -> Option<(Level, Version)> {
    let labels = namespace.labels();
    let level = labels.get(WARN)?.parse::<Level>().unwrap_or(Level::Privileged);
    let version = labels
        .get(WARN_VERSION)
        .and_then(|v| v.parse::<Version>().ok())
        .unwrap_or(Version::LATEST);
    Some((level, version))
}

/// The Namespace object named `name` among the inputs.
#[must_use]
pub(crate) fn namespace_named<'a>(inventory: &'a Inventory, name: &str) -> Option<&'a Object> {
    inventory.named("Namespace", name).find(|n| n.is("", "Namespace"))
}
