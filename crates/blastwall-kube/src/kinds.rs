//! Which kinds of a cluster blastwall reads: the built-in kinds its engines look at, and the custom
//! resources whose schema holds a pod template where blastwall finds pod templates (`spec.template.spec`,
//! `spec.jobTemplate.spec.template.spec`, `spec.jobTargetRef.template.spec`).

use serde_json::Value;

/// Built-in kinds the engines read, as (API group, kind). Secrets are read as metadata only; ConfigMaps
/// only in kube-system, where the control plane's configuration lives.
pub(crate) const BUILT_IN: &[(&str, &str)] = &[
    ("", "Namespace"),
    ("", "Pod"),
    ("", "ReplicationController"),
    ("", "Service"),
    ("", "Endpoints"),
    ("", "ServiceAccount"),
    ("", "Secret"),
    ("", "ConfigMap"),
    ("apps", "Deployment"),
    ("apps", "ReplicaSet"),
    ("apps", "StatefulSet"),
    ("apps", "DaemonSet"),
    ("batch", "Job"),
    ("batch", "CronJob"),
    ("networking.k8s.io", "NetworkPolicy"),
    ("networking.k8s.io", "Ingress"),
    ("discovery.k8s.io", "EndpointSlice"),
    ("rbac.authorization.k8s.io", "Role"),
    ("rbac.authorization.k8s.io", "ClusterRole"),
    ("rbac.authorization.k8s.io", "RoleBinding"),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
    ("policy", "PodDisruptionBudget"),
    ("autoscaling", "HorizontalPodAutoscaler"),
    ("keda.sh", "ScaledObject"),
];

/// Where a custom resource's schema holds the containers of a pod template, as property names from
/// `spec` down.
const TEMPLATE_PATHS: &[&[&str]] = &[
    &["spec", "template", "spec", "containers"],
    &["spec", "jobTemplate", "spec", "template", "spec", "containers"],
    &["spec", "jobTargetRef", "template", "spec", "containers"],
];

/// The (group, kind) of a CustomResourceDefinition when one of its versions' schemas holds a pod template.
pub(crate) fn with_pod_template(crd: &Value) -> Option<(String, String)> {
    let spec = crd.get("spec")?;
    let group = spec.get("group")?.as_str()?;
    let kind = spec.pointer("/names/kind")?.as_str()?;
    let versions = spec.get("versions")?.as_array()?;
    let has_template = versions.iter().any(|v| {
        let Some(schema) = v.pointer("/schema/openAPIV3Schema") else {
            return false;
        };
        TEMPLATE_PATHS.iter().any(|path| {
            let mut node = schema;
            path.iter()
                .all(|name| match node.get("properties").and_then(|p| p.get(*name)) {
                    Some(next) => {
                        node = next;
                        true
                    }
                    None => false,
                })
        })
    });
    has_template.then(|| (group.to_owned(), kind.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn crd(spec_properties: &Value) -> Value {
        json!({"spec": {"group": "argoproj.io", "names": {"kind": "Rollout"}, "versions": [
            {"name": "v1alpha1", "schema": {"openAPIV3Schema": {"properties": {"spec": {"properties": spec_properties}}}}}
        ]}})
    }

    fn containers() -> Value {
        json!({"properties": {"spec": {"properties": {"containers": {"type": "array"}}}}})
    }

    #[test]
    fn custom_resources_with_pod_templates_are_found_by_their_schema() {
        let cases = [
            (json!({"template": containers()}), true),
            (
                json!({"jobTemplate": {"properties": {"spec": {"properties": {"template": containers()}}}}}),
                true,
            ),
            (
                json!({"jobTargetRef": {"properties": {"template": containers()}}}),
                true,
            ),
            (
                json!({"template": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}),
                false,
            ),
            (json!({"replicas": {"type": "integer"}}), false),
        ];
        for (properties, found) in cases {
            let got = with_pod_template(&crd(&properties));
            assert_eq!(got.is_some(), found, "{properties}");
            if found {
                assert_eq!(got, Some(("argoproj.io".into(), "Rollout".into())));
            }
        }
    }
}
