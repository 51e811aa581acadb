//! Pod Security level changes per workload: the highest level each workload satisfies in BASE and in HEAD,
//! at the newest policy version; new workloads are listed with no `from`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::pss::report::evaluate_inventory;
use crate::analysis::pss::Version;
use crate::engine::Report;

/// A workload whose level changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelChange {
    /// `Kind/namespace/name`.
    pub object: String,
    /// Its level in BASE; `None` when it is new.
    pub from: Option<&'static str>,
    /// Its level in HEAD.
    pub to: &'static str,
}

fn levels(report: &Report) -> BTreeMap<String, &'static str> {
    evaluate_inventory(&report.inventory, Version::LATEST)
        .into_iter()
        .map(|r| {
            (
                report.inventory.object(r.object).oref.to_string(),
                r.level.as_str(),
            )
        })
        .collect()
}

pub(super) fn compare(base: &Report, head: &Report) -> Vec<LevelChange> {
    let before = levels(base);
    levels(head)
        .into_iter()
        .filter_map(|(object, to)| {
            let from = before.get(&object).copied();
            (from != Some(to)).then_some(LevelChange { object, from, to })
        })
        .collect()
}
