//! NetworkPolicies on types of their own: the pods a policy selects, the directions it isolates (with the
//! API server's `policyTypes` defaulting), and its rules' peers and ports. Reading keeps every problem the
//! API server would refuse, so that nothing is dropped silently.

use super::conns::{Conns, PortSet, Protocol};
use super::ipset::{strict_cidr_problem, strict_subset, IpSet};
use crate::model::selector::selector_problems;
use crate::model::syntax::port_name_error;
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
        let pod_selector_node = spec.and_then(|s| s.get("podSelector"));
        if let Some(node) = pod_selector_node {
            problems.extend(refused(selector_problems(node, &spec_path.key("podSelector"))));
        }
        problems.extend(policy_type_problems(
            spec.and_then(|s| s.get("policyTypes")),
            &spec_path,
        ));
        let pod_selector = selector(pod_selector_node).unwrap_or_default();
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

/// Problems the API server refuses a policy for, as policy problems.
fn refused(found: Vec<(FieldPath, String)>) -> impl Iterator<Item = PolicyProblem> {
    found.into_iter().map(|(path, message)| PolicyProblem {
        path,
        message: format!("{message}; the API server refuses this policy"),
    })
}

/// `policyTypes`: at most two entries, each `Ingress` or `Egress`.
fn policy_type_problems(types: Option<&Node>, spec: &FieldPath) -> Vec<PolicyProblem> {
    let types = types.and_then(Node::as_seq).unwrap_or_default();
    let path = spec.key("policyTypes");
    if types.len() > 2 {
        return refused(vec![(path, "more than two policyTypes".into())]).collect();
    }
    let found = types
        .iter()
        .enumerate()
        .filter(|(_, t)| !matches!(t.as_str(), Some("Ingress" | "Egress")))
        .map(|(i, t)| {
            let text = t.as_str().unwrap_or("");
            (
                path.index(i),
                format!("policy type `{text}` is neither Ingress nor Egress"),
            )
        })
        .collect();
    refused(found).collect()
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
    for key in ["namespaceSelector", "podSelector"] {
        if let Some(selector) = node.get(key).filter(|n| n.as_map().is_some()) {
            problems.extend(refused(selector_problems(selector, &path.key(key))));
        }
    }
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
            let block = path.key("ipBlock");
            if let Some(problem) = strict_cidr_problem(cidr) {
                problems.extend(refused(vec![(block.key("cidr"), problem)]));
            }
            match IpSet::cidr(cidr) {
                Ok(mut set) => {
                    for (i, except) in b
                        .get("except")
                        .and_then(Node::as_seq)
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                    {
                        let at = block.key("except").index(i);
                        let text = except.as_str().unwrap_or("");
                        match IpSet::cidr(text) {
                            Ok(e) => {
                                if let Some(problem) = strict_cidr_problem(text) {
                                    problems.extend(refused(vec![(at.clone(), problem)]));
                                }
                                if !strict_subset(text, cidr) {
                                    let why = format!("`{text}` is not a strict subset of the cidr `{cidr}`");
                                    problems.extend(refused(vec![(at, why)]));
                                }
                                set = set.minus(&e);
                            }
                            Err(_) => problems.push(PolicyProblem {
                                path: at,
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
    let end = node.get("endPort").and_then(Node::as_i64);
    if let Some(name) = port.and_then(Node::as_str) {
        let mut found: Vec<(FieldPath, String)> = port_name_error(name)
            .map(|e| (path.key("port"), e))
            .into_iter()
            .collect();
        if end.is_some() {
            found.push((path.key("endPort"), "endPort cannot go with a named port".into()));
        }
        if !found.is_empty() {
            problems.extend(refused(found));
            return None;
        }
        return Some(PortRule::Named(protocol, name.to_owned()));
    }
    let number = port.and_then(Node::as_i64);
    match (number, end) {
        (None, Some(_)) => {
            problems.extend(refused(vec![(
                path.key("endPort"),
                "endPort needs a port".into(),
            )]));
            None
        }
        (None, None) => Some(PortRule::Numbers(protocol, PortSet::all())),
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
