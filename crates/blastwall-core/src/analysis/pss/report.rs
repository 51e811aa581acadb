//! The Pod Security level of every object that makes pods, for `blastwall pss`.

use crate::model::{Inventory, ObjectId};

use super::highest_level;
use super::types::{Level, Version, Violation};

/// One object's result.
#[derive(Debug, Clone)]
pub struct PodResult {
    /// The object (a Pod, a controller, a custom resource with a pod template).
    pub object: ObjectId,
    /// The highest level all of its pod specs satisfy.
    pub level: Level,
    /// What keeps it from the level above, across its pod specs.
    pub violations: Vec<Violation>,
}

/// Every object with a pod spec, in input order, evaluated at `version`.
#[must_use]
pub fn evaluate_inventory(inventory: &Inventory, version: Version) -> Vec<PodResult> {
    inventory
        .iter()
        .filter_map(|(id, object)| {
            let specs = inventory.pod_specs_of(object);
            if specs.is_empty() {
                return None;
            }
            let mut level = Level::Restricted;
            let mut violations = Vec::new();
            for spec in &specs {
                let (l, v) = highest_level(spec, version);
                level = level.min(l);
                violations.extend(v);
            }
            Some(PodResult {
                object: id,
                level,
                violations,
            })
        })
        .collect()
}
