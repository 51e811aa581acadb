//! What the API server refuses in RBAC objects beyond field types (its `rbac/validation`, with the v1
//! defaults applied first): rules without verbs, resource rules without groups or resources, non-resource
//! URLs in a Role or beside resources, aggregation rules without selectors or with bad ones, bindings whose
//! roleRef is of the wrong group or kind or has no usable name, and subjects of unknown kinds, wrong groups,
//! without names, or service accounts without a namespace in a ClusterRoleBinding.

use super::object::api_group;
use super::path::FieldPath;
use super::selector::selector_problems;
use super::syntax::{path_segment_error, subdomain_error};
use crate::source::Node;

const GROUP: &str = "rbac.authorization.k8s.io";

/// The first reason the API server refuses this object, with the field, or `None` (and for other kinds).
pub(crate) fn rbac_error(object: &Node, api_version: &str, kind: &str) -> Option<(FieldPath, String)> {
    if api_group(api_version) != GROUP || !api_version.ends_with("/v1") {
        return None;
    }
    match kind {
        "Role" => rules_error(object, true),
        "ClusterRole" => rules_error(object, false).or_else(|| aggregation_error(object)),
        "RoleBinding" => binding_error(object, true),
        "ClusterRoleBinding" => binding_error(object, false),
        _ => None,
    }
}

fn list<'a>(node: &'a Node, key: &str) -> &'a [Node] {
    node.get(key).and_then(Node::as_seq).unwrap_or_default()
}

fn text<'a>(node: &'a Node, key: &str) -> &'a str {
    node.get(key).and_then(Node::as_str).unwrap_or("")
}

fn rules_error(object: &Node, namespaced: bool) -> Option<(FieldPath, String)> {
    for (i, rule) in list(object, "rules").iter().enumerate() {
        let at = FieldPath::keys(&["rules"]).index(i);
        if list(rule, "verbs").is_empty() {
            return Some((at, "a rule needs at least one verb".into()));
        }
        if !list(rule, "nonResourceURLs").is_empty() {
            if namespaced {
                return Some((
                    at.key("nonResourceURLs"),
                    "a Role cannot grant non-resource URLs".into(),
                ));
            }
            if ["apiGroups", "resources", "resourceNames"]
                .iter()
                .any(|k| !list(rule, k).is_empty())
            {
                return Some((
                    at.key("nonResourceURLs"),
                    "a rule cannot grant both resources and non-resource URLs".into(),
                ));
            }
            continue;
        }
        if list(rule, "apiGroups").is_empty() {
            return Some((at, "a resource rule needs at least one apiGroup".into()));
        }
        if list(rule, "resources").is_empty() {
            return Some((at, "a resource rule needs at least one resource".into()));
        }
    }
    None
}

fn aggregation_error(object: &Node) -> Option<(FieldPath, String)> {
    let rule = object.get("aggregationRule").filter(|n| n.as_map().is_some())?;
    let at = FieldPath::keys(&["aggregationRule", "clusterRoleSelectors"]);
    let selectors = list(rule, "clusterRoleSelectors");
    if selectors.is_empty() {
        return Some((
            at,
            "an aggregationRule needs at least one clusterRoleSelector".into(),
        ));
    }
    selectors
        .iter()
        .enumerate()
        .find_map(|(i, s)| selector_problems(s, &at.index(i)).into_iter().next())
}

fn binding_error(object: &Node, namespaced: bool) -> Option<(FieldPath, String)> {
    let role_ref = object.get("roleRef");
    let field = |key: &str| role_ref.map_or("", |r| text(r, key));
    let at = FieldPath::keys(&["roleRef"]);
    // The v1 API fills an empty roleRef.apiGroup in before validation.
    let group = field("apiGroup");
    if !group.is_empty() && group != GROUP {
        return Some((at.key("apiGroup"), format!("roleRef.apiGroup must be {GROUP}")));
    }
    let kind = field("kind");
    let kinds: &[&str] = if namespaced {
        &["Role", "ClusterRole"]
    } else {
        &["ClusterRole"]
    };
    if !kinds.contains(&kind) {
        return Some((
            at.key("kind"),
            format!("roleRef.kind must be {}", kinds.join(" or ")),
        ));
    }
    let name = field("name");
    if name.is_empty() {
        return Some((at.key("name"), "roleRef.name is required".into()));
    }
    if let Some(e) = path_segment_error(name) {
        return Some((at.key("name"), format!("roleRef.name {e}")));
    }
    for (i, subject) in list(object, "subjects").iter().enumerate() {
        if let Some((key, message)) = subject_error(subject, namespaced) {
            return Some((FieldPath::keys(&["subjects"]).index(i).key(key), message));
        }
    }
    None
}

fn subject_error(subject: &Node, namespaced: bool) -> Option<(&'static str, String)> {
    let name = text(subject, "name");
    let group = text(subject, "apiGroup");
    if name.is_empty() {
        return Some(("name", "a subject needs a name".into()));
    }
    match text(subject, "kind") {
        "ServiceAccount" => {
            if let Some(e) = subdomain_error(name) {
                return Some(("name", format!("a service account's name {e}")));
            }
            if !group.is_empty() {
                return Some((
                    "apiGroup",
                    "a ServiceAccount subject's apiGroup must be empty".into(),
                ));
            }
            if !namespaced && text(subject, "namespace").is_empty() {
                return Some((
                    "namespace",
                    "a ServiceAccount subject of a ClusterRoleBinding needs a namespace".into(),
                ));
            }
            None
        }
        "User" | "Group" if !group.is_empty() && group != GROUP => Some((
            "apiGroup",
            format!("a User or Group subject's apiGroup must be {GROUP}"),
        )),
        "User" | "Group" => None,
        other => Some((
            "kind",
            format!("subject kind `{other}` is none of User, Group, ServiceAccount"),
        )),
    }
}
