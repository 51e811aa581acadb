//! Lateral movement: the workloads whose pods the pods of one workload may open a connection to, as the
//! NetworkPolicies of the inputs decide (any port, any protocol). Computed per workload on demand, when a
//! search leaves it, from the connectivity matrix's classes.

use std::collections::HashMap;

use crate::analysis::netpol::{Matrix, Network};
use crate::model::ObjectId;

/// The workloads each workload can reach over the network.
pub struct NetworkMoves<'n> {
    matrix: Matrix<'n>,
    classes_of: HashMap<ObjectId, Vec<usize>>,
    objects_in: Vec<Vec<ObjectId>>,
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
        Self {
            matrix,
            classes_of,
            objects_in,
        }
    }

    /// The workloads `from`'s pods may open a connection to (itself left out).
    #[must_use]
    pub fn from(&self, from: ObjectId) -> Vec<ObjectId> {
        let mut out = Vec::new();
        for &source in self.classes_of.get(&from).into_iter().flatten() {
            for (destination, objects) in self.objects_in.iter().enumerate() {
                if objects.is_empty() || self.matrix.between(source, destination).is_empty() {
                    continue;
                }
                out.extend(objects.iter().copied().filter(|o| *o != from));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
