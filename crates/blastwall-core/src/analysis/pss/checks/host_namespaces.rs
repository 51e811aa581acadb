//! `hostNamespaces` (baseline, v1.0): `hostNetwork`, `hostPID` and `hostIPC` must be unset or false.

use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;
use crate::source::Node;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "hostNamespaces",
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

fn run(pod: &PodSpec<'_>, _minor: u32) -> Vec<Violation> {
    ["hostNetwork", "hostPID", "hostIPC"]
        .into_iter()
        .filter(|key| pod.spec.get(key).and_then(Node::as_bool) == Some(true))
        .map(|key| CHECK.violation(pod.path.key(key), format!("{key}=true shares a host namespace")))
        .collect()
}
