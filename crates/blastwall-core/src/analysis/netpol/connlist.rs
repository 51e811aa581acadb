//! Every allowed connection between workloads, and between workloads and the outside: the outside is cut
//! into the address blocks the policies tell apart (sources by ingress rules, destinations by egress
//! rules), and each block is one peer. A workload is analysed through one of its pods; its connections to
//! itself are left out.

use super::conns::Conns;
use super::ipset::{Family, IpSet};
use super::network::{Endpoint, Network};
use super::policy::{Peer, Rule};

/// One side of a listed connection.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    /// A workload (an index into `Network::workloads`).
    Workload(usize),
    /// A block of outside addresses.
    Outside(IpSet),
}

/// An allowed connection.
#[derive(Debug, Clone)]
pub struct Connection {
    /// Who opens it.
    pub src: Side,
    /// Who accepts it.
    pub dst: Side,
    /// What is allowed.
    pub conns: Conns,
}

fn blocks<'a>(rules: impl Iterator<Item = &'a Rule>) -> Vec<IpSet> {
    let sets: Vec<&IpSet> = rules
        .filter_map(|r| r.peers.as_ref())
        .flatten()
        .filter_map(|p| match p {
            Peer::Block(b) => Some(b),
            _ => None,
        })
        .collect();
    let mut families = vec![Family::V4];
    if sets
        .iter()
        .any(|s| s.ranges().iter().any(|(f, _, _)| *f == Family::V6))
    {
        families.push(Family::V6);
    }
    IpSet::partition(sets, &families)
}

/// Every allowed connection, sorted by source then destination.
#[must_use]
pub fn connlist(net: &Network) -> Vec<Connection> {
    // One pod per workload: the first read.
    let mut representative: Vec<Option<usize>> = vec![None; net.workloads.len()];
    for (i, pod) in net.pods.iter().enumerate() {
        representative[pod.workload].get_or_insert(i);
    }
    let pods: Vec<(usize, &super::network::NetPod)> = representative
        .iter()
        .enumerate()
        .filter_map(|(w, p)| p.map(|p| (w, &net.pods[p])))
        .collect();
    // Every ipBlock written counts, whether its policy selects pods or its direction is in policyTypes.
    let sources = blocks(net.policies.iter().flat_map(|p| &p.ingress));
    let destinations = blocks(net.policies.iter().flat_map(|p| &p.egress));
    let mut out = Vec::new();
    for &(w, pod) in &pods {
        for block in &sources {
            let conns = net.allowed(Endpoint::Outside(block), Endpoint::Pod(pod));
            if !conns.is_empty() {
                out.push(Connection {
                    src: Side::Outside(block.clone()),
                    dst: Side::Workload(w),
                    conns,
                });
            }
        }
        for &(v, other) in &pods {
            if v == w {
                continue;
            }
            let conns = net.allowed(Endpoint::Pod(pod), Endpoint::Pod(other));
            if !conns.is_empty() {
                out.push(Connection {
                    src: Side::Workload(w),
                    dst: Side::Workload(v),
                    conns,
                });
            }
        }
        for block in &destinations {
            let conns = net.allowed(Endpoint::Pod(pod), Endpoint::Outside(block));
            if !conns.is_empty() {
                out.push(Connection {
                    src: Side::Workload(w),
                    dst: Side::Outside(block.clone()),
                    conns,
                });
            }
        }
    }
    out
}
