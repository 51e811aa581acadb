//! Shortest paths over the attack graph: toward a set of targets from every vertex at once (a breadth-first
//! search over the edges in reverse, as the scan rules need), or forward from one start with lateral
//! network moves (as `paths` and `blast-radius` need). Steps into a hub and out of it count as one.

use std::collections::VecDeque;
use std::sync::Arc;

use super::graph::{EdgeKind, Evidence, Evidences, Graph};

/// One step of a path: hubs merged into the step that enters them.
#[derive(Debug, Clone)]
pub struct Step {
    /// How.
    pub kind: EdgeKind,
    /// From (a vertex number).
    pub from: u32,
    /// To.
    pub to: u32,
    /// Why.
    pub evidence: Evidences,
}

/// A path: its steps in order.
#[derive(Debug, Clone, Default)]
pub struct Path {
    /// The steps.
    pub steps: Vec<Step>,
}

impl Path {
    fn push(&mut self, kind: EdgeKind, from: u32, to: u32, evidence: &Evidences) {
        match self.steps.last_mut() {
            Some(last) if kind == EdgeKind::Member => last.to = to,
            _ => self.steps.push(Step {
                kind,
                from,
                to,
                evidence: Arc::clone(evidence),
            }),
        }
    }
}

const NONE: u32 = u32::MAX;

/// Every vertex's distance to the nearest target, and its first edge on a shortest way there.
#[derive(Debug)]
pub struct Toward {
    dist: Vec<u32>,
    next: Vec<u32>,
}

/// Distances toward `targets` over the graph's edges, at most `max_steps` steps.
#[must_use]
pub fn toward(graph: &Graph, targets: &[u32], max_steps: u32) -> Toward {
    let n = graph.vertices.len();
    let (mut dist, mut next) = (vec![NONE; n], vec![NONE; n]);
    let mut queue: VecDeque<u32> = VecDeque::new();
    for &t in targets {
        dist[t as usize] = 0;
        queue.push_back(t);
    }
    while let Some(v) = queue.pop_front() {
        let d = dist[v as usize];
        for &e in &graph.into[v as usize] {
            let edge = &graph.edges[e as usize];
            let nd = d + edge.weight();
            if nd > max_steps || nd >= dist[edge.from as usize] {
                continue;
            }
            dist[edge.from as usize] = nd;
            next[edge.from as usize] = e;
            if edge.weight() == 0 {
                queue.push_front(edge.from);
            } else {
                queue.push_back(edge.from);
            }
        }
    }
    Toward { dist, next }
}

impl Toward {
    /// The number of steps from `from` to the nearest target.
    #[must_use]
    pub fn steps(&self, from: u32) -> Option<u32> {
        self.dist.get(from as usize).copied().filter(|&d| d != NONE)
    }

    /// A shortest path from `from` to the nearest target (empty when `from` is one).
    #[must_use]
    pub fn path(&self, graph: &Graph, from: u32) -> Option<Path> {
        self.steps(from)?;
        let mut path = Path::default();
        let mut at = from;
        while self.next[at as usize] != NONE {
            let edge = &graph.edges[self.next[at as usize] as usize];
            path.push(edge.kind, edge.from, edge.to, &edge.evidence);
            at = edge.to;
        }
        Some(path)
    }
}

/// How a forward search reached a vertex.
#[derive(Debug, Clone, Copy)]
enum Via {
    Edge(u32),
    Lateral(u32),
}

/// Everything reachable from one start, with a shortest way to each.
#[derive(Debug)]
pub struct Reach {
    /// Steps from the start, `u32::MAX` where unreached.
    pub dist: Vec<u32>,
    via: Vec<Option<Via>>,
    network: Evidences,
}

/// The vertices reachable from `start` within `max_steps`; `lateral` adds the extra moves out of a vertex
/// (network moves between workloads) that the graph does not hold. When `until` is not empty the search
/// stops once the shortest way to each of its vertices is known (or none exists).
pub fn reach(
    graph: &Graph,
    start: u32,
    max_steps: u32,
    until: &[u32],
    lateral: &mut dyn FnMut(u32, &mut Vec<u32>),
) -> Reach {
    let n = graph.vertices.len();
    let mut dist = vec![NONE; n];
    let mut via: Vec<Option<Via>> = vec![None; n];
    let mut settled = vec![false; n];
    let mut open_ends = until.len();
    let mut is_end = vec![false; n];
    for &v in until {
        is_end[v as usize] = true;
    }
    let mut queue: VecDeque<u32> = VecDeque::from([start]);
    dist[start as usize] = 0;
    let mut moves = Vec::new();
    while let Some(v) = queue.pop_front() {
        if std::mem::replace(&mut settled[v as usize], true) {
            continue;
        }
        if is_end[v as usize] {
            is_end[v as usize] = false;
            open_ends -= 1;
            if open_ends == 0 {
                break;
            }
        }
        let d = dist[v as usize];
        let mut visit = |to: u32, weight: u32, how: Via, queue: &mut VecDeque<u32>| {
            let nd = d + weight;
            if nd > max_steps || nd >= dist[to as usize] {
                return;
            }
            dist[to as usize] = nd;
            via[to as usize] = Some(how);
            if weight == 0 {
                queue.push_front(to);
            } else {
                queue.push_back(to);
            }
        };
        for &e in &graph.out[v as usize] {
            let edge = &graph.edges[e as usize];
            visit(edge.to, edge.weight(), Via::Edge(e), &mut queue);
        }
        if d < max_steps {
            moves.clear();
            lateral(v, &mut moves);
            for &to in &moves {
                visit(to, 1, Via::Lateral(v), &mut queue);
            }
        }
    }
    let network: Evidences = Arc::from(vec![Evidence::fact(
        "the NetworkPolicies admit connections from its pods to theirs (`blastwall reach` shows which)",
    )]);
    Reach { dist, via, network }
}

impl Reach {
    /// Whether `v` was reached.
    #[must_use]
    pub fn reached(&self, v: u32) -> bool {
        self.dist[v as usize] != NONE
    }

    /// A shortest path from the start to `to`.
    #[must_use]
    pub fn path(&self, graph: &Graph, to: u32) -> Option<Path> {
        if !self.reached(to) {
            return None;
        }
        let mut edges: Vec<(EdgeKind, u32, u32, Evidences)> = Vec::new();
        let mut at = to;
        while let Some(how) = &self.via[at as usize] {
            let (kind, from, evidence) = match how {
                Via::Edge(e) => {
                    let edge = &graph.edges[*e as usize];
                    (edge.kind, edge.from, Arc::clone(&edge.evidence))
                }
                Via::Lateral(from) => (EdgeKind::Network, *from, Arc::clone(&self.network)),
            };
            edges.push((kind, from, at, evidence));
            at = from;
        }
        let mut path = Path::default();
        for (kind, from, to, evidence) in edges.iter().rev() {
            path.push(*kind, *from, *to, evidence);
        }
        Some(path)
    }

    /// The step that reached `v` (through hubs, the step into the first hub): its kind and evidence.
    fn step(&self, graph: &Graph, v: u32) -> Option<(EdgeKind, Evidences)> {
        let mut at = v;
        loop {
            match self.via[at as usize].as_ref()? {
                Via::Edge(e) => {
                    let edge = &graph.edges[*e as usize];
                    if edge.kind != EdgeKind::Member {
                        return Some((edge.kind, Arc::clone(&edge.evidence)));
                    }
                    at = edge.from;
                }
                Via::Lateral(_) => return Some((EdgeKind::Network, Arc::clone(&self.network))),
            }
        }
    }

    /// The kind of the step that reached `v`.
    #[must_use]
    pub fn step_kind(&self, graph: &Graph, v: u32) -> Option<EdgeKind> {
        self.step(graph, v).map(|(kind, _)| kind)
    }

    /// The evidence of the step that reached `v`.
    #[must_use]
    pub fn step_evidence(&self, graph: &Graph, v: u32) -> Vec<Evidence> {
        self.step(graph, v).map(|(_, e)| e.to_vec()).unwrap_or_default()
    }

    /// The vertex each reached vertex was reached from (`None` for the start and the unreached).
    #[must_use]
    pub fn parent(&self, graph: &Graph, v: u32) -> Option<u32> {
        self.via[v as usize].as_ref().map(|how| match how {
            Via::Edge(e) => graph.edges[*e as usize].from,
            Via::Lateral(from) => *from,
        })
    }
}
