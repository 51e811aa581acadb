//! Lateral movement: the workloads whose pods the pods of one workload may open a connection to, as the
//! NetworkPolicies of the inputs decide (any port, any protocol). Computed on demand while a search leaves
//! workloads, from the connectivity matrix's classes: destinations no policy isolates for ingress are open
//! to every source whose egress is not isolated, so a search adds them once, from the first such source
//! (the nearest, as searches go breadth first); other pairs are decided one by one.

use std::collections::{HashMap, HashSet};

use crate::analysis::netpol::{Matrix, Network};
use crate::model::ObjectId;

/// The workloads each workload can reach over the network.
pub struct NetworkMoves<'n> {
    matrix: Matrix<'n>,
    classes_of: HashMap<ObjectId, Vec<usize>>,
    objects_in: Vec<Vec<ObjectId>>,
    /// Classes with workloads that no policy isolates for ingress.
    open: Vec<usize>,
    /// Classes with workloads that a policy isolates for ingress.
    guarded: Vec<usize>,
}

/// What one search has already expanded.
#[derive(Debug, Default)]
pub struct Expanded {
    classes: HashSet<usize>,
    open_added: bool,
}

impl<'n> NetworkMoves<'n> {
    /// The moves of `net`.
    #[must_use]
    pub fn new(net: &'n Network) -> Self {
        let matrix = Matrix::new(net);
        let mut classes_of: HashMap<ObjectId, Vec<usize>> = HashMap::new();
        let mut objects_in: Vec<Vec<ObjectId>> = vec![Vec::new(); matrix.classes.len()];
        for (pod, &class) in net.pods.iter().zip(&matrix.class_of_pod) {
            if let Some(object) = pod.object {
                let classes = classes_of.entry(object).or_default();
                if !classes.contains(&class) {
                    classes.push(class);
                }
                if !objects_in[class].contains(&object) {
                    objects_in[class].push(object);
                }
            }
        }
        let (guarded, open): (Vec<usize>, Vec<usize>) = (0..objects_in.len())
            .filter(|&c| !objects_in[c].is_empty())
            .partition(|&c| matrix.isolated_for_ingress(c));
        Self {
            matrix,
            classes_of,
            objects_in,
            open,
            guarded,
        }
    }

    /// The workloads `from`'s pods may open a connection to that this search has not been given yet.
    #[must_use]
    pub fn from(&self, from: ObjectId, expanded: &mut Expanded) -> Vec<ObjectId> {
        let mut out = Vec::new();
        for &source in self.classes_of.get(&from).into_iter().flatten() {
            if !expanded.classes.insert(source) {
                continue;
            }
            let free_egress = !self.matrix.isolated_for_egress(source);
            let destinations: Box<dyn Iterator<Item = &usize>> = if free_egress {
                if expanded.open_added {
                    Box::new(self.guarded.iter())
                } else {
                    expanded.open_added = true;
                    out.extend(self.open.iter().flat_map(|&d| self.objects_in[d].iter().copied()));
                    Box::new(self.guarded.iter())
                }
            } else {
                Box::new(self.open.iter().chain(&self.guarded))
            };
            for &destination in destinations {
                if !self.matrix.between(source, destination).is_empty() {
                    out.extend(self.objects_in[destination].iter().copied());
                }
            }
        }
        out.retain(|o| *o != from);
        out.sort_unstable();
        out.dedup();
        out
    }
}
