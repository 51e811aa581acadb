//! NetworkPolicies on types of their own: the pods a policy selects, the directions it isolates (with the
//! API server's `policyTypes` defaulting), and its rules' peers and ports. Reading keeps every problem the
//! API server would refuse, so that nothing is dropped silently.

use super::conns::{Conns, PortSet, Protocol};
use super::ipset::IpSet;
use crate::model::{FieldPath, LabelSelector, ObjectId};
use crate::source::Node;

/// A NetworkPolicy.
#[derive(Debug, Clone)]
pub struct NetworkPolicy {
    /// Its namespace.
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// The object it was read from.
    pub object: Option<ObjectId>,
    /// `spec.podSelector` (absent = every pod of the namespace).
    pub pod_selector: LabelSelector,
    /// Whether it isolates the selected pods for ingress (`Ingress` in the effective policyTypes).
    pub ingress_isolates: bool,
    /// Whether it isolates them for egress.
    pub egress_isolates: bool,
    /// Ingress rules (ignored unless `ingress_isolates`).
    pub ingress: Vec<Rule>,
    /// Egress rules (ignored unless `egress_isolates`).
    pub egress: Vec<Rule>,
}

/// One ingress or egress rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Where the rule is written (`spec.ingress[0]`).
    pub path: FieldPath,
    /// `from`/`to`; `None` when absent or empty: every peer, pods and outside addresses.
    pub peers: Option<Vec<Peer>>,
    /// `ports`; `None` when absent or empty: every port of every protocol.
    pub ports: Option<Vec<PortRule>>,
}

/// One entry of `from` or `to`.
#[derive(Debug, Clone)]
pub enum Peer {
    /// Pods chosen by label: `namespaces` absent means the policy's namespace, `pods` absent every pod.
    Pods {
        /// `namespaceSelector`.
        namespaces: Option<LabelSelector>,
        /// `podSelector`.
        pods: Option<LabelSelector>,
    },
    /// Addresses: `cidr` minus `except`.
    Block(IpSet),
    /// An entry the API server would refuse (empty, or ipBlock beside selectors): it matches nothing.
    Invalid,
}

/// One entry of `ports`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortRule {
    /// A numeric port or range (or every port of the protocol).
    Numbers(Protocol, PortSet),
    /// A named port, resolved against each destination pod's container ports.
    Named(Protocol, String),
}

impl PortRule {
    /// The connections this entry allows to a destination whose container ports are `named` (name,
    /// protocol, number); outside addresses have none.
    #[must_use]
    pub fn conns(&self, named: &[(String, Protocol, u16)]) -> Conns {
        match self {
            Self::Numbers(protocol, ports) => Conns::of(*protocol, ports.clone()),
            Self::Named(protocol, name) => {
                let mut c = Conns::none();
                for (n, p, number) in named {
                    if n == name && p == protocol {
                        c.add(&Conns::of(*protocol, PortSet::range(*number, *number)));
                    }
                }
                c
            }
        }
    }
}

/// A problem in a policy that changes what it means, at a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyProblem {
    /// The field.
    pub path: FieldPath,
    /// What is wrong and what Kubernetes does with it.
    pub message: String,
}

fn selector(node: Option<&Node>) -> Option<LabelSelector> {
    node.filter(|n| !matches!(n.value, crate::source::Value::Null))
        .map(LabelSelector::from_node)
}

impl NetworkPolicy {
    /// Reads `spec` of a NetworkPolicy named `name` in `namespace`, with the problems found.
    #[must_use]
    pub fn read(
        namespace: &str,
        name: &str,
        object: Option<ObjectId>,
        spec: Option<&Node>,
    ) -> (Self, Vec<PolicyProblem>) {
        let mut problems = Vec::new();
        let spec_path = FieldPath::keys(&["spec"]);
        let list = |key: &str| {
            spec.and_then(|s| s.get(key))
                .and_then(Node::as_seq)
                .unwrap_or_default()
        };
        let ingress: Vec<Rule> = list("ingress")
            .iter()
            .enumerate()
            .map(|(i, r)| read_rule(r, spec_path.key("ingress").index(i), "from", &mut problems))
            .collect();
        let egress: Vec<Rule> = list("egress")
            .iter()
            .enumerate()
            .map(|(i, r)| read_rule(r, spec_path.key("egress").index(i), "to", &mut problems))
            .collect();
        let types: Option<Vec<&str>> = spec
            .and_then(|s| s.get("policyTypes"))
            .and_then(Node::as_seq)
            .filter(|t| !t.is_empty())
            .map(|t| t.iter().filter_map(Node::as_str).collect());
        // The API server's default: Ingress always, Egress when there is at least one egress rule.
        let (ingress_isolates, egress_isolates) = match &types {
            Some(t) => (t.contains(&"Ingress"), t.contains(&"Egress")),
            None => (true, !egress.is_empty()),
        };
        let pod_selector = selector(spec.and_then(|s| s.get("podSelector"))).unwrap_or_default();
        (
            Self {
                namespace: namespace.to_owned(),
                name: name.to_owned(),
                object,
                pod_selector,
                ingress_isolates,
                egress_isolates,
                ingress,
                egress,
            },
            problems,
        )
    }
}

fn read_rule(node: &Node, path: FieldPath, peers_key: &str, problems: &mut Vec<PolicyProblem>) -> Rule {
    let peers = node
        .get(peers_key)
        .and_then(Node::as_seq)
        .filter(|p| !p.is_empty())
        .map(|entries| {
            entries
                .iter()
                .enumerate()
                .map(|(i, e)| read_peer(e, path.key(peers_key).index(i), problems))
                .collect()
        });
    let ports = node
        .get("ports")
        .and_then(Node::as_seq)
        .filter(|p| !p.is_empty())
        .map(|entries| {
            entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| read_port(e, path.key("ports").index(i), problems))
                .collect()
        });
    Rule { path, peers, ports }
}

fn read_peer(node: &Node, path: FieldPath, problems: &mut Vec<PolicyProblem>) -> Peer {
    let namespaces = selector(node.get("namespaceSelector"));
    let pods = selector(node.get("podSelector"));
    let block = node.get("ipBlock");
    match (block, namespaces.is_some() || pods.is_some()) {
        (Some(_), true) => {
            problems.push(PolicyProblem {
                path,
                message: "ipBlock cannot be combined with selectors in one peer; the API server refuses this policy".into(),
            });
            Peer::Invalid
        }
        (Some(b), false) => {
            let cidr = b.get("cidr").and_then(Node::as_str).unwrap_or("");
            match IpSet::cidr(cidr) {
                Ok(mut set) => {
                    for (i, except) in b
                        .get("except")
                        .and_then(Node::as_seq)
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                    {
                        match except.as_str().map(IpSet::cidr) {
                            Some(Ok(e)) => set = set.minus(&e),
                            _ => problems.push(PolicyProblem {
                                path: path.key("ipBlock").key("except").index(i),
                                message: "not a CIDR; the API server refuses this policy".into(),
                            }),
                        }
                    }
                    Peer::Block(set)
                }
                Err(e) => {
                    problems.push(PolicyProblem {
                        path: path.key("ipBlock").key("cidr"),
                        message: format!("{}; the API server refuses this policy", e.0),
                    });
                    Peer::Invalid
                }
            }
        }
        (None, true) => Peer::Pods { namespaces, pods },
        (None, false) => {
            problems.push(PolicyProblem {
                path,
                message: "an empty peer; the API server refuses this policy".into(),
            });
            Peer::Invalid
        }
    }
}

fn read_port(node: &Node, path: FieldPath, problems: &mut Vec<PolicyProblem>) -> Option<PortRule> {
    let protocol_text = node.get("protocol").and_then(Node::as_str).unwrap_or("TCP");
    let Some(protocol) = Protocol::parse(protocol_text) else {
        problems.push(PolicyProblem {
            path: path.key("protocol"),
            message: format!(
                "unknown protocol `{protocol_text}` (TCP, UDP or SCTP); the API server refuses this policy"
            ),
        });
        return None;
    };
    let port = node.get("port");
    if let Some(name) = port.and_then(Node::as_str) {
        return Some(PortRule::Named(protocol, name.to_owned()));
    }
    let number = port.and_then(Node::as_i64);
    let end = node.get("endPort").and_then(Node::as_i64);
    match (number, end) {
        (None, _) => Some(PortRule::Numbers(protocol, PortSet::all())),
        (Some(p), end) => {
            let valid = |v: i64| (1..=65535).contains(&v);
            let end = end.unwrap_or(p);
            if !valid(p) || !valid(end) || end < p {
                problems.push(PolicyProblem {
                    path,
                    message: "port and endPort must be 1-65535 with endPort >= port; the API server refuses this policy".into(),
                });
                return None;
            }
            let (p, end) = (u16::try_from(p).ok()?, u16::try_from(end).ok()?);
            Some(PortRule::Numbers(protocol, PortSet::range(p, end)))
        }
    }
}
