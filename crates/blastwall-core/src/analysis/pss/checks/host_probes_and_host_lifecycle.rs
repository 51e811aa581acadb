//! `hostProbesAndHostLifecycle` (baseline, v1.34): probes and lifecycle handlers must not set `host`, which
//! would let the kubelet reach any address on the pod's behalf.

use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;
use crate::source::Node;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "hostProbesAndHostLifecycle",
    level: Level::Baseline,
    since: 34,
    overrides: None,
    run,
};

const HANDLERS: [&[&str]; 5] = [
    &["livenessProbe"],
    &["readinessProbe"],
    &["startupProbe"],
    &["lifecycle", "postStart"],
    &["lifecycle", "preStop"],
];

fn run(pod: &PodSpec<'_>, _minor: u32) -> Vec<Violation> {
    let mut out = Vec::new();
    for c in pod.containers() {
        for handler in HANDLERS {
            for action in ["httpGet", "tcpSocket"] {
                let mut keys = handler.to_vec();
                keys.extend([action, "host"]);
                let host = c.node.get_path(&keys).and_then(Node::as_str).unwrap_or("");
                if !host.is_empty() {
                    out.push(CHECK.violation(
                        c.path.join(&keys),
                        format!("{} must not set {} to {host:?}", c.describe(), keys.join(".")),
                    ));
                }
            }
        }
    }
    out
}
