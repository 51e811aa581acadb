//! The posture diff: what a change does to the cluster's security, from the reports of two trees of
//! manifests (BASE and HEAD). Findings are matched by rule, object and field, never by line; connections,
//! permissions and Pod Security levels are compared as sets. Attack paths are findings of the attack-path
//! rules, so a new path is a new finding of that category.

mod connections;
mod findings;
mod permissions;
mod pss_levels;
mod sides;

use serde::Serialize;

use crate::config::DiffAllow;
use crate::finding::Severity;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

pub use connections::ConnectionChange;
pub use findings::FindingChange;
pub use permissions::PermissionChange;
pub use pss_levels::LevelChange;
pub use sides::{Changes, SetChanges, Tree};

/// The whole difference.
#[derive(Debug, Serialize)]
pub struct PostureDiff {
    /// Always 1 for this shape.
    pub schema_version: u32,
    /// Findings that appear (`new`) and disappear (`fixed`).
    pub findings: Changes<FindingChange>,
    /// Connections the NetworkPolicies allow that appear and disappear.
    pub connections: SetChanges<ConnectionChange>,
    /// Permissions (a subject, where, a rule) that appear and disappear.
    pub permissions: SetChanges<PermissionChange>,
    /// Workloads whose Pod Security level changes (or that are new).
    pub pss: Vec<LevelChange>,
}

/// Compares two trees.
#[must_use]
pub fn compare(base: &Tree<'_>, head: &Tree<'_>) -> PostureDiff {
    // The connlists are the largest part: worked out beside the rest.
    let (connections, (findings, permissions, pss)) = rayon::join(
        || connections::compare(base.report, head.report),
        || {
            (
                findings::compare(base, head),
                permissions::compare(base, head),
                pss_levels::compare(base.report, head.report),
            )
        },
    );
    PostureDiff {
        schema_version: 1,
        findings,
        connections,
        permissions,
        pss,
    }
}

/// Why a change fails the check, in sentences; empty when it passes.
#[must_use]
pub fn failures(diff: &PostureDiff, fail_on: Severity, allow: &DiffAllow) -> Vec<String> {
    let mut out = Vec::new();
    let severe = diff
        .findings
        .added
        .iter()
        .filter(|f| f.severity_level >= fail_on)
        .count();
    if severe > 0 {
        out.push(format!("{severe} new finding(s) at or above {fail_on}"));
    }
    // `*` matches any text here, `/` included: the lines are not paths.
    let set = |patterns: &[String]| {
        let mut set = GlobSetBuilder::new();
        for p in patterns {
            if let Ok(glob) = GlobBuilder::new(p).literal_separator(false).build() {
                set.add(glob);
            }
        }
        set.build().unwrap_or_else(|_| GlobSet::empty())
    };
    let not_allowed = |lines: Vec<String>, patterns: &[String], what: &str, key: &str| {
        let allowed = set(patterns);
        let count = lines.iter().filter(|l| !allowed.is_match(l)).count();
        (count > 0).then(|| format!("{count} new {what}(s) that `diff: {key}` does not accept"))
    };
    out.extend(not_allowed(
        diff.connections
            .added
            .iter()
            .map(ConnectionChange::line)
            .collect(),
        &allow.connections,
        "connection",
        "allow-connections",
    ));
    out.extend(not_allowed(
        diff.permissions
            .added
            .iter()
            .map(PermissionChange::line)
            .collect(),
        &allow.permissions,
        "permission",
        "allow-permissions",
    ));
    out
}
