//! The questions `paths` and `blast-radius` ask: where a search starts and ends, named as users name them
//! (`--as`, `--from internet`, `NS/WORKLOAD`, `--to cluster-admin|nodes|secrets`), and the shortest paths
//! from one start to each end it reaches.

use super::build::AttackGraph;
use super::graph::Vertex;
use super::network_moves::NetworkMoves;
use super::search::{reach, Path, Reach};
use crate::analysis::rbac::{SubjectKey, User};
use crate::model::{Inventory, ObjectId};

/// Where paths start.
#[derive(Debug, Clone)]
pub enum Start {
    /// An identity, with the groups it was given.
    Identity(User),
    /// The internet.
    Internet,
    /// A compromised workload.
    Workload(ObjectId),
}

/// Where paths end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Full power over the cluster.
    ClusterAdmin,
    /// A node.
    Nodes,
    /// Reading Secrets (of a namespace, or of every one).
    Secrets,
    /// Code running in one workload.
    Workload(ObjectId),
}

/// Why a name does not name a workload.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Nothing matches.
    #[error("no workload `{0}` among the inputs (write NAMESPACE/NAME or NAMESPACE/KIND/NAME)")]
    NotFound(String),
    /// Several match.
    #[error("`{0}` names several workloads: {1}; write NAMESPACE/KIND/NAME")]
    Ambiguous(String, String),
}

/// The workload `NAMESPACE/NAME` or `NAMESPACE/KIND/NAME` names.
///
/// # Errors
/// When none or several workloads match.
pub fn workload_named(graph: &AttackGraph, inventory: &Inventory, text: &str) -> Result<ObjectId, NameError> {
    let parts: Vec<&str> = text.split('/').collect();
    let (ns, kind, name) = match parts.as_slice() {
        [ns, name] => (*ns, None, *name),
        [ns, kind, name] => (*ns, Some(*kind), *name),
        _ => return Err(NameError::NotFound(text.to_owned())),
    };
    let found: Vec<ObjectId> = graph
        .workloads
        .get(ns)
        .into_iter()
        .flatten()
        .copied()
        .filter(|id| {
            let o = &inventory.object(*id).oref;
            o.name == name && kind.is_none_or(|k| o.kind.eq_ignore_ascii_case(k))
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(NameError::NotFound(text.to_owned())),
        many => Err(NameError::Ambiguous(
            text.to_owned(),
            many.iter()
                .map(|id| inventory.object(*id).oref.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        )),
    }
}

/// The vertex a search starts from (added for an identity the graph does not know).
#[must_use]
pub fn start_vertex(graph: &mut AttackGraph, start: &Start) -> u32 {
    let v = match start {
        Start::Identity(user) => Vertex::Identity(SubjectKey::of_user(&user.name)),
        Start::Internet => Vertex::Internet,
        Start::Workload(id) => Vertex::Workload(*id),
    };
    graph.graph.vertex(v)
}

/// The vertices an end stands for.
#[must_use]
pub fn end_vertices(graph: &AttackGraph, end: End) -> Vec<u32> {
    let g = &graph.graph;
    (0..g.vertices.len())
        .filter(|&i| match (&g.vertices[i], end) {
            (Vertex::ClusterAdmin, End::ClusterAdmin)
            | (Vertex::Node, End::Nodes)
            | (Vertex::Secrets(_), End::Secrets) => true,
            (Vertex::Workload(id) | Vertex::Serving(id), End::Workload(target)) => *id == target,
            _ => false,
        })
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect()
}

/// Everything reachable from `start` within `max_steps`, lateral network moves included; when `until` is not
/// empty, the search stops once the shortest way to each of its vertices is known.
#[must_use]
pub fn reach_from(
    graph: &AttackGraph,
    start: u32,
    max_steps: u32,
    moves: &NetworkMoves<'_>,
    until: &[u32],
) -> Reach {
    let mut expanded = moves.search();
    let mut lateral = |v: u32, out: &mut Vec<u32>| moves.from(v, &mut expanded, out);
    reach(&graph.graph, start, max_steps, until, &mut lateral)
}

/// The shortest path from the start of `reached` to each vertex of `ends` it reaches, shortest first; a
/// workload reached both as a whole and in its running containers counts once, by the shorter path.
#[must_use]
pub fn paths_to(graph: &AttackGraph, reached: &Reach, ends: &[u32]) -> Vec<Path> {
    let mut out: Vec<(Path, u32)> = ends
        .iter()
        .filter_map(|&end| Some((reached.path(&graph.graph, end)?, end)))
        .collect();
    out.sort_by_key(|(p, _)| p.steps.len());
    let mut workloads_seen = std::collections::HashSet::new();
    out.retain(|(_, end)| match &graph.graph.vertices[*end as usize] {
        Vertex::Workload(id) | Vertex::Serving(id) => workloads_seen.insert(*id),
        _ => true,
    });
    out.into_iter().map(|(p, _)| p).collect()
}
