//! Reading the network from the inventory: Namespaces and their labels, NetworkPolicies, and a pod for every
//! bare Pod (grouped under its controlling owner) and for the pod template of every controller.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;

use super::conns::Protocol;
use super::network::{NetPod, Network, Workload};
use super::policy::{NetworkPolicy, PolicyProblem};
use crate::model::{labels_of, FieldPath, Inventory, Object, ObjectId};
use crate::source::Node;

/// A policy problem with the object it is in.
pub(crate) type Problem = (ObjectId, PolicyProblem);

fn owned(map: BTreeMap<&str, &str>) -> BTreeMap<String, String> {
    map.into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The workload a bare Pod belongs to: the owner its `controller: true` reference names, else itself. A
/// static pod's owner is its Node, which is no workload: such a pod stands for itself.
fn pod_workload(object: &Object, namespace: &str) -> Workload {
    let owners = object
        .root
        .get_path(&["metadata", "ownerReferences"])
        .and_then(Node::as_seq)
        .unwrap_or_default();
    let controller = owners
        .iter()
        .find(|o| {
            matches!(
                o.get("controller").map(|c| &c.value),
                Some(crate::source::Value::Bool(true))
            )
        })
        .filter(|o| o.get("kind").and_then(Node::as_str) != Some("Node"));
    match controller {
        Some(owner) => Workload {
            namespace: namespace.to_owned(),
            name: owner.get("name").and_then(Node::as_str).unwrap_or("").to_owned(),
            // The API server requires a kind; a reference without one is read as naming pods.
            kind: owner
                .get("kind")
                .and_then(Node::as_str)
                .filter(|k| !k.is_empty())
                .unwrap_or("Pod")
                .to_owned(),
            object: None,
        },
        None => Workload {
            namespace: namespace.to_owned(),
            name: object.oref.name.clone(),
            kind: object.oref.kind.clone(),
            object: None,
        },
    }
}

fn ips(object: &Object) -> Vec<IpAddr> {
    let status = object.root.get("status");
    let mut out: Vec<IpAddr> = status
        .and_then(|s| s.get("podIPs"))
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.get("ip").and_then(Node::as_str).and_then(|s| s.parse().ok()))
        .collect();
    if out.is_empty() {
        out.extend(
            status
                .and_then(|s| s.get("podIP"))
                .and_then(Node::as_str)
                .and_then(|s| s.parse::<IpAddr>().ok()),
        );
    }
    out
}

/// The network of the inputs, with the problems found in its policies.
#[must_use]
pub fn network_of(inventory: &Inventory, ipblocks_match_pods: bool) -> (Network, Vec<Problem>) {
    let mut net = Network {
        ipblocks_match_pods,
        ..Network::default()
    };
    let mut problems = Vec::new();
    let mut workload_index: HashMap<Workload, usize> = HashMap::new();
    let mut policy_index: HashMap<(String, String), usize> = HashMap::new();
    for (id, object) in inventory.iter() {
        let namespace = object.oref.namespace.clone().unwrap_or_else(|| "default".into());
        if object.is("", "Namespace") {
            net.namespaces
                .insert(object.oref.name.clone(), owned(object.labels()));
            continue;
        }
        if object.is("extensions", "NetworkPolicy") {
            // Not served since Kubernetes 1.16: the cluster refuses it, so it protects nothing.
            problems.push((
                id,
                PolicyProblem {
                    path: FieldPath::keys(&["apiVersion"]),
                    message: format!(
                        "`{}` NetworkPolicies are no longer served (since Kubernetes 1.16): the API server refuses this policy; use networking.k8s.io/v1",
                        object.oref.api_version
                    ),
                },
            ));
            continue;
        }
        if object.is("networking.k8s.io", "NetworkPolicy") {
            let (policy, found) =
                NetworkPolicy::read(&namespace, &object.oref.name, Some(id), object.root.get("spec"));
            problems.extend(found.into_iter().map(|p| (id, p)));
            let key = (namespace.clone(), object.oref.name.clone());
            // As `kubectl apply` does, the later object replaces the earlier one of the same name.
            if let Some(&earlier) = policy_index.get(&key) {
                let replaced = net.policies[earlier].object.map(|o| inventory.object(o));
                let at = replaced.map_or_else(String::new, |o| {
                    format!(" at {}:{}", inventory.source(o.source).name, o.span().line + 1)
                });
                problems.push((
                    id,
                    PolicyProblem {
                        path: FieldPath::keys(&["metadata", "name"]),
                        message: format!(
                            "NetworkPolicy `{}/{}` is written twice: this one replaces the one{at}, which takes no effect",
                            key.0, key.1
                        ),
                    },
                ));
                net.policies[earlier] = policy;
            } else {
                policy_index.insert(key, net.policies.len());
                net.policies.push(policy);
            }
            continue;
        }
        // A PodTemplate only holds a template for others to copy: nothing runs from it.
        if object.is("", "PodTemplate") {
            continue;
        }
        for spec in inventory.pod_specs_of(object) {
            let mut workload = if object.oref.kind == "Pod" {
                pod_workload(object, &namespace)
            } else {
                Workload {
                    namespace: namespace.clone(),
                    name: object.oref.name.clone(),
                    kind: object.oref.kind.clone(),
                    object: None,
                }
            };
            let key = workload.clone();
            workload.object = Some(id);
            let index = *workload_index.entry(key).or_insert_with(|| {
                net.workloads.push(workload);
                net.workloads.len() - 1
            });
            let named_ports = spec
                .declared_containers()
                .flat_map(|c| c.list("ports"))
                .filter_map(|p| {
                    let name = p.get("name").and_then(Node::as_str)?;
                    let number = u16::try_from(p.get("containerPort").and_then(Node::as_i64)?).ok()?;
                    let protocol =
                        Protocol::parse(p.get("protocol").and_then(Node::as_str).unwrap_or("TCP"))?;
                    Some((name.to_owned(), protocol, number))
                })
                .collect();
            let host_network = matches!(
                spec.spec.get("hostNetwork").map(|n| &n.value),
                Some(crate::source::Value::Bool(true))
            )
            .then(|| spec.path.key("hostNetwork"));
            let mut host_ports = Vec::new();
            for container in spec.declared_containers() {
                for (k, port) in container.list("ports").iter().enumerate() {
                    let number = |key: &str| {
                        port.get(key)
                            .and_then(Node::as_i64)
                            .and_then(|v| u16::try_from(v).ok())
                    };
                    let protocol =
                        Protocol::parse(port.get("protocol").and_then(Node::as_str).unwrap_or("TCP"));
                    if let (Some(host), Some(inside), Some(protocol)) = (
                        number("hostPort").filter(|h| *h > 0),
                        number("containerPort"),
                        protocol,
                    ) {
                        host_ports.push((
                            host,
                            protocol,
                            inside,
                            container.path.key("ports").index(k).key("hostPort"),
                        ));
                    }
                }
            }
            net.pods.push(NetPod {
                namespace: namespace.clone(),
                name: object.oref.name.clone(),
                labels: owned(labels_of(spec.metadata)),
                named_ports,
                ips: if object.oref.kind == "Pod" {
                    ips(object)
                } else {
                    Vec::new()
                },
                workload: index,
                object: Some(id),
                host_network,
                host_ports,
            });
        }
    }
    net.index();
    (net, problems)
}
