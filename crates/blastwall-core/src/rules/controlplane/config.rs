//! What the rules on configuration files share: recognising each kind of file by its apiVersion and kind.

use crate::model::Object;

/// True when the object is `kind` of one of the API `groups` (any version).
pub fn is_config(object: &Object, groups: &[&str], kind: &str) -> bool {
    object.oref.kind == kind
        && groups
            .iter()
            .any(|g| object.oref.api_version.split('/').next() == Some(g))
}

/// True for a KubeletConfiguration.
pub fn is_kubelet_config(object: &Object) -> bool {
    is_config(object, &["kubelet.config.k8s.io"], "KubeletConfiguration")
}

/// True for a kubeconfig file (`kind: Config`, `apiVersion: v1`).
pub fn is_kubeconfig(object: &Object) -> bool {
    object.oref.kind == "Config" && object.oref.api_version == "v1"
}
