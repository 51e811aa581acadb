//! Every allowed connection between workloads, and between workloads and the outside: the outside is cut
//! into the address blocks the policies tell apart (sources by ingress rules, destinations by egress
//! rules), and each block is one peer. A workload is analysed through one of its pods; its connections to
//! itself are left out.

use rayon::prelude::*;

use super::conns::Conns;
use super::ipset::{Family, IpSet};
use super::matrix::Matrix;
use super::network::Network;
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

/// Every allowed connection: each workload is analysed through its first pod, workload pairs through the
/// class matrix (in parallel), outside blocks through the exact per-pod decision.
#[must_use]
pub fn connlist(net: &Network) -> Vec<Connection> {
    let matrix = Matrix::new(net);
    let mut representative: Vec<Option<usize>> = vec![None; net.workloads.len()];
    for (i, pod) in net.pods.iter().enumerate() {
        representative[pod.workload].get_or_insert(i);
    }
    // (workload, class of its representative pod)
    let workloads: Vec<(usize, usize)> = representative
        .iter()
        .enumerate()
        .filter_map(|(w, p)| p.map(|p| (w, matrix.class_of_pod[p])))
        .collect();
    // Every ipBlock written counts, whether its policy selects pods or its direction is in policyTypes.
    let sources = blocks(net.policies.iter().flat_map(|p| &p.ingress));
    let destinations = blocks(net.policies.iter().flat_map(|p| &p.egress));
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); matrix.classes.len()];
    for &(w, class) in &workloads {
        members[class].push(w);
    }
    let mut out: Vec<Connection> = workloads
        .par_iter()
        .flat_map_iter(|&(w, class)| {
            let mut out = Vec::new();
            for block in &sources {
                let conns = matrix.with_outside(class, block, false);
                if !conns.is_empty() {
                    out.push(Connection {
                        src: Side::Outside(block.clone()),
                        dst: Side::Workload(w),
                        conns,
                    });
                }
            }
            for block in &destinations {
                let conns = matrix.with_outside(class, block, true);
                if !conns.is_empty() {
                    out.push(Connection {
                        src: Side::Workload(w),
                        dst: Side::Outside(block.clone()),
                        conns,
                    });
                }
            }
            out
        })
        .collect();
    for (s, d, conns) in matrix.all_pairs() {
        for &w in &members[s] {
            for &v in members[d].iter().filter(|&&v| v != w) {
                out.push(Connection {
                    src: Side::Workload(w),
                    dst: Side::Workload(v),
                    conns: conns.clone(),
                });
            }
        }
    }
    out
}
