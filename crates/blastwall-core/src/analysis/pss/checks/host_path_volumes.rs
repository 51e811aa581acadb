//! `hostPathVolumes` (baseline, v1.0): no `hostPath` volumes.

use crate::analysis::pss::fields::present;
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;
use crate::source::Node;

/// The check's id, which `restrictedVolumes` replaces.
pub(crate) const ID: &str = "hostPathVolumes";

/// The check.
pub(crate) const CHECK: Check = Check {
    id: ID,
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

fn run(pod: &PodSpec<'_>, _minor: u32) -> Vec<Violation> {
    let Some((path, volumes)) = pod.field("volumes") else {
        return Vec::new();
    };
    volumes
        .as_seq()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(_, v)| present(v.get("hostPath")).is_some())
        .map(|(i, v)| {
            CHECK.violation(
                path.item(i, v).key("hostPath"),
                format!(
                    "hostPath volume {:?} is not allowed",
                    v.get("name").and_then(Node::as_str).unwrap_or("")
                ),
            )
        })
        .collect()
}
