//! `blastwall paths`: the shortest paths from one start, each step with its kind, its two ends and the
//! evidence that allows it.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde_json::json;

use super::{evidence_json, evidence_line, quoted};
use crate::analysis::attack::{label, Graph, Path};
use crate::model::Inventory;

/// The forms of the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Numbered steps with their evidence.
    Text,
    /// `{"schema_version":1,"paths":[{"steps":[...]}]}`.
    Json,
    /// A Graphviz digraph of every path.
    Dot,
    /// A Mermaid flowchart of every path.
    Mermaid,
}

/// Writes `paths` in `format`.
///
/// # Errors
/// When writing fails.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    graph: &Graph,
    inventory: &Inventory,
    paths: &[Path],
) -> io::Result<()> {
    match format {
        Format::Text => text(out, graph, inventory, paths),
        Format::Json => {
            let paths: Vec<_> = paths
                .iter()
                .map(|p| {
                    let steps: Vec<_> = p
                        .steps
                        .iter()
                        .map(|s| {
                            json!({
                                "kind": s.kind.as_str(),
                                "from": label(&graph.vertices[s.from as usize], inventory),
                                "to": label(&graph.vertices[s.to as usize], inventory),
                                "evidence": s.evidence.iter().map(|e| evidence_json(inventory, e)).collect::<Vec<_>>(),
                            })
                        })
                        .collect();
                    json!({"steps": steps})
                })
                .collect();
            let answer = json!({"schema_version": 1, "paths": paths});
            serde_json::to_writer_pretty(&mut *out, &answer)?;
            writeln!(out)
        }
        Format::Dot | Format::Mermaid => diagram(out, format, graph, inventory, paths),
    }
}

fn text(out: &mut dyn Write, graph: &Graph, inventory: &Inventory, paths: &[Path]) -> io::Result<()> {
    if paths.is_empty() {
        return writeln!(out, "no path");
    }
    for (i, path) in paths.iter().enumerate() {
        let (Some(first), Some(last)) = (path.steps.first(), path.steps.last()) else {
            continue;
        };
        let steps = path.steps.len();
        writeln!(
            out,
            "path {}: {} to {} in {steps} step{}",
            i + 1,
            label(&graph.vertices[first.from as usize], inventory),
            label(&graph.vertices[last.to as usize], inventory),
            if steps == 1 { "" } else { "s" }
        )?;
        for (n, step) in path.steps.iter().enumerate() {
            writeln!(
                out,
                "  {}. {}: {} -> {}",
                n + 1,
                step.kind.as_str(),
                label(&graph.vertices[step.from as usize], inventory),
                label(&graph.vertices[step.to as usize], inventory)
            )?;
            for e in step.evidence.iter() {
                writeln!(out, "       {}", evidence_line(inventory, e))?;
            }
        }
    }
    Ok(())
}

fn diagram(
    out: &mut dyn Write,
    format: Format,
    graph: &Graph,
    inventory: &Inventory,
    paths: &[Path],
) -> io::Result<()> {
    let steps: BTreeSet<(u32, u32, &str)> = paths
        .iter()
        .flat_map(|p| &p.steps)
        .map(|s| (s.from, s.to, s.kind.as_str()))
        .collect();
    let vertices: BTreeSet<u32> = steps.iter().flat_map(|(a, b, _)| [*a, *b]).collect();
    if format == Format::Dot {
        writeln!(out, "digraph paths {{\n  rankdir=LR;")?;
        for v in &vertices {
            writeln!(out, "  v{v} [label=\"{}\"];", quoted(graph, inventory, *v))?;
        }
        for (a, b, kind) in &steps {
            writeln!(out, "  v{a} -> v{b} [label=\"{kind}\"];")?;
        }
        writeln!(out, "}}")
    } else {
        writeln!(out, "flowchart LR")?;
        for v in &vertices {
            writeln!(out, "  v{v}[\"{}\"]", quoted(graph, inventory, *v))?;
        }
        for (a, b, kind) in &steps {
            writeln!(out, "  v{a} -->|{kind}| v{b}")?;
        }
        Ok(())
    }
}
