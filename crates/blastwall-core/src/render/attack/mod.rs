//! The answers of `paths` and `blast-radius`: each step with its kind, its two ends and its evidence at
//! file:line:column, as text, JSON, Graphviz DOT or Mermaid.

pub mod blast_radius;
pub mod paths;

use serde_json::{json, Value};

use crate::analysis::attack::{Evidence, Graph};
use crate::model::Inventory;

/// Where a piece of evidence is written: `file:line:column`, when it is a field of an input.
fn location(inventory: &Inventory, evidence: &Evidence) -> Option<String> {
    let object = inventory.object(evidence.object?);
    let span = evidence.path.locate(&object.root);
    Some(format!(
        "{}:{}:{}",
        inventory.source(object.source).name,
        span.line + 1,
        span.column + 1
    ))
}

/// Evidence as JSON: `{"object","path","location","note"}`.
fn evidence_json(inventory: &Inventory, evidence: &Evidence) -> Value {
    json!({
        "object": evidence.object.map(|id| inventory.object(id).oref.to_string()),
        "path": evidence.object.map(|_| evidence.path.to_string()),
        "location": location(inventory, evidence),
        "note": evidence.note,
    })
}

/// Evidence on one line of text.
fn evidence_line(inventory: &Inventory, evidence: &Evidence) -> String {
    match location(inventory, evidence) {
        Some(at) => format!("{} ({at}, {})", evidence.note, evidence.path),
        None => evidence.note.clone(),
    }
}

/// A vertex's label, quoted for DOT and Mermaid.
fn quoted(graph: &Graph, inventory: &Inventory, v: u32) -> String {
    crate::analysis::attack::label(&graph.vertices[v as usize], inventory).replace('"', "'")
}
