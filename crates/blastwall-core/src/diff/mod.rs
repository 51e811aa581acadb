//! The posture diff: what a change does to the cluster's security, from the reports of two trees of
//! manifests (BASE and HEAD). Findings are matched by rule, object and field, never by line; connections,
//! permissions and Pod Security levels are compared as sets. Attack paths are findings of the attack-path
//! rules, so a new path is a new finding of that category.

mod connections;
mod findings;
mod permissions;
mod pss_levels;

use serde::Serialize;

use crate::analysis::rbac::KubeVersion;
use crate::config::DiffAllow;
use crate::engine::Report;
use crate::finding::Severity;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

pub use connections::ConnectionChange;
pub use findings::FindingChange;
pub use permissions::PermissionChange;
pub use pss_levels::LevelChange;

/// One side of the comparison: its report, and the path its file names start with (stripped when files of
/// the two sides are compared).
pub struct Tree<'a> {
    /// The scan of the tree.
    pub report: &'a Report,
    /// The root as given (`k8s/`, or a checkout of the base revision).
    pub root: &'a str,
    /// The release whose built-in roles and bindings join the tree's (as the scan had them).
    pub default_rbac: Option<KubeVersion>,
}

impl Tree<'_> {
    /// A file name relative to the tree's root.
    fn relative<'n>(&self, name: &'n str) -> &'n str {
        let root = self.root.trim_end_matches('/');
        name.strip_prefix(root)
            .map_or(name, |rest| rest.trim_start_matches('/'))
    }
}

/// Findings that appear (`new`) and disappear (`fixed`).
#[derive(Debug, Serialize)]
pub struct Changes<T> {
    /// In HEAD, not in BASE.
    #[serde(rename = "new")]
    pub added: Vec<T>,
    /// In BASE, not in HEAD.
    #[serde(rename = "fixed")]
    pub removed: Vec<T>,
}

/// Connections and permissions that are `added` and `removed`.
#[derive(Debug, Serialize)]
pub struct SetChanges<T> {
    /// In HEAD, not in BASE.
    pub added: Vec<T>,
    /// In BASE, not in HEAD.
    pub removed: Vec<T>,
}

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
    let (connections_allowed, permissions_allowed) = (set(&allow.connections), set(&allow.permissions));
    let connections = diff
        .connections
        .added
        .iter()
        .filter(|c| !connections_allowed.is_match(c.line()))
        .count();
    if connections > 0 {
        out.push(format!(
            "{connections} new connection(s) that `diff: allow-connections` does not accept"
        ));
    }
    let permissions = diff
        .permissions
        .added
        .iter()
        .filter(|p| !permissions_allowed.is_match(p.line()))
        .count();
    if permissions > 0 {
        out.push(format!(
            "{permissions} new permission(s) that `diff: allow-permissions` does not accept"
        ));
    }
    out
}
