//! `privileged` (baseline, v1.0): no container may set `securityContext.privileged: true`.

use crate::analysis::pss::fields::container_security;
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "privileged",
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

fn run(pod: &PodSpec<'_>, _minor: u32) -> Vec<Violation> {
    pod.containers()
        .iter()
        .filter_map(|c| {
            let (path, value) = container_security(c, &["privileged"])?;
            (value.as_bool() == Some(true)).then(|| {
                CHECK.violation(
                    path,
                    format!("{} must not set securityContext.privileged=true", c.describe()),
                )
            })
        })
        .collect()
}
