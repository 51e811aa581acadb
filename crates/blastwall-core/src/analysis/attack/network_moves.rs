//! Lateral movement: the workloads whose pods the pods of one workload may open a connection to, as the
//! NetworkPolicies of the inputs decide (any port, any protocol). Computed on demand while a search leaves
//! workloads, from the connectivity matrix's classes of pods. A breadth-first search leaves its sources
//! nearest first, so the first source that reaches a class reaches it by a shortest way: each class is
//! handed out once per search, and later sources only try the classes nobody has reached yet.

use std::collections::HashMap;

use super::graph::{Graph, Vertex};
use crate::analysis::netpol::{Matrix, Network};

/// The workloads each workload can reach over the network, as vertices of one graph.
pub struct NetworkMoves<'n> {
    matrix: Matrix<'n>,
    /// The classes of each workload vertex's pods.
    classes_of: HashMap<u32, Vec<usize>>,
    /// The workload vertices of each class.
    vertices_in: Vec<Vec<u32>>,
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
        for (pod, &class) in net.pods.iter().zip(&matrix.class_of_pod) {
            let Some(v) = pod.object.and_then(|o| graph.find(&Vertex::Workload(o))) else {
                continue;
            };
            let classes = classes_of.entry(v).or_default();
            if !classes.contains(&class) {
                classes.push(class);
            }
            if !vertices_in[class].contains(&v) {
                vertices_in[class].push(v);
            }
        }
        Self {
            matrix,
            classes_of,
            vertices_in,
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
        for &source in self.classes_of.get(&from).into_iter().flatten() {
            if std::mem::replace(&mut expanded.left[source], true) {
                continue;
            }
            expanded.unreached.retain(|&destination| {
                if self.matrix.between(source, destination).is_empty() {
                    return true;
                }
                out.extend(self.vertices_in[destination].iter().filter(|&&v| v != from));
                false
            });
        }
    }
}
