//! The edges of workloads: the internet's ways in (where NetworkPolicies admit the traffic), the service
//! account token their pods carry, and the ways out of their containers onto the node.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::escape::{escapes, running_escapes};
use super::graph::{EdgeKind, Evidence, Evidences, NewEdges, Vertex};
use crate::analysis::netpol::{Admission, Door, Exposure};
use crate::analysis::rbac::SubjectKey;
use crate::model::{Inventory, ObjectId};

/// The workloads of the inputs by namespace: every object that makes pods, except Pods and ReplicaSets
/// whose controller is among the inputs (they are the controller's pods).
#[must_use]
pub fn workloads(inventory: &Inventory) -> BTreeMap<String, Vec<ObjectId>> {
    let mut out: BTreeMap<String, Vec<ObjectId>> = BTreeMap::new();
    for (id, object) in inventory.iter() {
        if !inventory.makes_pods(object) || inventory.judged_through_owner(object) {
            continue;
        }
        let ns = object
            .oref
            .namespace
            .clone()
            .unwrap_or_else(|| "default".to_owned());
        out.entry(ns).or_default().push(id);
    }
    out
}

fn door(e: &Exposure) -> String {
    match &e.door {
        Door::LoadBalancer { source_ranges } if source_ranges.is_empty() => {
            "a LoadBalancer open to every address".to_owned()
        }
        Door::LoadBalancer { source_ranges } => {
            format!("a LoadBalancer open to {}", source_ranges.join(", "))
        }
        Door::NodePort(Some(port)) => format!("node port {port}"),
        Door::NodePort(None) => "a node port".to_owned(),
        Door::ExternalIp(ip) => format!("external IP {ip}"),
        Door::Ingress { host, path } => format!("Ingress {host}{path}"),
        Door::HostNetwork => "the node's network".to_owned(),
        Door::HostPort(port) => format!("host port {port}"),
    }
}

/// Adds the edges of workload `id` in `namespace`, given the ways in that reach its pods. A connection
/// lands in the containers that run while the pods serve: where only containers that have exited by then
/// take the node (a privileged init container, a host path only such a container mounts), the ways in (and
/// lateral moves) lead to the workload's serving vertex, which carries the same token and no way out.
pub fn add_workload_edges(
    graph: &mut NewEdges,
    inventory: &Inventory,
    id: ObjectId,
    namespace: &str,
    exposures: &[&Exposure],
) {
    let object = inventory.object(id);
    let whole = Vertex::Workload(id);
    let pods = inventory.pod_specs_of(object);
    let ways_out: Vec<Evidence> = pods
        .iter()
        .flat_map(escapes)
        .map(|e| Evidence::field(id, e.path, e.how))
        .collect();
    let serving = (!ways_out.is_empty() && pods.iter().all(|pod| running_escapes(pod).is_empty()))
        .then_some(Vertex::Serving(id));
    if let Some(serving) = &serving {
        graph.vertex(serving.clone());
    }
    let open = ways_in(exposures);
    if !open.is_empty() {
        let landing = serving.clone().unwrap_or_else(|| whole.clone());
        graph.edge(EdgeKind::Exposed, Vertex::Internet, landing, &Arc::from(open));
    }
    for pod in pods
        .iter()
        .filter(|pod| pod.mounts_token(inventory, object.oref.namespace.as_deref()))
    {
        let account = pod.service_account();
        let why: Evidences = Arc::from(vec![Evidence::field(
            id,
            pod.path_to("serviceAccountName"),
            format!("its pods carry the token of service account {namespace}/{account}"),
        )]);
        let to = Vertex::Identity(SubjectKey::ServiceAccount(
            namespace.to_owned(),
            account.to_owned(),
        ));
        for me in std::iter::once(&whole).chain(&serving) {
            graph.edge(EdgeKind::Token, me.clone(), to.clone(), &why);
        }
    }
    if !ways_out.is_empty() {
        graph.edge(EdgeKind::Escape, whole, Vertex::Node, &Arc::from(ways_out));
    }
}

/// The evidence of the ways in that NetworkPolicies leave open.
fn ways_in(exposures: &[&Exposure]) -> Vec<Evidence> {
    exposures
        .iter()
        .filter(|e| e.admission != Admission::Closed)
        .map(|e| {
            let partly = if e.admission == Admission::Partly {
                " (NetworkPolicies admit part of the addresses)"
            } else {
                ""
            };
            Evidence::field(
                e.via,
                e.path.clone(),
                format!("reached from outside through {}{partly}", door(e)),
            )
        })
        .collect()
}
