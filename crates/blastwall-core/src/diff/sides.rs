//! The two sides of a posture diff and the shape of a part's changes, shared by every part.

use serde::Serialize;

use crate::analysis::rbac::KubeVersion;
use crate::engine::Report;

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
    pub(super) fn relative<'n>(&self, name: &'n str) -> &'n str {
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
