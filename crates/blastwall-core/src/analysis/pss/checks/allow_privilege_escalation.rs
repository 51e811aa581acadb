//! `allowPrivilegeEscalation` (restricted, v1.8): every container sets `allowPrivilegeEscalation: false`;
//! Windows pods are exempt from v1.25.

use crate::analysis::pss::fields::{container_security, is_windows};
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "allowPrivilegeEscalation",
    level: Level::Restricted,
    since: 8,
    overrides: None,
    run,
};

fn run(pod: &PodSpec<'_>, minor: u32) -> Vec<Violation> {
    if minor >= 25 && is_windows(pod) {
        return Vec::new();
    }
    pod.containers()
        .iter()
        .filter_map(|c| {
            let set = container_security(c, &["allowPrivilegeEscalation"]);
            if set.as_ref().is_some_and(|(_, v)| v.as_bool() == Some(false)) {
                return None;
            }
            let path = set.map_or_else(|| c.path.clone(), |(p, _)| p);
            Some(CHECK.violation(
                path,
                format!(
                    "{} must set securityContext.allowPrivilegeEscalation=false",
                    c.describe()
                ),
            ))
        })
        .collect()
}
