//! The attack graph: one graph over the network, RBAC, Pod Security and the node, whose edges say how an
//! attacker standing on one position (the internet, a workload, an identity, a node) gains the next, each
//! with the objects and fields that allow it. Paths to cluster-admin power, to nodes and to Secrets, and the
//! blast radius of one compromised workload, are searches over it. See docs/attack-graph.md.

mod build;
mod describe;
mod escape;
mod grants;
mod graph;
mod network_moves;
mod permission_edges;
mod query;
mod search;
mod workload_edges;
mod world;

pub use build::{AttackGraph, Inputs};
pub use describe::{label, one_line};
pub use escape::{escapes, Escape};
pub use graph::{Edge, EdgeKind, Evidence, Evidences, Graph, RoleKey, Vertex};
pub use network_moves::NetworkMoves;
pub use query::{end_vertices, paths_to, reach_from, start_vertex, workload_named, End, NameError, Start};
pub use search::{reach, toward, Path, Reach, Step, Toward};
pub use world::EXEC_NEEDS_CREATE_FROM;

/// The longest path the searches follow, in steps.
pub const MAX_STEPS: u32 = 8;
