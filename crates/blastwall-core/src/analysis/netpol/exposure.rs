//! What the outside can reach: Services of type LoadBalancer and NodePort, Services with externalIPs,
//! Ingress rules (through their Services), host-network pods and host ports; each resolved to the pods it
//! sends traffic to and the port they receive it on (named targetPorts resolved per pod), and whether the
//! pods' NetworkPolicies let that traffic in (for Ingress traffic: from the ingress controller's pods when
//! the inputs hold them, else from a pod of another namespace).

use std::collections::BTreeMap;

use super::conns::Protocol;
use super::ipset::{Family, IpSet};
use super::network::{Endpoint, NetPod, Network};
use crate::model::{FieldPath, Inventory, Object, ObjectId};
use crate::source::Node;

/// How traffic gets in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Door {
    /// A cloud load balancer; empty source ranges mean every address.
    LoadBalancer {
        /// `spec.loadBalancerSourceRanges`.
        source_ranges: Vec<String>,
    },
    /// A port opened on every node.
    NodePort(Option<u16>),
    /// An address given in `spec.externalIPs`.
    ExternalIp(String),
    /// An Ingress rule, through the ingress controller.
    Ingress {
        /// The host (`*` when none).
        host: String,
        /// The path (`/` when none).
        path: String,
    },
    /// The pod shares the node's network: every port it listens on is the node's.
    HostNetwork,
    /// A container port published on the node.
    HostPort(u16),
}

/// Whether the pods' NetworkPolicies admit the traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// From every address the door lets in.
    All,
    /// From some of them.
    Partly,
    /// From none: the policies close the door.
    Closed,
    /// NetworkPolicies do not apply (host network).
    NotGoverned,
}

/// One way in.
#[derive(Debug, Clone)]
pub struct Exposure {
    /// How.
    pub door: Door,
    /// The object that opens it (Service, Ingress, or the workload itself).
    pub via: ObjectId,
    /// The field that opens it.
    pub path: FieldPath,
    /// The pod it reaches (an index into `Network::pods`).
    pub pod: usize,
    /// The protocol and port the pod receives on; `None` for every port (host network).
    pub target: Option<(Protocol, u16)>,
    /// What the policies make of it.
    pub admission: Admission,
}

/// Labels a Service selects, when it has a selector.
fn selector(object: &Object) -> Option<BTreeMap<&str, &str>> {
    let map = object.root.get_path(&["spec", "selector"])?.as_map()?;
    let labels: BTreeMap<&str, &str> = map
        .iter()
        .filter_map(|(k, v)| Some((k.text.as_str(), v.as_str()?)))
        .collect();
    (!labels.is_empty()).then_some(labels)
}

/// The pods a Service's selector picks: those carrying every label it names (found through the rarest).
#[must_use]
pub fn service_pods(net: &Network, service: &Object) -> Option<Vec<usize>> {
    let labels = selector(service)?;
    let namespace = service.oref.namespace.as_deref().unwrap_or("default");
    let candidates = labels
        .iter()
        .map(|(k, v)| {
            net.pods_by_label
                .get(&(namespace.to_owned(), (*k).to_owned(), (*v).to_owned()))
                .map_or(&[][..], Vec::as_slice)
        })
        .min_by_key(|list| list.len())
        .unwrap_or_default();
    Some(
        candidates
            .iter()
            .copied()
            .filter(|&i| {
                let p = &net.pods[i];
                labels
                    .iter()
                    .all(|(k, v)| p.labels.get(*k).map(String::as_str) == Some(*v))
            })
            .collect(),
    )
}

/// The port a Service port entry sends to on `pod`: `targetPort` (a number, or a name looked up in the pod's
/// container ports), else `port`.
fn target_port(entry: &Node, pod: &NetPod) -> Option<(Protocol, u16)> {
    let protocol = Protocol::parse(entry.get("protocol").and_then(Node::as_str).unwrap_or("TCP"))?;
    let number = |n: &Node| n.as_i64().and_then(|v| u16::try_from(v).ok());
    match entry.get("targetPort") {
        Some(t) if t.as_str().is_some() => {
            let name = t.as_str()?;
            pod.named_ports
                .iter()
                .find(|(n, p, _)| n == name && *p == protocol)
                .map(|(_, _, port)| (protocol, *port))
        }
        Some(t) => number(t).map(|p| (protocol, p)),
        None => entry.get("port").and_then(number).map(|p| (protocol, p)),
    }
}

fn admission(net: &Network, pod: &NetPod, target: (Protocol, u16), sources: &IpSet) -> Admission {
    // Cut the sources by the pod's ingress ipBlocks so that each piece is admitted whole or not at all.
    let blocks: Vec<&IpSet> = net
        .policies_of(&pod.namespace)
        .map(|(_, p)| p)
        .filter(|p| p.ingress_isolates && net.selects(p, pod))
        .flat_map(|p| &p.ingress)
        .filter_map(|r| r.peers.as_ref())
        .flatten()
        .filter_map(|peer| match peer {
            super::policy::Peer::Block(b) => Some(b),
            _ => None,
        })
        .chain(std::iter::once(sources))
        .collect();
    let pieces: Vec<IpSet> = IpSet::partition(blocks, &[Family::V4, Family::V6])
        .into_iter()
        .filter(|b| sources.covers(b))
        .collect();
    let open = pieces
        .iter()
        .filter(|b| {
            net.ingress(pod, Endpoint::Outside(b))
                .conns
                .allows(target.0, target.1)
        })
        .count();
    match open {
        0 => Admission::Closed,
        n if n == pieces.len() => Admission::All,
        _ => Admission::Partly,
    }
}

fn everything() -> IpSet {
    IpSet::everything()
}

fn ranges(list: &[String]) -> IpSet {
    let mut set = IpSet::default();
    for r in list {
        if let Ok(s) = IpSet::cidr(r) {
            set.add(&s);
        }
    }
    set
}

/// Every way in among the inputs.
#[must_use]
pub fn exposures(inventory: &Inventory, net: &Network) -> Vec<Exposure> {
    let mut out = Vec::new();
    let services: Vec<(ObjectId, &Object)> = inventory.iter().filter(|(_, o)| o.is("", "Service")).collect();
    for &(id, service) in &services {
        let spec = service.root.get("spec");
        let kind = spec
            .and_then(|s| s.get("type"))
            .and_then(Node::as_str)
            .unwrap_or("ClusterIP");
        let external_ips: Vec<String> = spec
            .and_then(|s| s.get("externalIPs"))
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter_map(|n| n.as_str().map(str::to_owned))
            .collect();
        let source_ranges: Vec<String> = spec
            .and_then(|s| s.get("loadBalancerSourceRanges"))
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter_map(|n| n.as_str().map(str::to_owned))
            .collect();
        let Some(pods) = service_pods(net, service) else {
            continue;
        };
        let entries = spec
            .and_then(|s| s.get("ports"))
            .and_then(Node::as_seq)
            .unwrap_or_default();
        for (i, entry) in entries.iter().enumerate() {
            let mut doors: Vec<(Door, FieldPath, IpSet)> = Vec::new();
            let port_path = FieldPath::keys(&["spec", "ports"]).index(i);
            if kind == "LoadBalancer" {
                let sources = if source_ranges.is_empty() {
                    everything()
                } else {
                    ranges(&source_ranges)
                };
                doors.push((
                    Door::LoadBalancer {
                        source_ranges: source_ranges.clone(),
                    },
                    FieldPath::keys(&["spec", "type"]),
                    sources,
                ));
            }
            if kind == "NodePort" {
                let node_port = entry
                    .get("nodePort")
                    .and_then(Node::as_i64)
                    .and_then(|v| u16::try_from(v).ok());
                doors.push((Door::NodePort(node_port), port_path.clone(), everything()));
            }
            for (k, ip) in external_ips.iter().enumerate() {
                doors.push((
                    Door::ExternalIp(ip.clone()),
                    FieldPath::keys(&["spec", "externalIPs"]).index(k),
                    everything(),
                ));
            }
            for (door, path, sources) in doors {
                for &p in &pods {
                    let Some(target) = target_port(entry, &net.pods[p]) else {
                        continue;
                    };
                    out.push(Exposure {
                        admission: admission(net, &net.pods[p], target, &sources),
                        door: door.clone(),
                        via: id,
                        path: path.clone(),
                        pod: p,
                        target: Some(target),
                    });
                }
            }
        }
    }
    ingress_exposures(inventory, net, &services, &mut out);
    for (p, pod) in net.pods.iter().enumerate() {
        let Some(object_id) = pod.object else { continue };
        if let Some(path) = &pod.host_network {
            out.push(Exposure {
                door: Door::HostNetwork,
                via: object_id,
                path: path.clone(),
                pod: p,
                target: None,
                admission: Admission::NotGoverned,
            });
        }
        for (host, protocol, inside, path) in &pod.host_ports {
            out.push(Exposure {
                admission: admission(net, pod, (*protocol, *inside), &everything()),
                door: Door::HostPort(*host),
                via: object_id,
                path: path.clone(),
                pod: p,
                target: Some((*protocol, *inside)),
            });
        }
    }
    out
}

/// Ingress rules and default backends, through the Services they name, to pods. The ingress controller is
/// a pod of some other namespace: its traffic is admitted when a pod of any namespace would be.
fn ingress_exposures(
    inventory: &Inventory,
    net: &Network,
    services: &[(ObjectId, &Object)],
    out: &mut Vec<Exposure>,
) {
    let controller = NetPod::stranger("blastwall-ingress-controller", "ingress-controller");
    let controllers: Vec<&NetPod> = net.pods.iter().filter(|p| is_ingress_controller(p)).collect();
    for (id, ingress) in inventory.iter().filter(|(_, o)| o.oref.kind == "Ingress") {
        let namespace = ingress.oref.namespace.as_deref().unwrap_or("default");
        let mut backends: Vec<(String, String, FieldPath, &Node)> = Vec::new();
        if let Some(b) = ingress
            .root
            .get_path(&["spec", "defaultBackend"])
            .or_else(|| ingress.root.get_path(&["spec", "backend"]))
        {
            backends.push((
                "*".into(),
                "/".into(),
                FieldPath::keys(&["spec", "defaultBackend"]),
                b,
            ));
        }
        for (r, rule) in ingress
            .root
            .get_path(&["spec", "rules"])
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let host = rule.get("host").and_then(Node::as_str).unwrap_or("*").to_owned();
            let paths = rule
                .get("http")
                .and_then(|h| h.get("paths"))
                .and_then(Node::as_seq)
                .unwrap_or_default();
            for (k, path) in paths.iter().enumerate() {
                if let Some(b) = path.get("backend") {
                    let text = path.get("path").and_then(Node::as_str).unwrap_or("/").to_owned();
                    let at = FieldPath::keys(&["spec", "rules"])
                        .index(r)
                        .key("http")
                        .key("paths")
                        .index(k)
                        .key("backend");
                    backends.push((host.clone(), text, at, b));
                }
            }
        }
        for (host, path, at, backend) in backends {
            // networking.k8s.io/v1: service.name / service.port.{number,name}; v1beta1: serviceName / servicePort.
            let name = backend
                .get_path(&["service", "name"])
                .or_else(|| backend.get("serviceName"))
                .and_then(Node::as_str);
            let port = backend
                .get_path(&["service", "port", "number"])
                .or_else(|| backend.get_path(&["service", "port", "name"]))
                .or_else(|| backend.get("servicePort"));
            let Some(service) = services.iter().find(|(_, s)| {
                s.oref.name == name.unwrap_or("")
                    && s.oref.namespace.as_deref().unwrap_or("default") == namespace
            }) else {
                continue;
            };
            let entries = service
                .1
                .root
                .get_path(&["spec", "ports"])
                .and_then(Node::as_seq)
                .unwrap_or_default();
            let entry = entries.iter().find(|e| match port {
                Some(p) if p.as_str().is_some() => e.get("name").and_then(Node::as_str) == p.as_str(),
                Some(p) => e.get("port").and_then(Node::as_i64) == p.as_i64(),
                None => true,
            });
            let Some(entry) = entry else { continue };
            for p in service_pods(net, service.1).unwrap_or_default() {
                let Some(target) = target_port(entry, &net.pods[p]) else {
                    continue;
                };
                let pod = &net.pods[p];
                let admission = if controllers.is_empty() {
                    // The controller is not among the inputs: a pod of some other namespace stands for it.
                    if net
                        .ingress(pod, Endpoint::Pod(&controller))
                        .conns
                        .allows(target.0, target.1)
                    {
                        Admission::All
                    } else if admits_other_namespaces(net, pod) {
                        Admission::Partly
                    } else {
                        Admission::Closed
                    }
                } else {
                    let reaching = controllers
                        .iter()
                        .filter(|c| {
                            net.allowed(Endpoint::Pod(c), Endpoint::Pod(pod))
                                .allows(target.0, target.1)
                        })
                        .count();
                    match reaching {
                        0 => Admission::Closed,
                        n if n == controllers.len() => Admission::All,
                        _ => Admission::Partly,
                    }
                };
                out.push(Exposure {
                    door: Door::Ingress {
                        host: host.clone(),
                        path: path.clone(),
                    },
                    via: id,
                    path: at.clone(),
                    pod: p,
                    target: Some(target),
                    admission,
                });
            }
        }
    }
}

/// Ingress controllers as their usual charts label them.
const CONTROLLER_NAMES: &[&str] = &[
    "ingress-nginx",
    "nginx-ingress",
    "traefik",
    "haproxy-ingress",
    "kubernetes-ingress",
    "contour",
    "envoy",
    "kong",
    "ingress-controller",
];

/// True for a pod of an ingress controller: `app.kubernetes.io/name` (or `app`) names one.
fn is_ingress_controller(pod: &NetPod) -> bool {
    ["app.kubernetes.io/name", "app"]
        .iter()
        .filter_map(|k| pod.labels.get(*k))
        .any(|name| CONTROLLER_NAMES.contains(&name.as_str()))
}

/// True when an ingress rule of a policy isolating `pod` admits pods of namespaces chosen by a selector.
fn admits_other_namespaces(net: &Network, pod: &NetPod) -> bool {
    net.policies_of(&pod.namespace)
        .map(|(_, p)| p)
        .filter(|p| p.ingress_isolates && net.selects(p, pod))
        .flat_map(|p| &p.ingress)
        .any(|r| {
            r.peers.as_ref().is_some_and(|peers| {
                peers.iter().any(|peer| {
                    matches!(
                        peer,
                        super::policy::Peer::Pods {
                            namespaces: Some(_),
                            ..
                        }
                    )
                })
            })
        })
}
