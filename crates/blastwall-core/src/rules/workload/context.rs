//! What workload rules need to know about an object's surroundings: the Services that send it traffic,
//! the autoscalers that size it, its replica count, and whether it runs to completion.

use crate::model::{labels_of, Inventory, Object, PodSpec};
use crate::source::Node;

/// Services in the object's namespace whose selector picks the pods of `pod`.
pub(crate) fn services_for<'a>(
    inventory: &'a Inventory,
    object: &Object,
    pod: &PodSpec<'_>,
) -> Vec<&'a Object> {
    let labels = labels_of(pod.metadata);
    if labels.is_empty() {
        return Vec::new();
    }
    inventory
        .service_selectors(object.oref.namespace.as_deref())
        .iter()
        .filter(|(_, selector)| !selector.is_empty() && selector.matches(&labels))
        .map(|(id, _)| inventory.object(*id))
        .collect()
}

/// True for objects whose pods run to completion (jobs, cron jobs and job-like custom resources).
pub(crate) fn runs_to_completion(object: &Object) -> bool {
    object.is("batch", "Job")
        || object.is("batch", "CronJob")
        || object.root.get_path(&["spec", "jobTemplate"]).is_some()
        || object.root.get_path(&["spec", "jobTargetRef"]).is_some()
}

/// True for the long-running controllers whose replicas and disruptions matter.
pub(crate) fn is_replicated_controller(object: &Object) -> bool {
    object.is("apps", "Deployment") || object.is("apps", "StatefulSet")
}

/// `spec.replicas`, defaulting to 1 as the API server does.
pub(crate) fn replicas(object: &Object) -> i64 {
    object
        .root
        .get_path(&["spec", "replicas"])
        .and_then(Node::as_i64)
        .unwrap_or(1)
}

/// True when a horizontal pod autoscaler (or a KEDA scaled object) in the inputs scales this object.
pub(crate) fn autoscaled(inventory: &Inventory, object: &Object) -> bool {
    let targets = |o: &&Object| {
        let target = o.root.get_path(&["spec", "scaleTargetRef"]);
        target.and_then(|t| t.get("name")).and_then(Node::as_str) == Some(object.oref.name.as_str())
            && target
                .and_then(|t| t.get("kind"))
                .and_then(Node::as_str)
                .is_none_or(|k| k == object.oref.kind)
    };
    let ns = object.oref.namespace.as_deref();
    inventory
        .of_kind_in("HorizontalPodAutoscaler", ns)
        .any(|o| targets(&o))
        || inventory.of_kind_in("ScaledObject", ns).any(|o| targets(&o))
}
