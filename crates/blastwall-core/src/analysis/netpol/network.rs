//! The network a set of manifests describes: pods (each with its workload), namespaces with their labels,
//! and NetworkPolicies; and the decision of what one endpoint may open to another, per direction, with the
//! policies and rules that decide it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::IpAddr;

use super::conns::{Conns, Protocol};
use super::ipset::IpSet;
use super::policy::{NetworkPolicy, Peer, Rule};
use crate::model::{FieldPath, LabelSelector, ObjectId, NAMESPACE_NAME_LABEL};

/// A pod, or the pod template of a workload.
#[derive(Debug, Clone)]
pub struct NetPod {
    /// Its namespace.
    pub namespace: String,
    /// Its name (a workload's name for a template).
    pub name: String,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
    /// Named container ports: (name, protocol, number).
    pub named_ports: Vec<(String, Protocol, u16)>,
    /// Its IP addresses, when the input has them.
    pub ips: Vec<IpAddr>,
    /// The workload it belongs to (an index into `Network::workloads`).
    pub workload: usize,
    /// The object it was read from (a Pod, or the controller whose template it is).
    pub object: Option<ObjectId>,
    /// Where `hostNetwork: true` is written, when it is.
    pub host_network: Option<FieldPath>,
    /// Ports published on the node: (host port, protocol, container port, where `hostPort` is written).
    pub host_ports: Vec<(u16, Protocol, u16, FieldPath)>,
}

impl NetPod {
    /// A pod with no labels and no ports in a namespace of its own (with only its name label): what a pod of
    /// any other namespace can do at least.
    #[must_use]
    pub(crate) fn stranger(namespace: &str, name: &str) -> Self {
        Self {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            labels: BTreeMap::new(),
            named_ports: Vec::new(),
            ips: Vec::new(),
            workload: 0,
            object: None,
            host_network: None,
            host_ports: Vec::new(),
        }
    }
}

/// What owns pods: a controller given as an object, a bare Pod's controlling owner, or the Pod itself.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Workload {
    /// Its namespace.
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// Its kind (`Deployment`, `ReplicaSet`, `Pod`...).
    pub kind: String,
    /// The object it was read from, when one was.
    pub object: Option<ObjectId>,
}

/// One side of a connection.
#[derive(Debug, Clone, Copy)]
pub enum Endpoint<'a> {
    /// A pod.
    Pod(&'a NetPod),
    /// Addresses outside the pod network, all treated alike by every policy.
    Outside(&'a IpSet),
}

/// The decision of one direction: whether the pod is isolated, and what the rules that reach the peer allow.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// Policies that isolate the pod in this direction (indexes into `Network::policies`).
    pub isolating: Vec<usize>,
    /// (policy, rule index, what it allows) for every rule whose peers include the other side.
    pub allowed_by: Vec<(usize, usize, Conns)>,
    /// What is allowed in this direction.
    pub conns: Conns,
}

/// Pods, workloads, namespaces and policies.
#[derive(Debug, Default)]
pub struct Network {
    /// Every pod.
    pub pods: Vec<NetPod>,
    /// Every workload.
    pub workloads: Vec<Workload>,
    /// Labels of each namespace that has a Namespace object.
    pub namespaces: HashMap<String, BTreeMap<String, String>>,
    /// Every policy.
    pub policies: Vec<NetworkPolicy>,
    /// Whether ipBlocks also match pods by their IPs (off: pods are matched by selectors only).
    pub ipblocks_match_pods: bool,
    /// The policies of each namespace (indexes into `policies`); see [`Network::index`].
    pub policies_in: HashMap<String, Vec<usize>>,
    /// The pods each object makes (indexes into `pods`); see [`Network::index`].
    pub pods_by_object: HashMap<ObjectId, Vec<usize>>,
    /// The pods of each namespace (indexes into `pods`); see [`Network::index`].
    pub pods_in: HashMap<String, Vec<usize>>,
    /// Every namespace the inputs name: Namespace objects, and the namespaces of pods and policies.
    pub known_namespaces: BTreeSet<String>,
    /// The pods carrying each (namespace, label key, label value); see [`Network::index`].
    pub pods_by_label: HashMap<(String, String, String), Vec<usize>>,
}

/// True when `selector` matches `labels`, without copying them.
#[must_use]
pub(crate) fn labels_match(selector: &LabelSelector, labels: &BTreeMap<String, String>) -> bool {
    selector.matches_with(|key| labels.get(key).map(String::as_str))
}

impl Network {
    /// The pods of workload `w` in groups that every policy treats alike (pods of one workload share a
    /// namespace, so their labels and named ports decide), each group's pods by name, groups in order of
    /// their first pod's name: indexes into `pods`.
    #[must_use]
    pub(crate) fn pod_groups(&self, w: usize) -> Vec<Vec<usize>> {
        self.group_alike((0..self.pods.len()).filter(|&i| self.pods[i].workload == w))
    }

    /// `pods` (of one workload) in groups that every policy treats alike, as [`Network::pod_groups`].
    #[must_use]
    pub(crate) fn group_alike(&self, pods: impl IntoIterator<Item = usize>) -> Vec<Vec<usize>> {
        let mut groups: BTreeMap<_, Vec<usize>> = BTreeMap::new();
        for i in pods {
            let pod = &self.pods[i];
            groups.entry((&pod.labels, &pod.named_ports)).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
        for group in &mut groups {
            group.sort_by(|&a, &b| self.pods[a].name.cmp(&self.pods[b].name));
        }
        groups.sort_by(|a, b| self.pods[a[0]].name.cmp(&self.pods[b[0]].name));
        groups
    }

    /// Builds the indexes of policies by namespace and pods by object; call after the last one is added.
    pub fn index(&mut self) {
        self.policies_in.clear();
        for (i, p) in self.policies.iter().enumerate() {
            self.policies_in.entry(p.namespace.clone()).or_default().push(i);
        }
        self.pods_by_object.clear();
        self.pods_in.clear();
        self.pods_by_label.clear();
        for (i, pod) in self.pods.iter().enumerate() {
            if let Some(id) = pod.object {
                self.pods_by_object.entry(id).or_default().push(i);
            }
            self.pods_in.entry(pod.namespace.clone()).or_default().push(i);
            for (k, v) in &pod.labels {
                self.pods_by_label
                    .entry((pod.namespace.clone(), k.clone(), v.clone()))
                    .or_default()
                    .push(i);
            }
        }
        self.known_namespaces = self
            .namespaces
            .keys()
            .chain(self.pods_in.keys())
            .chain(self.policies_in.keys())
            .cloned()
            .collect();
    }

    /// The pods of `namespace`.
    pub(crate) fn pods_of<'a>(&'a self, namespace: &str) -> impl Iterator<Item = &'a NetPod> + 'a {
        self.pods_in
            .get(namespace)
            .into_iter()
            .flatten()
            .map(|&i| &self.pods[i])
    }

    /// The policies of `namespace`, with their indexes.
    pub(crate) fn policies_of<'a>(
        &'a self,
        namespace: &str,
    ) -> impl Iterator<Item = (usize, &'a NetworkPolicy)> + 'a {
        self.policies_in
            .get(namespace)
            .into_iter()
            .flatten()
            .map(|&i| (i, &self.policies[i]))
    }

    /// One label of a namespace, without copying its labels: the Namespace object's, or only the name label
    /// the API server gives every namespace.
    #[must_use]
    pub(crate) fn namespace_label<'a>(&'a self, namespace: &'a str, key: &str) -> Option<&'a str> {
        match self.namespaces.get(namespace) {
            Some(labels) => labels.get(key).map(String::as_str),
            None => (key == NAMESPACE_NAME_LABEL).then_some(namespace),
        }
    }

    /// True when `selector` matches the labels of `namespace`.
    #[must_use]
    pub(crate) fn namespace_matches(&self, selector: &LabelSelector, namespace: &str) -> bool {
        selector.matches_with(|key| self.namespace_label(namespace, key))
    }

    /// True when `policy` selects `pod`.
    #[must_use]
    pub fn selects(&self, policy: &NetworkPolicy, pod: &NetPod) -> bool {
        policy.namespace == pod.namespace && labels_match(&policy.pod_selector, &pod.labels)
    }

    fn peer_matches(&self, peer: &Peer, policy_namespace: &str, other: Endpoint<'_>) -> bool {
        match (peer, other) {
            (Peer::Pods { namespaces, pods }, Endpoint::Pod(pod)) => {
                let namespace_ok = match namespaces {
                    None => pod.namespace == policy_namespace,
                    Some(s) => self.namespace_matches(s, &pod.namespace),
                };
                namespace_ok && pods.as_ref().is_none_or(|s| labels_match(s, &pod.labels))
            }
            (Peer::Block(block), Endpoint::Outside(addresses)) => block.covers(addresses),
            (Peer::Block(block), Endpoint::Pod(pod)) => {
                self.ipblocks_match_pods
                    && !pod.ips.is_empty()
                    && pod.ips.iter().all(|ip| block.contains(*ip))
            }
            _ => false,
        }
    }

    /// True when `rule` (of a policy in `policy_namespace`) names `other` among its peers.
    #[must_use]
    pub(crate) fn rule_reaches(&self, rule: &Rule, policy_namespace: &str, other: Endpoint<'_>) -> bool {
        rule.peers.as_ref().is_none_or(|peers| {
            peers
                .iter()
                .any(|p| self.peer_matches(p, policy_namespace, other))
        })
    }

    fn rule_conns(
        &self,
        rule: &Rule,
        policy_namespace: &str,
        other: Endpoint<'_>,
        destination: Endpoint<'_>,
    ) -> Option<Conns> {
        if !self.rule_reaches(rule, policy_namespace, other) {
            return None;
        }
        let named: &[(String, Protocol, u16)] = match destination {
            Endpoint::Pod(pod) => &pod.named_ports,
            Endpoint::Outside(_) => &[],
        };
        Some(match &rule.ports {
            None => Conns::all(),
            Some(ports) => {
                let mut c = Conns::none();
                for p in ports {
                    c.add(&p.conns(named));
                }
                c
            }
        })
    }

    /// What `pod` lets in from `source`.
    #[must_use]
    pub fn ingress(&self, pod: &NetPod, source: Endpoint<'_>) -> Verdict {
        self.direction(pod, source, true)
    }

    /// What `pod` may send to `destination`.
    #[must_use]
    pub fn egress(&self, pod: &NetPod, destination: Endpoint<'_>) -> Verdict {
        self.direction(pod, destination, false)
    }

    fn direction(&self, pod: &NetPod, other: Endpoint<'_>, ingress: bool) -> Verdict {
        let mut verdict = Verdict::default();
        for (i, policy) in self.policies_of(&pod.namespace) {
            let isolates = if ingress {
                policy.ingress_isolates
            } else {
                policy.egress_isolates
            };
            if !isolates || !self.selects(policy, pod) {
                continue;
            }
            verdict.isolating.push(i);
            let rules = if ingress { &policy.ingress } else { &policy.egress };
            for (r, rule) in rules.iter().enumerate() {
                let destination = if ingress { Endpoint::Pod(pod) } else { other };
                if let Some(c) = self.rule_conns(rule, &policy.namespace, other, destination) {
                    verdict.conns.add(&c);
                    verdict.allowed_by.push((i, r, c));
                }
            }
        }
        if verdict.isolating.is_empty() {
            verdict.conns = Conns::all();
        }
        verdict
    }

    /// What `source` may open to `destination`: the source's egress and the destination's ingress, both.
    /// Outside addresses are not governed by policies: only the pod side decides.
    #[must_use]
    pub fn allowed(&self, source: Endpoint<'_>, destination: Endpoint<'_>) -> Conns {
        let out = match source {
            Endpoint::Pod(pod) => self.egress(pod, destination).conns,
            Endpoint::Outside(_) => Conns::all(),
        };
        if out.is_empty() {
            return out;
        }
        let inbound = match destination {
            Endpoint::Pod(pod) => self.ingress(pod, source).conns,
            Endpoint::Outside(_) => Conns::all(),
        };
        out.intersect(&inbound)
    }
}
