//! `hostPorts` (baseline, v1.0): container ports must not set a `hostPort` other than 0.

use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;
use crate::source::Node;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "hostPorts",
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

fn run(pod: &PodSpec<'_>, _minor: u32) -> Vec<Violation> {
    let mut out = Vec::new();
    for c in pod.containers() {
        let Some(ports) = c.node.get("ports").and_then(Node::as_seq) else {
            continue;
        };
        for (i, port) in ports.iter().enumerate() {
            match port.get("hostPort").and_then(Node::as_i64) {
                Some(0) | None => {}
                Some(host_port) => out.push(CHECK.violation(
                    c.path.key("ports").item(i, port).key("hostPort"),
                    format!("{} must not set hostPort {host_port}", c.describe()),
                )),
            }
        }
    }
    out
}
