//! `capabilities_baseline` (baseline, v1.0): only the container runtime's default capabilities may be added.

use crate::analysis::pss::fields::container_security;
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "capabilities_baseline",
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

/// The capabilities a baseline pod may add.
pub(crate) const ALLOWED: [&str; 13] = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

fn run(pod: &PodSpec<'_>, _minor: u32) -> Vec<Violation> {
    let mut out = Vec::new();
    for c in pod.containers() {
        let Some((path, added)) = container_security(c, &["capabilities", "add"]) else {
            continue;
        };
        for (i, cap) in added.as_seq().unwrap_or_default().iter().enumerate() {
            let name = cap.as_str().unwrap_or_default();
            if !ALLOWED.contains(&name) {
                out.push(CHECK.violation(
                    path.index(i),
                    format!(
                        "{} must not add the non-default capability {name:?}",
                        c.describe()
                    ),
                ));
            }
        }
    }
    out
}
