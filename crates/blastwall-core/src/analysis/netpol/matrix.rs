//! Connectivity at scale. Pods that share namespace, labels and named ports (and IPs, when ipBlocks may
//! match pods) are one class: every policy treats them alike. Each policy's selection and each rule's peers
//! become bitsets over classes, so a pair of classes is decided by testing bits of the few rules that
//! select either side, instead of asking every policy about every pair.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::conns::Conns;
use super::network::{labels_match, NetPod, Network};
use super::policy::{Peer, Rule};

/// A fixed-size set of class numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Self {
        Self(vec![0; n.div_ceil(64)])
    }
    fn full(n: usize) -> Self {
        let mut b = Self::new(n);
        for i in 0..n {
            b.set(i);
        }
        b
    }
    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    fn has(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }
    fn or_with(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    w * 64 + bit
                })
            })
        })
    }
}

/// One rule as the matrix uses it: the classes it reaches and what it allows (per destination class when
/// it names ports).
struct RuleBits<'n> {
    peers: Bits,
    /// Outside addresses: every address (`from`/`to` absent), or the ipBlocks of the rule.
    any_address: bool,
    blocks: Vec<&'n super::ipset::IpSet>,
    rule: &'n Rule,
    fixed: Option<Conns>,
}

/// The rules that govern one class in one direction; `None` when no policy isolates it there.
type Governing = Option<Vec<usize>>;

/// Classes of pods, the rules as bitsets, and which rules govern each class in each direction.
pub struct Matrix<'n> {
    /// The representative pod of each class.
    pub classes: Vec<&'n NetPod>,
    /// The class of each pod (by index into `Network::pods`).
    pub class_of_pod: Vec<usize>,
    rules: Vec<RuleBits<'n>>,
    ingress: Vec<Governing>,
    egress: Vec<Governing>,
}

impl<'n> Matrix<'n> {
    /// Classes the pods of `net` and compiles its policies.
    #[must_use]
    pub fn new(net: &'n Network) -> Self {
        let mut index: HashMap<(&str, &BTreeMap<String, String>, String), usize> = HashMap::new();
        let mut classes: Vec<&NetPod> = Vec::new();
        let class_of_pod: Vec<usize> = net
            .pods
            .iter()
            .map(|pod| {
                let extra = if net.ipblocks_match_pods {
                    format!("{:?}{:?}", pod.named_ports, pod.ips)
                } else {
                    format!("{:?}", pod.named_ports)
                };
                *index
                    .entry((pod.namespace.as_str(), &pod.labels, extra))
                    .or_insert_with(|| {
                        classes.push(pod);
                        classes.len() - 1
                    })
            })
            .collect();
        let n = classes.len();
        let mut by_namespace: HashMap<&str, Vec<usize>> = HashMap::new();
        for (c, pod) in classes.iter().enumerate() {
            by_namespace.entry(pod.namespace.as_str()).or_default().push(c);
        }
        let mut namespace_names: Vec<&str> = by_namespace.keys().copied().collect();
        namespace_names.sort_unstable();
        let mut rules = Vec::new();
        let mut ingress: Vec<Governing> = vec![None; n];
        let mut egress: Vec<Governing> = vec![None; n];
        for policy in &net.policies {
            let selected: Vec<usize> = by_namespace
                .get(policy.namespace.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|&c| net.selects(policy, classes[c]))
                .collect();
            for (isolates, list, governing) in [
                (policy.ingress_isolates, &policy.ingress, &mut ingress),
                (policy.egress_isolates, &policy.egress, &mut egress),
            ] {
                if !isolates || selected.is_empty() {
                    continue;
                }
                let first = rules.len();
                for rule in list {
                    let peers = match &rule.peers {
                        None => Bits::full(n),
                        Some(peers) => {
                            let mut bits = Bits::new(n);
                            for peer in peers {
                                mark(
                                    net,
                                    &classes,
                                    &by_namespace,
                                    &namespace_names,
                                    peer,
                                    &policy.namespace,
                                    &mut bits,
                                );
                            }
                            bits
                        }
                    };
                    let fixed = rule.ports.as_ref().map_or(Some(Conns::all()), |ports| {
                        ports
                            .iter()
                            .all(|p| matches!(p, super::policy::PortRule::Numbers(..)))
                            .then(|| {
                                let mut c = Conns::none();
                                for p in ports {
                                    c.add(&p.conns(&[]));
                                }
                                c
                            })
                    });
                    let blocks = rule
                        .peers
                        .iter()
                        .flatten()
                        .filter_map(|p| match p {
                            Peer::Block(b) => Some(b),
                            _ => None,
                        })
                        .collect();
                    rules.push(RuleBits {
                        peers,
                        any_address: rule.peers.is_none(),
                        blocks,
                        rule,
                        fixed,
                    });
                }
                for &c in &selected {
                    governing[c]
                        .get_or_insert_with(Vec::new)
                        .extend(first..rules.len());
                }
            }
        }
        Self {
            classes,
            class_of_pod,
            rules,
            ingress,
            egress,
        }
    }

    fn rule_conns(r: &RuleBits<'_>, destination: &NetPod) -> Conns {
        if let Some(c) = &r.fixed {
            return c.clone();
        }
        let mut c = Conns::none();
        for p in r.rule.ports.iter().flatten() {
            c.add(&p.conns(&destination.named_ports));
        }
        c
    }

    fn union(&self, rules: impl Iterator<Item = usize>, destination: &NetPod) -> Conns {
        let mut c = Conns::none();
        for r in rules {
            c.add(&Self::rule_conns(&self.rules[r], destination));
        }
        c
    }

    /// Whether a NetworkPolicy isolates class `class` for ingress (`false`: every source may connect, as far
    /// as the destination is concerned).
    #[must_use]
    pub fn isolated_for_ingress(&self, class: usize) -> bool {
        self.ingress[class].is_some()
    }

    /// Whether a NetworkPolicy isolates class `class` for egress.
    #[must_use]
    pub fn isolated_for_egress(&self, class: usize) -> bool {
        self.egress[class].is_some()
    }

    /// Whether no policy isolates `source` for egress nor `destination` for ingress: then everything
    /// passes, which a caller may know without building the set.
    #[must_use]
    pub(crate) fn unrestricted(&self, source: usize, destination: usize) -> bool {
        self.egress[source].is_none() && self.ingress[destination].is_none()
    }

    /// What class `source` may open to class `destination`.
    #[must_use]
    pub fn between(&self, source: usize, destination: usize) -> Conns {
        // Decide first, without building sets, whether anything passes: most pairs of an isolated
        // cluster pass nothing.
        let admits = |governing: &Governing, other: usize| {
            governing
                .as_ref()
                .is_none_or(|rules| rules.iter().any(|&r| self.rules[r].peers.has(other)))
        };
        if !admits(&self.egress[source], destination) || !admits(&self.ingress[destination], source) {
            return Conns::none();
        }
        let dst = self.classes[destination];
        let side = |governing: &Governing, other: usize| match governing {
            None => Conns::all(),
            Some(rules) => self.union(
                rules.iter().copied().filter(|&r| self.rules[r].peers.has(other)),
                dst,
            ),
        };
        let out = side(&self.egress[source], destination);
        match &self.ingress[destination] {
            None => out,
            Some(_) => out.intersect(&side(&self.ingress[destination], source)),
        }
    }

    /// What class `class` may open to (`outbound`) or accept from a block of outside addresses that lies
    /// inside or outside each ipBlock as a whole. The outside side is governed by no policy.
    #[must_use]
    pub fn with_outside(&self, class: usize, block: &super::ipset::IpSet, outbound: bool) -> Conns {
        let governing = if outbound {
            &self.egress[class]
        } else {
            &self.ingress[class]
        };
        let Some(rules) = governing else {
            return Conns::all();
        };
        let reaching = rules.iter().copied().filter(|&r| {
            let rule = &self.rules[r];
            rule.any_address || rule.blocks.iter().any(|b| b.covers(block))
        });
        if outbound {
            // Named ports never match an address.
            let mut c = Conns::none();
            for r in reaching {
                if let Some(fixed) = &self.rules[r].fixed {
                    c.add(fixed);
                } else {
                    for p in self.rules[r].rule.ports.iter().flatten() {
                        c.add(&p.conns(&[]));
                    }
                }
            }
            c
        } else {
            self.union(reaching, self.classes[class])
        }
    }

    /// The classes `source` may send anything to, before the destinations' ingress is asked.
    fn egress_candidates(&self, source: usize) -> Bits {
        match &self.egress[source] {
            None => Bits::full(self.classes.len()),
            Some(rules) => {
                let mut reach = Bits::new(self.classes.len());
                for &r in rules {
                    reach.or_with(&self.rules[r].peers);
                }
                reach
            }
        }
    }

    /// Every pair of classes with what it allows (empty sets left out), computed in parallel.
    #[must_use]
    pub(crate) fn all_pairs(&self) -> Vec<(usize, usize, Conns)> {
        (0..self.classes.len())
            .into_par_iter()
            .flat_map_iter(|s| {
                let candidates = self.egress_candidates(s);
                let found: Vec<(usize, usize, Conns)> = candidates
                    .iter()
                    .filter_map(|d| {
                        let c = self.between(s, d);
                        (!c.is_empty()).then_some((s, d, c))
                    })
                    .collect();
                found
            })
            .collect()
    }
}

/// Sets the bits of the classes a pod peer matches.
#[allow(clippy::too_many_arguments)]
fn mark(
    net: &Network,
    classes: &[&NetPod],
    by_namespace: &HashMap<&str, Vec<usize>>,
    namespace_names: &[&str],
    peer: &Peer,
    policy_namespace: &str,
    bits: &mut Bits,
) {
    match peer {
        Peer::Pods { namespaces, pods } => {
            let chosen: Vec<&str> = match namespaces {
                None => vec![policy_namespace],
                Some(selector) => namespace_names
                    .iter()
                    .copied()
                    .filter(|ns| net.namespace_matches(selector, ns))
                    .collect(),
            };
            for ns in chosen {
                for &c in by_namespace.get(ns).into_iter().flatten() {
                    if pods.as_ref().is_none_or(|s| labels_match(s, &classes[c].labels)) {
                        bits.set(c);
                    }
                }
            }
        }
        Peer::Block(block) => {
            if net.ipblocks_match_pods {
                for (c, pod) in classes.iter().enumerate() {
                    if !pod.ips.is_empty() && pod.ips.iter().all(|ip| block.contains(*ip)) {
                        bits.set(c);
                    }
                }
            }
        }
        Peer::Invalid => {}
    }
}
