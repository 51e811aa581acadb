//! Every allowed connection between workloads, and between workloads and the outside: the outside is cut
//! into the address blocks the policies tell apart (sources by ingress rules, destinations by egress
//! rules), and each block is one peer. A workload is judged through every pod it has: when its pods differ
//! (labels, named ports), its connections are the union over them, whatever the order of the inputs, and
//! `split_workloads` names the pod groups. Its connections to itself are left out.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::conns::Conns;
use super::ipset::{Family, IpSet};
use super::matrix::Matrix;
use super::network::{NetPod, Network};
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

/// The address blocks that `rules` tell apart, in each of `families`.
fn blocks<'a>(rules: impl Iterator<Item = &'a Rule>, families: &[Family]) -> Vec<IpSet> {
    IpSet::partition(written_blocks(rules), families)
}

fn written_blocks<'a>(rules: impl Iterator<Item = &'a Rule>) -> impl Iterator<Item = &'a IpSet> {
    rules
        .filter_map(|r| r.peers.as_ref())
        .flatten()
        .filter_map(|p| match p {
            Peer::Block(b) => Some(b),
            _ => None,
        })
}

/// IPv4, and IPv6 too when any policy, in either direction, names an IPv6 block: then the outside is listed
/// in both families on both sides, so traffic that no rule restricts shows its IPv6 range as well.
fn families(net: &Network) -> Vec<Family> {
    let rules = net
        .policies
        .iter()
        .flat_map(|p| p.ingress.iter().chain(&p.egress));
    let mut families = vec![Family::V4];
    if written_blocks(rules).any(|s| s.ranges().iter().any(|(f, _, _)| *f == Family::V6)) {
        families.push(Family::V6);
    }
    families
}

/// The classes (pods alike for every policy) of each workload's pods.
#[must_use]
pub(crate) fn classes_of_workloads(net: &Network, matrix: &Matrix<'_>) -> Vec<BTreeSet<usize>> {
    let mut classes: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); net.workloads.len()];
    for (i, pod) in net.pods.iter().enumerate() {
        classes[pod.workload].insert(matrix.class_of_pod[i]);
    }
    classes
}

/// Every allowed connection: each workload through every class of its pods (the union when they differ),
/// workload pairs through the class matrix (in parallel), outside blocks through the exact per-pod decision.
#[must_use]
pub fn connlist(net: &Network) -> Vec<Connection> {
    let matrix = Matrix::new(net);
    let classes = classes_of_workloads(net, &matrix);
    let mut out = outside_connections(net, &matrix, &classes);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); matrix.classes.len()];
    for (w, of_w) in classes.iter().enumerate() {
        for &class in of_w {
            members[class].push(w);
        }
    }
    // Pairs of workloads with one class each are listed as found; a pair with a workload of several classes
    // gathers the union of its class pairs first.
    let mut merged: BTreeMap<(usize, usize), Conns> = BTreeMap::new();
    for (s, d, conns) in matrix.all_pairs() {
        for &w in &members[s] {
            for &v in members[d].iter().filter(|&&v| v != w) {
                if classes[w].len() == 1 && classes[v].len() == 1 {
                    out.push(Connection {
                        src: Side::Workload(w),
                        dst: Side::Workload(v),
                        conns: conns.clone(),
                    });
                } else {
                    merged.entry((w, v)).or_insert_with(Conns::none).add(&conns);
                }
            }
        }
    }
    out.extend(merged.into_iter().map(|((w, v), conns)| Connection {
        src: Side::Workload(w),
        dst: Side::Workload(v),
        conns,
    }));
    out
}

/// The connections between workloads (of `classes`, as `classes_of_workloads` gives them) and the blocks
/// of outside addresses the policies tell apart, in parallel.
#[must_use]
pub(crate) fn outside_connections(
    net: &Network,
    matrix: &Matrix<'_>,
    classes: &[BTreeSet<usize>],
) -> Vec<Connection> {
    // Every ipBlock written counts, whether its policy selects pods or its direction is in policyTypes.
    let families = families(net);
    let sources = blocks(net.policies.iter().flat_map(|p| &p.ingress), &families);
    let destinations = blocks(net.policies.iter().flat_map(|p| &p.egress), &families);
    let union = |of_w: &BTreeSet<usize>, block: &IpSet, outbound: bool| {
        let mut conns = Conns::none();
        for &class in of_w {
            conns.add(&matrix.with_outside(class, block, outbound));
        }
        conns
    };
    (0..classes.len())
        .into_par_iter()
        .filter(|&w| !classes[w].is_empty())
        .flat_map_iter(|w| {
            let mut out = Vec::new();
            for block in &sources {
                let conns = union(&classes[w], block, false);
                if !conns.is_empty() {
                    out.push(Connection {
                        src: Side::Outside(block.clone()),
                        dst: Side::Workload(w),
                        conns,
                    });
                }
            }
            for block in &destinations {
                let conns = union(&classes[w], block, true);
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
        .collect()
}

/// The workloads whose pods differ for the policies (labels, named ports): for each, its pods in groups of
/// pods that every policy treats alike, as `Network::pod_groups` makes them.
#[must_use]
pub fn split_workloads(net: &Network) -> Vec<(usize, Vec<Vec<&NetPod>>)> {
    let mut pods_of: Vec<Vec<usize>> = vec![Vec::new(); net.workloads.len()];
    for (i, pod) in net.pods.iter().enumerate() {
        pods_of[pod.workload].push(i);
    }
    pods_of
        .into_iter()
        .enumerate()
        .filter_map(|(w, pods)| {
            let groups = net.group_alike(pods);
            (groups.len() > 1).then(|| {
                let named = groups
                    .into_iter()
                    .map(|g| g.into_iter().map(|i| &net.pods[i]).collect())
                    .collect();
                (w, named)
            })
        })
        .collect()
}
