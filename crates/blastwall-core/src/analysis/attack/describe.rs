//! Vertices and paths in words, as findings, `paths` and `blast-radius` print them.

use std::fmt::Write as _;

use super::graph::{Graph, Vertex};
use super::search::Path;
use crate::analysis::rbac::SubjectKey;
use crate::model::{Inventory, ObjectId};

/// A vertex's name: `internet`, `Deployment shop/web`, `service account shop/web`, `cluster-admin`...
#[must_use]
pub fn label(vertex: &Vertex, inventory: &Inventory) -> String {
    match vertex {
        Vertex::Internet => "internet".to_owned(),
        Vertex::Workload(id) => workload(*id, inventory),
        Vertex::Serving(id) => format!("{} (running containers)", workload(*id, inventory)),
        Vertex::Identity(SubjectKey::ServiceAccount(ns, name)) => format!("service account {ns}/{name}"),
        Vertex::Identity(SubjectKey::User(name)) => format!("user {name}"),
        Vertex::Identity(SubjectKey::Group(name)) => format!("group {name}"),
        Vertex::Holding { role, namespace } => {
            let what = role
                .as_ref()
                .map_or_else(|| "every permission".to_owned(), ToString::to_string);
            match namespace.as_deref() {
                None => format!("{what} cluster-wide"),
                Some("*") => format!("{what} in a namespace of its choice"),
                Some(ns) => format!("{what} in namespace {ns}"),
            }
        }
        Vertex::Node => "a node".to_owned(),
        Vertex::Secrets(None) => "every Secret".to_owned(),
        Vertex::Secrets(Some(ns)) => format!("the Secrets of namespace {ns}"),
        Vertex::ClusterAdmin => "cluster-admin".to_owned(),
        Vertex::AccountsOf(None) => "any service account".to_owned(),
        Vertex::AccountsOf(Some(ns)) => format!("any service account of {ns}"),
        Vertex::WorkloadsOf(None) => "any workload".to_owned(),
        Vertex::WorkloadsOf(Some(ns)) => format!("any workload of {ns}"),
    }
}

fn workload(id: ObjectId, inventory: &Inventory) -> String {
    let o = &inventory.object(id).oref;
    format!(
        "{} {}/{}",
        o.kind,
        o.namespace.as_deref().unwrap_or("default"),
        o.name
    )
}

/// A path on one line: `service account shop/ci -[create-pod]-> service account shop/admin -[holds]->
/// cluster-admin`.
#[must_use]
pub fn one_line(path: &Path, graph: &Graph, inventory: &Inventory) -> String {
    let Some(first) = path.steps.first() else {
        return String::new();
    };
    let mut out = label(&graph.vertices[first.from as usize], inventory);
    for step in &path.steps {
        let _ = write!(
            out,
            " -[{}]-> {}",
            step.kind.as_str(),
            label(&graph.vertices[step.to as usize], inventory)
        );
    }
    out
}
