//! Reading pod spec fields the way the API server's typed decoding sees them: a pointer field set to
//! `null` is unset, an empty object is set with zero values.

use crate::model::{Container, FieldPath, PodSpec};
use crate::source::{Node, Value};

/// A field that is written and not `null`.
pub(crate) fn present(node: Option<&Node>) -> Option<&Node> {
    node.filter(|n| !matches!(n.value, Value::Null))
}

/// A string field; unset, `null` and non-strings read as `""`, like Go's zero value.
pub fn text(node: Option<&Node>) -> &str {
    node.and_then(Node::as_str).unwrap_or("")
}

/// `spec.securityContext.<keys>` of the pod, with its path.
pub(crate) fn pod_security<'a>(pod: &PodSpec<'a>, keys: &[&str]) -> Option<(FieldPath, &'a Node)> {
    let mut path = pod.path.key("securityContext");
    let mut node = present(pod.spec.get("securityContext"))?;
    for key in keys {
        node = present(node.get(key))?;
        path = path.key(key);
    }
    Some((path, node))
}

/// `securityContext.<keys>` of a container, with its path.
pub(crate) fn container_security<'a>(
    container: &Container<'a>,
    keys: &[&str],
) -> Option<(FieldPath, &'a Node)> {
    let mut path = container.path.key("securityContext");
    let mut node = present(container.node.get("securityContext"))?;
    for key in keys {
        node = present(node.get(key))?;
        path = path.key(key);
    }
    Some((path, node))
}

/// `spec.os.name: windows`: the restricted level exempts such pods from Linux-only checks (v1.25+).
pub(crate) fn is_windows(pod: &PodSpec<'_>) -> bool {
    pod.spec.get_path(&["os", "name"]).and_then(Node::as_str) == Some("windows")
}

/// `spec.hostUsers: false`: the pod runs in a user namespace, which relaxes root checks (v1.35+).
pub(crate) fn in_user_namespace(pod: &PodSpec<'_>) -> bool {
    pod.spec.get("hostUsers").and_then(Node::as_bool) == Some(false)
}

/// The pod's annotations (the template's, for controllers).
pub(crate) fn annotations<'a>(pod: &PodSpec<'a>) -> Vec<(&'a str, &'a Node, FieldPath)> {
    let Some(meta) = pod.metadata else {
        return Vec::new();
    };
    let Some(map) = meta.get("annotations").and_then(Node::as_map) else {
        return Vec::new();
    };
    let path = pod.path.parent().join(&["metadata", "annotations"]);
    map.iter()
        .map(|(k, v)| (k.text.as_str(), v, path.key(&k.text)))
        .collect()
}
