//! Objects as the analyses see them: identity, labels and where each came from.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::source::{Node, SourceId, Span};

/// Index of an [`Object`] in its inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectId(pub u32);

/// What names an object in a cluster.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ObjectRef {
    /// `apps/v1`, `v1`...
    pub api_version: String,
    /// `Deployment`, `Role`...
    pub kind: String,
    /// The namespace as written; `None` for cluster-scoped objects and for namespaced objects that
    /// leave it to `kubectl -n` or the context.
    pub namespace: Option<String>,
    /// `metadata.name`, or `metadata.generateName` followed by `*` when only that is given.
    pub name: String,
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "{}/{}/{}", self.kind, ns, self.name),
            None => write!(f, "{}/{}", self.kind, self.name),
        }
    }
}

/// One Kubernetes object read from a document (or from an item of a `List`).
#[derive(Debug)]
pub struct Object {
    /// Its identity.
    pub oref: ObjectRef,
    /// The file it came from.
    pub source: SourceId,
    /// The document of that file, from 0.
    pub document: u32,
    /// The object's value with positions.
    pub root: Node,
}

/// The label Kubernetes puts on every namespace, naming it.
pub(crate) const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";

impl Object {
    /// Where the object starts.
    #[must_use]
    pub fn span(&self) -> Span {
        self.root.span
    }

    /// `metadata.labels`, with the `kubernetes.io/metadata.name` label that the API server sets on every
    /// Namespace (it overrides whatever the manifest says).
    #[must_use]
    pub fn labels(&self) -> BTreeMap<&str, &str> {
        let mut labels = string_map(self.root.get_path(&["metadata", "labels"]));
        if self.oref.kind == "Namespace" && self.oref.api_version == "v1" {
            labels.insert(NAMESPACE_NAME_LABEL, &self.oref.name);
        }
        labels
    }

    /// `metadata.annotations`.
    #[must_use]
    pub(crate) fn annotations(&self) -> BTreeMap<&str, &str> {
        string_map(self.root.get_path(&["metadata", "annotations"]))
    }

    /// True for the kind with this name in the core (`v1`) or a named API group.
    #[must_use]
    pub fn is(&self, group: &str, kind: &str) -> bool {
        self.oref.kind == kind && api_group(&self.oref.api_version) == group
    }
}

/// The API group of an `apiVersion` (`""` for the core group).
#[must_use]
pub fn api_group(api_version: &str) -> &str {
    api_version.rsplit_once('/').map_or("", |(group, _)| group)
}

fn string_map(node: Option<&Node>) -> BTreeMap<&str, &str> {
    node.and_then(Node::as_map)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.text.as_str(), v.as_str()?)))
                .collect()
        })
        .unwrap_or_default()
}
