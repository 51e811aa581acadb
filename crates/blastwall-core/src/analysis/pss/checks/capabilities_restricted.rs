//! `capabilities_restricted` (restricted, v1.22): every container drops `ALL` and adds nothing but
//! `NET_BIND_SERVICE`; Windows pods are exempt from v1.25. Replaces `capabilities_baseline`.

use crate::analysis::pss::fields::{container_security, is_windows};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;
use crate::source::Node;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "capabilities_restricted",
    level: Level::Restricted,
    since: 22,
    overrides: Some("capabilities_baseline"),
    run,
};

fn run(pod: &PodSpec<'_>, minor: u32) -> Vec<Violation> {
    if minor >= 25 && is_windows(pod) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in pod.containers() {
        let caps = container_security(c, &["capabilities"]);
        let drops_all = caps.as_ref().is_some_and(|(_, n)| {
            n.get("drop")
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .any(|d| d.as_str() == Some("ALL"))
        });
        if !drops_all {
            let path = caps
                .as_ref()
                .map_or_else(|| c.path.clone(), |(p, _)| p.key("drop"));
            out.push(CHECK.violation(
                path,
                format!(
                    "{} must set securityContext.capabilities.drop=[\"ALL\"]",
                    c.describe()
                ),
            ));
        }
        let Some((path, caps)) = caps else { continue };
        for (i, cap) in caps
            .get("add")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let name = cap.as_str().unwrap_or("");
            if name != "NET_BIND_SERVICE" {
                out.push(CHECK.violation(
                    path.join(&["add"]).index(i),
                    format!("{} must not add the capability {name:?}", c.describe()),
                ));
            }
        }
    }
    out
}
