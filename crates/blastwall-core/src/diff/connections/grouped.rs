//! The connection part of a posture diff, by groups: workloads whose pods fall in the same classes (pods
//! every policy treats alike) in BASE and in HEAD connect alike on both sides, so each pair of groups is
//! decided once per side. A group is settled when its pods did not change (the same namespace, labels,
//! named ports and addresses) in a namespace whose policies and labels did not change: between two settled
//! groups every connection is as it was, for what a pod may open or accept depends only on those. Only
//! pairs with an unsettled group are decided, and only those whose connections differ are spelled out.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use super::ConnectionChange;
use crate::analysis::netpol::{
    classes_of_workloads, outside_connections, Conns, Matrix, NetPod, Network, Side,
};
use crate::render::connlist::side_text;

/// One tree's network with its pods in classes.
pub(super) struct Classed<'n> {
    net: &'n Network,
    matrix: Matrix<'n>,
    /// The classes of each workload's pods.
    classes: Vec<BTreeSet<usize>>,
}

impl<'n> Classed<'n> {
    pub(super) fn new(net: &'n Network) -> Self {
        let matrix = Matrix::new(net);
        let classes = classes_of_workloads(net, &matrix);
        Self { net, matrix, classes }
    }

    /// Whether everything passes from a workload of classes `from` to one of classes `to`, known without
    /// building sets (one class each, neither side isolated).
    fn unrestricted(&self, from: &[usize], to: &[usize]) -> bool {
        matches!((from, to), ([s], [d]) if self.matrix.unrestricted(*s, *d))
    }

    /// What a workload of classes `from` may open to one of classes `to`: the union over their pods.
    fn between(&self, from: &[usize], to: &[usize]) -> Conns {
        if let ([s], [d]) = (from, to) {
            return self.matrix.between(*s, *d);
        }
        let mut conns = Conns::none();
        for &s in from {
            for &d in to {
                conns.add(&self.matrix.between(s, d));
            }
        }
        conns
    }

    /// Its connections with outside addresses, in words.
    pub(super) fn outside(&self) -> HashSet<(String, String, String)> {
        outside_connections(self.net, &self.matrix, &self.classes)
            .into_iter()
            .map(|c| {
                (
                    side_text(self.net, &c.src),
                    side_text(self.net, &c.dst),
                    c.conns.to_string(),
                )
            })
            .collect()
    }
}

/// Workloads whose pods fall in the same classes in BASE and in HEAD (none where a side lacks them).
pub(super) struct Group {
    base: Vec<usize>,
    head: Vec<usize>,
    members: Vec<String>,
    /// Its pods are as they were, in a namespace whose policies and labels are as they were.
    settled: bool,
}

/// What every policy of a tree sees of a pod: its namespace, labels and named ports, and its addresses
/// when ipBlocks match pods.
fn seen(net: &Network, pod: &NetPod) -> String {
    let ips = if net.ipblocks_match_pods {
        format!("{:?}", pod.ips)
    } else {
        String::new()
    };
    format!("{}|{:?}|{:?}|{ips}", pod.namespace, pod.labels, pod.named_ports)
}

/// The workloads of both trees, matched by namespace, name and kind, in groups; `settled` namespaces as
/// `settled_namespaces` gives them.
pub(super) fn groups(base: &Classed<'_>, head: &Classed<'_>, settled: &HashSet<String>) -> Vec<Group> {
    let alike = base.net.ipblocks_match_pods == head.net.ipblocks_match_pods;
    let seen_all = |tree: &Classed<'_>, classes: &[usize]| -> Vec<String> {
        let mut out: Vec<String> = classes
            .iter()
            .map(|&c| seen(tree.net, tree.matrix.classes[c]))
            .collect();
        out.sort_unstable();
        out
    };
    let mut sides: BTreeMap<(&str, &str, &str), [Option<usize>; 2]> = BTreeMap::new();
    for (at, tree) in [base, head].into_iter().enumerate() {
        for (i, w) in tree.net.workloads.iter().enumerate() {
            sides.entry((&w.namespace, &w.name, &w.kind)).or_default()[at] = Some(i);
        }
    }
    let classes = |tree: &Classed<'_>, w: Option<usize>| -> Vec<usize> {
        w.map(|w| tree.classes[w].iter().copied().collect())
            .unwrap_or_default()
    };
    let mut index: HashMap<(Vec<usize>, Vec<usize>), usize> = HashMap::new();
    let mut out: Vec<Group> = Vec::new();
    for [b, h] in sides.into_values() {
        let key = (classes(base, b), classes(head, h));
        if key.0.is_empty() && key.1.is_empty() {
            continue;
        }
        let text = match (b, h) {
            (Some(w), _) => side_text(base.net, &Side::Workload(w)),
            (None, Some(w)) => side_text(head.net, &Side::Workload(w)),
            (None, None) => continue,
        };
        let at = *index.entry(key).or_insert_with_key(|(b, h)| {
            // Equal views of the pods hold the namespace too.
            let settled = alike
                && !h.is_empty()
                && b.first()
                    .is_some_and(|&c| settled.contains(&base.matrix.classes[c].namespace))
                && seen_all(base, b) == seen_all(head, h);
            out.push(Group {
                base: b.clone(),
                head: h.clone(),
                members: Vec::new(),
                settled,
            });
            out.len() - 1
        });
        out[at].members.push(text);
    }
    out
}

/// The workload pairs whose connections differ: (removed, added).
pub(super) fn changed_pairs(
    base: &Classed<'_>,
    head: &Classed<'_>,
    groups: &[Group],
) -> (Vec<ConnectionChange>, Vec<ConnectionChange>) {
    (0..groups.len())
        .into_par_iter()
        .map(|i| {
            let (mut removed, mut added) = (Vec::new(), Vec::new());
            let from = &groups[i];
            for (j, to) in groups.iter().enumerate() {
                if from.settled && to.settled {
                    continue;
                }
                if base.unrestricted(&from.base, &to.base) && head.unrestricted(&from.head, &to.head) {
                    continue;
                }
                let before = base.between(&from.base, &to.base);
                let after = head.between(&from.head, &to.head);
                if before == after {
                    continue;
                }
                for (conns, list) in [(before, &mut removed), (after, &mut added)] {
                    if conns.is_empty() {
                        continue;
                    }
                    let conns = conns.to_string();
                    for (x, src) in from.members.iter().enumerate() {
                        for (y, dst) in to.members.iter().enumerate() {
                            // A workload's connections to itself are not listed.
                            if i != j || x != y {
                                list.push(ConnectionChange {
                                    src: src.clone(),
                                    dst: dst.clone(),
                                    conns: conns.clone(),
                                });
                            }
                        }
                    }
                }
            }
            (removed, added)
        })
        .reduce(
            || (Vec::new(), Vec::new()),
            |(mut r1, mut a1), (r2, a2)| {
                r1.extend(r2);
                a1.extend(a2);
                (r1, a1)
            },
        )
}
