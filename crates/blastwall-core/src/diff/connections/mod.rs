//! Connections added and removed: every connection the NetworkPolicies of each tree allow (the connlist),
//! compared as (source, destination, connections). When what decides connections (pods, namespaces,
//! policies) is the same in both trees, nothing is listed; otherwise workload pairs are decided by groups
//! (`grouped`), so a change to one namespace costs what the classes of pods cost, not the millions of
//! pairs of a cluster that few policies isolate; connections with outside addresses are listed whole.
//! `tests` checks the result against the set difference of the two whole connlists.

mod grouped;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::sides::SetChanges;
use crate::analysis::netpol::{network_of, Network, NetworkPolicy};
use crate::engine::Report;
use grouped::{changed_pairs, groups, Classed};

/// A connection that appears or disappears.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ConnectionChange {
    /// Who opens it.
    pub src: String,
    /// Who accepts it.
    pub dst: String,
    /// Protocols and ports.
    pub conns: String,
}

impl ConnectionChange {
    /// The line `diff: allow-connections` patterns match: `SOURCE -> DESTINATION CONNECTIONS`.
    #[must_use]
    pub fn line(&self) -> String {
        format!("{} -> {} {}", self.src, self.dst, self.conns)
    }
}

/// What decides a tree's connections, written out in a canonical order: its pods (namespace, labels,
/// named ports, addresses, workload), its namespaces' labels, and its policies. Equal fingerprints allow
/// the same connections; the objects' positions in the inputs do not count.
fn fingerprint(net: &Network) -> Vec<String> {
    let mut out: Vec<String> = net
        .pods
        .iter()
        .map(|p| {
            let w = net
                .workloads
                .get(p.workload)
                .map(|w| (&w.namespace, &w.name, &w.kind));
            format!(
                "pod {}|{:?}|{:?}|{:?}|{w:?}",
                p.namespace, p.labels, p.named_ports, p.ips
            )
        })
        .chain(
            net.namespaces
                .iter()
                .map(|(ns, labels)| format!("namespace {ns}|{labels:?}")),
        )
        .chain(net.known_namespaces.iter().map(|ns| format!("known {ns}")))
        .chain(net.policies.iter().map(policy_text))
        .collect();
    out.sort_unstable();
    out
}

/// The namespaces whose own policies and labels are the same in both trees (as text, read from either
/// side), where a pod that did not change connects as it did.
fn settled_namespaces(base: &Network, head: &Network) -> HashSet<String> {
    fn policies(net: &Network) -> HashMap<&str, Vec<String>> {
        let mut by_namespace: HashMap<&str, Vec<String>> = HashMap::new();
        for p in &net.policies {
            by_namespace.entry(&p.namespace).or_default().push(policy_text(p));
        }
        for list in by_namespace.values_mut() {
            list.sort_unstable();
        }
        by_namespace
    }
    let (before, after) = (policies(base), policies(head));
    base.known_namespaces
        .intersection(&head.known_namespaces)
        .filter(|ns| {
            before.get(ns.as_str()) == after.get(ns.as_str())
                && base.namespaces.get(ns.as_str()) == head.namespaces.get(ns.as_str())
        })
        .cloned()
        .collect()
}

/// A policy as it decides connections, wherever it was read.
fn policy_text(policy: &NetworkPolicy) -> String {
    let unplaced = NetworkPolicy {
        object: None,
        ..policy.clone()
    };
    format!("policy {unplaced:?}")
}

pub(super) fn compare(base: &Report, head: &Report) -> SetChanges<ConnectionChange> {
    let ((base_net, _), (head_net, _)) = rayon::join(
        || network_of(&base.inventory, false),
        || network_of(&head.inventory, false),
    );
    // Most changes leave pods, namespaces and policies alone: then nothing needs listing.
    if fingerprint(&base_net) == fingerprint(&head_net) {
        return SetChanges {
            added: Vec::new(),
            removed: Vec::new(),
        };
    }
    between_networks(&base_net, &head_net)
}

/// The connections of `head_net` that `base_net` lacks, and the other way round.
fn between_networks(base_net: &Network, head_net: &Network) -> SetChanges<ConnectionChange> {
    let (base, head) = rayon::join(|| Classed::new(base_net), || Classed::new(head_net));
    let groups = groups(&base, &head, &settled_namespaces(base_net, head_net));
    let ((mut removed, mut added), (before, after)) = rayon::join(
        || changed_pairs(&base, &head, &groups),
        || rayon::join(|| base.outside(), || head.outside()),
    );
    let change = |(src, dst, conns): &(String, String, String)| ConnectionChange {
        src: src.clone(),
        dst: dst.clone(),
        conns: conns.clone(),
    };
    added.extend(after.difference(&before).map(change));
    removed.extend(before.difference(&after).map(change));
    added.sort();
    removed.sort();
    SetChanges { added, removed }
}

#[cfg(test)]
mod tests;
