//! Connections added and removed: every connection the NetworkPolicies of each tree allow (the connlist),
//! compared as (source, destination, connections). When what decides connections (pods, namespaces,
//! policies) is the same in both trees, nothing is listed; otherwise names are numbered once for both
//! trees, so a large connlist (millions of pairs where few policies isolate) compares as sets of small keys.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::sides::SetChanges;
use crate::analysis::netpol::{connlist, network_of, Network, NetworkPolicy, Side};
use crate::engine::Report;
use crate::render::connlist::side_text;

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

/// Texts numbered once: sides and connection sets.
#[derive(Default)]
struct Names {
    ids: HashMap<String, u32>,
    texts: Vec<String>,
}

impl Names {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.push(text.to_owned());
        self.ids.insert(text.to_owned(), id);
        id
    }
}

type Key = (u32, u32, u32);

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
        .chain(net.policies.iter().map(|p| {
            let unplaced = NetworkPolicy {
                object: None,
                ..p.clone()
            };
            format!("policy {unplaced:?}")
        }))
        .collect();
    out.sort_unstable();
    out
}

/// One tree's connections, numbered by its own names.
fn connections(net: &Network) -> (Names, HashSet<Key>) {
    let mut names = Names::default();
    let mut workload_ids: HashMap<usize, u32> = HashMap::new();
    let keys = connlist(net)
        .into_iter()
        .map(|c| {
            let mut side = |s: &Side| match s {
                Side::Workload(w) => *workload_ids
                    .entry(*w)
                    .or_insert_with(|| names.id(&side_text(net, s))),
                Side::Outside(_) => names.id(&side_text(net, s)),
            };
            let (src, dst) = (side(&c.src), side(&c.dst));
            (src, dst, names.id(&c.conns.to_string()))
        })
        .collect();
    (names, keys)
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
    // Each tree's connlist is worked out on its own core; then HEAD's names are renumbered as BASE's.
    let ((mut names, before), (head_names, after)) =
        rayon::join(|| connections(&base_net), || connections(&head_net));
    let renumber: Vec<u32> = head_names.texts.iter().map(|t| names.id(t)).collect();
    let after: HashSet<Key> = after
        .into_iter()
        .map(|(s, d, c)| (renumber[s as usize], renumber[d as usize], renumber[c as usize]))
        .collect();
    let text = |&(src, dst, conns): &Key| ConnectionChange {
        src: names.texts[src as usize].clone(),
        dst: names.texts[dst as usize].clone(),
        conns: names.texts[conns as usize].clone(),
    };
    let mut added: Vec<ConnectionChange> = after.difference(&before).map(text).collect();
    let mut removed: Vec<ConnectionChange> = before.difference(&after).map(text).collect();
    added.sort();
    removed.sort();
    SetChanges { added, removed }
}
