//! What binding rules share: reading a RoleBinding or ClusterRoleBinding object's subjects with their paths.

use crate::model::{FieldPath, Object};
use crate::source::Node;

/// A binding object's subjects: (path, kind, name, namespace).
pub fn subjects(object: &Object) -> Vec<(FieldPath, &str, &str, Option<&str>)> {
    let is_binding = object.is("rbac.authorization.k8s.io", "RoleBinding")
        || object.is("rbac.authorization.k8s.io", "ClusterRoleBinding");
    if !is_binding {
        return Vec::new();
    }
    let Some(items) = object.root.get("subjects").and_then(Node::as_seq) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let text = |k: &str| s.get(k).and_then(Node::as_str);
            (
                FieldPath::keys(&["subjects"]).index(i),
                text("kind").unwrap_or(""),
                text("name").unwrap_or(""),
                text("namespace"),
            )
        })
        .collect()
}

/// The role a binding object references: (kind, name).
pub fn role_ref(object: &Object) -> (&str, &str) {
    let text = |k: &str| {
        object
            .root
            .get_path(&["roleRef", k])
            .and_then(Node::as_str)
            .unwrap_or("")
    };
    (text("kind"), text("name"))
}
