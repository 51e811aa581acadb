//! What the rules on configuration files share: recognising each kind of file by its apiVersion and kind.

use crate::model::{FieldPath, Object};
use crate::source::Node;

/// True when the object is `kind` of one of the API `groups` (any version).
pub(crate) fn is_config(object: &Object, groups: &[&str], kind: &str) -> bool {
    object.oref.kind == kind
        && groups
            .iter()
            .any(|g| object.oref.api_version.split('/').next() == Some(g))
}

/// True for a KubeletConfiguration.
pub(crate) fn is_kubelet_config(object: &Object) -> bool {
    is_config(object, &["kubelet.config.k8s.io"], "KubeletConfiguration")
}

/// The entries of a kubeconfig list (`clusters`, `users`), each with its path and name; nothing unless the
/// object is a kubeconfig file.
pub(crate) fn kubeconfig_entries<'n>(object: &'n Object, list: &str) -> Vec<(FieldPath, &'n str, &'n Node)> {
    if !is_kubeconfig(object) {
        return Vec::new();
    }
    object
        .root
        .get(list)
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let name = entry.get("name").and_then(Node::as_str).unwrap_or("");
            (FieldPath::keys(&[list]).index(i), name, entry)
        })
        .collect()
}

/// True for a kubeconfig file (`kind: Config`, `apiVersion: v1`).
pub(crate) fn is_kubeconfig(object: &Object) -> bool {
    object.oref.kind == "Config" && object.oref.api_version == "v1"
}
