//! A core Service read once from its YAML tree: its type, selector, ports (targetPort as a number or a name),
//! `externalIPs` and `loadBalancerSourceRanges`, each with the field path it came from. The exposure engine and
//! the network rules read Services only through this type.

use std::collections::BTreeMap;

use super::object::Object;
use super::path::FieldPath;
use crate::source::Node;

/// `spec.type`, `ClusterIP` when absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceType {
    /// Reachable inside the cluster only.
    ClusterIP,
    /// A port on every node.
    NodePort,
    /// A cloud load balancer (and a node port behind it).
    LoadBalancer,
    /// A DNS alias; no proxying.
    ExternalName,
    /// A value the API server would refuse.
    Unknown,
}

/// Where a Service port sends traffic on the pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetPort<'a> {
    /// A port number.
    Number(u16),
    /// The name of a container port, resolved per pod.
    Name(&'a str),
}

/// One entry of `spec.ports`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicePort<'a> {
    /// Its path, `spec.ports[i]`.
    pub path: FieldPath,
    /// `name`.
    pub name: Option<&'a str>,
    /// `protocol`, `TCP` when absent.
    pub protocol: &'a str,
    /// `port`.
    pub port: Option<u16>,
    /// `targetPort`, else `port` as the API server defaults it.
    pub target: Option<TargetPort<'a>>,
    /// `nodePort`, when set.
    pub node_port: Option<u16>,
}

/// A Service, as the engines read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service<'a> {
    /// `spec.type`.
    pub kind: ServiceType,
    /// `spec.selector` (string values); `None` when absent or empty: such a Service has hand-managed endpoints.
    pub selector: Option<BTreeMap<&'a str, &'a str>>,
    /// `spec.ports`.
    pub ports: Vec<ServicePort<'a>>,
    /// `spec.externalIPs`, each with its path.
    pub external_ips: Vec<(&'a str, FieldPath)>,
    /// `spec.loadBalancerSourceRanges`.
    pub source_ranges: Vec<&'a str>,
}

fn port_number(node: &Node) -> Option<u16> {
    node.as_i64().and_then(|v| u16::try_from(v).ok())
}

fn strings(node: Option<&Node>) -> impl Iterator<Item = (usize, &str)> {
    node.and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(i, n)| Some((i, n.as_str()?)))
}

impl<'a> Service<'a> {
    /// Reads a core (`v1`) Service; `None` for any other object.
    #[must_use]
    pub fn read(object: &'a Object) -> Option<Self> {
        if !object.is("", "Service") {
            return None;
        }
        let spec = object.root.get("spec");
        let field = |key: &str| spec.and_then(|s| s.get(key));
        let kind = match field("type").and_then(Node::as_str) {
            None | Some("ClusterIP") => ServiceType::ClusterIP,
            Some("NodePort") => ServiceType::NodePort,
            Some("LoadBalancer") => ServiceType::LoadBalancer,
            Some("ExternalName") => ServiceType::ExternalName,
            Some(_) => ServiceType::Unknown,
        };
        let selector: Option<BTreeMap<&str, &str>> = field("selector").and_then(Node::as_map).map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.text.as_str(), v.as_str()?)))
                .collect()
        });
        let ports = field("ports")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, entry)| read_port(entry, FieldPath::keys(&["spec", "ports"]).index(i)))
            .collect();
        Some(Self {
            kind,
            selector: selector.filter(|s| !s.is_empty()),
            ports,
            external_ips: strings(field("externalIPs"))
                .map(|(i, ip)| (ip, FieldPath::keys(&["spec", "externalIPs"]).index(i)))
                .collect(),
            source_ranges: strings(field("loadBalancerSourceRanges"))
                .map(|(_, r)| r)
                .collect(),
        })
    }

    /// The path of `spec.type`, where a finding about the kind of Service points.
    #[must_use]
    pub(crate) fn type_path() -> FieldPath {
        FieldPath::keys(&["spec", "type"])
    }

    /// The path of `spec.selector`.
    #[must_use]
    pub(crate) fn selector_path() -> FieldPath {
        FieldPath::keys(&["spec", "selector"])
    }

    /// The port entry an Ingress backend names: by name, or by port number; the first when it names none.
    #[must_use]
    pub(crate) fn port_for(&self, wanted: Option<BackendPort<'_>>) -> Option<&ServicePort<'a>> {
        self.ports.iter().find(|p| match wanted {
            Some(BackendPort::Name(name)) => p.name == Some(name),
            Some(BackendPort::Number(n)) => p.port == Some(n),
            None => true,
        })
    }
}

/// How an Ingress backend names a Service port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendPort<'a> {
    /// `port.number` (`servicePort: 80` in v1beta1).
    Number(u16),
    /// `port.name` (`servicePort: http` in v1beta1).
    Name(&'a str),
}

fn read_port(entry: &Node, path: FieldPath) -> ServicePort<'_> {
    let port = entry.get("port").and_then(port_number);
    let target = match entry.get("targetPort") {
        Some(t) => t
            .as_str()
            .map(TargetPort::Name)
            .or_else(|| port_number(t).map(TargetPort::Number)),
        None => port.map(TargetPort::Number),
    };
    ServicePort {
        path,
        name: entry.get("name").and_then(Node::as_str),
        protocol: entry.get("protocol").and_then(Node::as_str).unwrap_or("TCP"),
        port,
        target,
        node_port: entry.get("nodePort").and_then(port_number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inventory;

    fn service(spec: &str) -> Inventory {
        Inventory::from_text(&format!(
            "apiVersion: v1\nkind: Service\nmetadata: {{name: s, namespace: shop}}\nspec: {spec}\n"
        ))
    }

    fn first(inventory: &Inventory) -> &Object {
        inventory.iter().next().expect("one object").1
    }

    #[test]
    fn types_default_to_cluster_ip_and_unknown_values_stay_unknown() {
        let cases = [
            ("{}", ServiceType::ClusterIP),
            ("{type: ClusterIP}", ServiceType::ClusterIP),
            ("{type: NodePort}", ServiceType::NodePort),
            ("{type: LoadBalancer}", ServiceType::LoadBalancer),
            ("{type: ExternalName}", ServiceType::ExternalName),
            ("{type: loadbalancer}", ServiceType::Unknown),
        ];
        for (spec, want) in cases {
            let object = service(spec);
            assert_eq!(
                Service::read(first(&object)).map(|s| s.kind),
                Some(want),
                "{spec}"
            );
        }
    }

    #[test]
    fn an_empty_or_absent_selector_is_no_selector() {
        let cases = [
            ("{}", None),
            ("{selector: {}}", None),
            ("{selector: {app: web}}", Some(vec![("app", "web")])),
        ];
        for (spec, want) in cases {
            let object = service(spec);
            let got = Service::read(first(&object))
                .and_then(|s| s.selector.map(|m| m.into_iter().collect::<Vec<_>>()));
            assert_eq!(got, want, "{spec}");
        }
    }

    #[test]
    fn target_port_defaults_to_port_and_may_be_a_name() {
        let cases = [
            ("{ports: [{port: 80}]}", Some(TargetPort::Number(80)), "TCP"),
            (
                "{ports: [{port: 80, targetPort: 8080}]}",
                Some(TargetPort::Number(8080)),
                "TCP",
            ),
            (
                "{ports: [{port: 53, targetPort: dns, protocol: UDP}]}",
                Some(TargetPort::Name("dns")),
                "UDP",
            ),
            ("{ports: [{port: 70000}]}", None, "TCP"),
        ];
        for (spec, target, protocol) in cases {
            let object = service(spec);
            let read = Service::read(first(&object)).expect("a Service");
            assert_eq!(read.ports[0].target, target, "{spec}");
            assert_eq!(read.ports[0].protocol, protocol, "{spec}");
            assert_eq!(read.ports[0].path, FieldPath::keys(&["spec", "ports"]).index(0));
        }
    }

    #[test]
    fn lists_keep_their_paths() {
        let object =
            service("{externalIPs: [203.0.113.7, 203.0.113.9], loadBalancerSourceRanges: [10.0.0.0/8]}");
        let read = Service::read(first(&object)).expect("a Service");
        let ips: Vec<(&str, FieldPath)> = vec![
            ("203.0.113.7", FieldPath::keys(&["spec", "externalIPs"]).index(0)),
            ("203.0.113.9", FieldPath::keys(&["spec", "externalIPs"]).index(1)),
        ];
        assert_eq!(read.external_ips, ips);
        assert_eq!(read.source_ranges, vec!["10.0.0.0/8"]);
    }

    #[test]
    fn a_backend_finds_its_port_by_name_or_number() {
        let object = service("{ports: [{name: http, port: 80}, {name: https, port: 443}]}");
        let read = Service::read(first(&object)).expect("a Service");
        let cases = [
            (Some(BackendPort::Name("https")), Some(443)),
            (Some(BackendPort::Number(80)), Some(80)),
            (Some(BackendPort::Number(8080)), None),
            (None, Some(80)),
        ];
        for (wanted, port) in cases {
            assert_eq!(read.port_for(wanted).and_then(|p| p.port), port, "{wanted:?}");
        }
    }

    #[test]
    fn other_kinds_are_not_services() {
        let object =
            Inventory::from_text("apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: s}\n");
        assert!(Service::read(first(&object)).is_none());
    }
}
