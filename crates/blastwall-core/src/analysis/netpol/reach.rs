//! `reach`: whether one workload, pod or address may open a connection to another, with the verdict of each
//! direction. A workload whose pods differ for the policies (labels, named ports) is judged group by group,
//! and the answer is yes when any group may connect, as `connlist` lists it.

use std::net::IpAddr;

use super::conns::{Conns, Protocol};
use super::ipset::IpSet;
use super::network::{Endpoint, Network, Verdict};

/// Why a FROM or TO names nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReachError {
    /// Neither `namespace/name` nor an address.
    #[error("`{0}`: give namespace/workload, namespace/pod or an IP address")]
    BadName(String),
    /// No workload or pod of that name.
    #[error("no workload or pod `{0}` among the inputs")]
    NotFound(String),
}

/// A resolved FROM or TO.
#[derive(Debug, Clone)]
pub enum Party {
    /// Pods of the inputs: the groups of pods that every policy treats alike (one group for a single pod or
    /// a workload whose pods are alike), each a list of indexes into `Network::pods`.
    Pods {
        /// How to name it: `namespace/name[Kind]`, or `namespace/pod (ip)`.
        label: String,
        /// The groups.
        groups: Vec<Vec<usize>>,
    },
    /// Addresses outside the pod network.
    Outside {
        /// The address as given.
        label: String,
        /// The address.
        set: IpSet,
    },
}

impl Party {
    /// How to name it.
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Self::Pods { label, .. } | Self::Outside { label, .. } => label,
        }
    }
}

/// Finds what `text` names: an IP address (of a pod when one has it), `namespace/workload` or
/// `namespace/pod`.
pub fn resolve(net: &Network, text: &str) -> Result<Party, ReachError> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        if let Some(i) = net.pods.iter().position(|p| p.ips.contains(&ip)) {
            let pod = &net.pods[i];
            return Ok(Party::Pods {
                label: format!("{}/{} ({ip})", pod.namespace, pod.name),
                groups: vec![vec![i]],
            });
        }
        return Ok(Party::Outside {
            label: text.to_owned(),
            set: IpSet::address(ip),
        });
    }
    let Some((namespace, name)) = text.split_once('/') else {
        return Err(ReachError::BadName(text.to_owned()));
    };
    if let Some(w) = net
        .workloads
        .iter()
        .position(|w| w.namespace == namespace && w.name == name)
    {
        let workload = &net.workloads[w];
        let groups = net.pod_groups(w);
        if !groups.is_empty() {
            return Ok(Party::Pods {
                label: format!("{}/{}[{}]", workload.namespace, workload.name, workload.kind),
                groups,
            });
        }
    }
    match net
        .pods
        .iter()
        .position(|p| p.namespace == namespace && p.name == name)
    {
        Some(i) => {
            let w = &net.workloads[net.pods[i].workload];
            Ok(Party::Pods {
                label: format!("{}/{}[{}]", w.namespace, w.name, w.kind),
                groups: vec![vec![i]],
            })
        }
        None => Err(ReachError::NotFound(text.to_owned())),
    }
}

/// The decision for one group of FROM pods and one group of TO pods.
#[derive(Debug, Clone)]
pub struct Judgement {
    /// The FROM group (indexes into `Network::pods`), or `None` for an address.
    pub from: Option<Vec<usize>>,
    /// The TO group, or `None` for an address.
    pub to: Option<Vec<usize>>,
    /// The egress verdict of the FROM pods (none for an address: no policy governs it).
    pub egress: Option<Verdict>,
    /// The ingress verdict of the TO pods.
    pub ingress: Option<Verdict>,
    /// What both directions allow.
    pub conns: Conns,
    /// Whether the asked connection (the port, or any) is allowed.
    pub allowed: bool,
}

/// The answer to `reach FROM TO [--port]`.
#[derive(Debug, Clone)]
pub struct ReachAnswer {
    /// FROM.
    pub from: Party,
    /// TO.
    pub to: Party,
    /// The port asked about.
    pub port: Option<(Protocol, u16)>,
    /// One judgement per pair of groups.
    pub judgements: Vec<Judgement>,
    /// Yes when any pair may connect.
    pub allowed: bool,
}

/// The endpoint a party's group stands for: its first pod (every pod of a group is alike), or the address.
fn endpoint<'a>(net: &'a Network, party: &'a Party, group: Option<&[usize]>) -> Endpoint<'a> {
    match (party, group) {
        (Party::Pods { .. }, Some(group)) => Endpoint::Pod(&net.pods[group[0]]),
        (Party::Outside { set, .. }, _) => Endpoint::Outside(set),
        (Party::Pods { groups, .. }, None) => Endpoint::Pod(&net.pods[groups[0][0]]),
    }
}

/// Judges every pair of FROM and TO groups.
#[must_use]
pub fn reach(net: &Network, from: Party, to: Party, port: Option<(Protocol, u16)>) -> ReachAnswer {
    let sides = |party: &Party| -> Vec<Option<Vec<usize>>> {
        match party {
            Party::Pods { groups, .. } => groups.iter().cloned().map(Some).collect(),
            Party::Outside { .. } => vec![None],
        }
    };
    let mut judgements = Vec::new();
    for from_group in sides(&from) {
        for to_group in sides(&to) {
            let source = endpoint(net, &from, from_group.as_deref());
            let destination = endpoint(net, &to, to_group.as_deref());
            let conns = net.allowed(source, destination);
            let allowed = match port {
                Some((protocol, number)) => conns.allows(protocol, number),
                None => !conns.is_empty(),
            };
            judgements.push(Judgement {
                egress: from_group
                    .as_ref()
                    .map(|g| net.egress(&net.pods[g[0]], destination)),
                ingress: to_group.as_ref().map(|g| net.ingress(&net.pods[g[0]], source)),
                from: from_group.clone(),
                to: to_group,
                conns,
                allowed,
            });
        }
    }
    let allowed = judgements.iter().any(|j| j.allowed);
    ReachAnswer {
        from,
        to,
        port,
        judgements,
        allowed,
    }
}
