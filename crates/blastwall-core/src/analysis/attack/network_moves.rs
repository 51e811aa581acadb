//! Lateral movement: the workloads whose pods the pods of one workload may open a connection to, as the
//! NetworkPolicies of the inputs decide (any port, any protocol), landing in their running containers.
//! Computed on demand while a search leaves workloads, from the connectivity matrix's classes of pods. A
//! breadth-first search leaves its sources nearest first, so the first source that reaches a class reaches
//! it by a shortest way: each class is handed out once per search, and later sources only try the classes
//! nobody has reached yet.

use std::collections::HashMap;

use super::graph::{Graph, Vertex};
use crate::analysis::netpol::{Matrix, Network};

/// The workloads each workload can reach over the network, as vertices of one graph.
pub struct NetworkMoves<'n> {
    matrix: Matrix<'n>,
    /// The classes of each workload vertex's pods.
    classes_of: HashMap<u32, Vec<usize>>,
    /// The vertices a connection into each class lands on: its workloads' serving vertices where they have
    /// one, else the workloads.
    vertices_in: Vec<Vec<u32>>,
    /// Each workload's vertex and its serving vertex, one to the other: a workload's own pods are no move.
    twin: HashMap<u32, u32>,
}

/// What one search has handed out already.
#[derive(Debug)]
pub struct Expanded {
    /// The classes whose moves were taken.
    left: Vec<bool>,
    /// The classes with workloads that no source has reached yet.
    unreached: Vec<usize>,
}

impl<'n> NetworkMoves<'n> {
    /// The moves of `net` between the workload vertices of `graph`.
    #[must_use]
    pub fn new(net: &'n Network, graph: &Graph) -> Self {
        Self::with_matrix(Matrix::new(net), net, graph)
    }

    /// The same, with `net`'s matrix already made (`Matrix::new(net)`, beside the graph).
    #[must_use]
    pub fn with_matrix(matrix: Matrix<'n>, net: &'n Network, graph: &Graph) -> Self {
        let mut classes_of: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut vertices_in: Vec<Vec<u32>> = vec![Vec::new(); matrix.classes.len()];
        let mut twin: HashMap<u32, u32> = HashMap::new();
        for (pod, &class) in net.pods.iter().zip(&matrix.class_of_pod) {
            let Some(object) = pod.object else {
                continue;
            };
            let Some(whole) = graph.find(&Vertex::Workload(object)) else {
                continue;
            };
            let serving = graph.find(&Vertex::Serving(object));
            if let Some(serving) = serving {
                twin.insert(whole, serving);
                twin.insert(serving, whole);
            }
            for v in [Some(whole), serving].into_iter().flatten() {
                let classes = classes_of.entry(v).or_default();
                if !classes.contains(&class) {
                    classes.push(class);
                }
            }
            let landing = serving.unwrap_or(whole);
            if !vertices_in[class].contains(&landing) {
                vertices_in[class].push(landing);
            }
        }
        Self {
            matrix,
            classes_of,
            vertices_in,
            twin,
        }
    }

    /// The state of a new search.
    #[must_use]
    pub fn search(&self) -> Expanded {
        Expanded {
            left: vec![false; self.vertices_in.len()],
            unreached: (0..self.vertices_in.len())
                .filter(|&c| !self.vertices_in[c].is_empty())
                .collect(),
        }
    }

    /// Adds to `out` the workload vertices `from`'s pods may open a connection to that this search has not
    /// handed out yet.
    pub fn from(&self, from: u32, expanded: &mut Expanded, out: &mut Vec<u32>) {
        let twin = self.twin.get(&from).copied();
        for &source in self.classes_of.get(&from).into_iter().flatten() {
            if std::mem::replace(&mut expanded.left[source], true) {
                continue;
            }
            expanded.unreached.retain(|&destination| {
                if self.matrix.between(source, destination).is_empty() {
                    return true;
                }
                out.extend(
                    self.vertices_in[destination]
                        .iter()
                        .filter(|&&v| v != from && Some(v) != twin),
                );
                false
            });
        }
    }
}
