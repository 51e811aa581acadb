//! `blastwall blast-radius`: everything one compromised workload reaches, with a one-line verdict first,
//! then the shortest-path tree (hubs left out), as text or JSON.

use std::io::{self, Write};

use serde_json::json;

use super::evidence_json;
use crate::analysis::attack::{label, Graph, Reach, Vertex};
use crate::model::Inventory;

/// What the start reaches, by kind of vertex.
#[derive(Debug, Default)]
struct Reached {
    workloads: Vec<u32>,
    identities: Vec<u32>,
    secrets: Vec<u32>,
    node: bool,
    cluster_admin: Option<u32>,
}

fn reached(graph: &Graph, reach: &Reach, start: u32) -> Reached {
    let mut r = Reached::default();
    for (i, v) in graph.vertices.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        if i == start || !reach.reached(i) {
            continue;
        }
        match v {
            Vertex::Workload(_) => r.workloads.push(i),
            // Counted once: as the whole workload when that was reached too.
            Vertex::Serving(id) => {
                let whole = graph.find(&Vertex::Workload(*id));
                if whole.is_none_or(|w| !reach.reached(w)) {
                    r.workloads.push(i);
                }
            }
            Vertex::Identity(_) => r.identities.push(i),
            Vertex::Secrets(_) => r.secrets.push(i),
            Vertex::Node => r.node = true,
            Vertex::ClusterAdmin => r.cluster_admin = Some(reach.dist[i as usize]),
            _ => {}
        }
    }
    r
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn verdict(graph: &Graph, inventory: &Inventory, reach: &Reach, start: u32, r: &Reached) -> String {
    let who = label(&graph.vertices[start as usize], inventory);
    let parts = [
        count(r.workloads.len(), "other workload", "other workloads"),
        count(r.identities.len(), "identity", "identities"),
        count(r.secrets.len(), "set of Secrets", "sets of Secrets"),
    ];
    let node = if r.node { ", a node" } else { "" };
    match r.cluster_admin {
        Some(steps) => format!(
            "{who} reaches cluster-admin in {}: {}, {}, {}{node}",
            count(steps as usize, "step", "steps"),
            parts[0],
            parts[1],
            parts[2]
        ),
        None => format!(
            "{who} reaches {}, {}, {}{node}; not cluster-admin (within {})",
            parts[0],
            parts[1],
            parts[2],
            count(
                reach
                    .dist
                    .iter()
                    .filter(|d| **d != u32::MAX)
                    .max()
                    .copied()
                    .unwrap_or(0) as usize,
                "step",
                "steps"
            )
        ),
    }
}

/// The visible parent of `v` in the tree (hubs skipped) and the kind of the step from it.
fn parent(graph: &Graph, reach: &Reach, v: u32) -> Option<(u32, &'static str)> {
    let kind = reach.step_kind(graph, v)?;
    let mut at = reach.parent(graph, v)?;
    while graph.vertices[at as usize].is_hub() {
        at = reach.parent(graph, at)?;
    }
    Some((at, kind.as_str()))
}

/// Writes the blast radius of `start` as text (`json` false) or JSON.
///
/// # Errors
/// When writing fails.
pub fn write(
    out: &mut dyn Write,
    json: bool,
    graph: &Graph,
    inventory: &Inventory,
    reach: &Reach,
    start: u32,
) -> io::Result<()> {
    let r = reached(graph, reach, start);
    let line = verdict(graph, inventory, reach, start, &r);
    let mut children: Vec<Vec<(u32, &str)>> = vec![Vec::new(); graph.vertices.len()];
    let mut order: Vec<u32> = (0..u32::try_from(graph.vertices.len()).unwrap_or(u32::MAX))
        .filter(|&v| v != start && reach.reached(v) && !graph.vertices[v as usize].is_hub())
        .collect();
    order.sort_by_key(|&v| {
        (
            reach.dist[v as usize],
            label(&graph.vertices[v as usize], inventory),
        )
    });
    for &v in &order {
        if let Some((p, kind)) = parent(graph, reach, v) {
            children[p as usize].push((v, kind));
        }
    }
    if json {
        let names = |list: &[u32]| -> Vec<String> {
            list.iter()
                .map(|&v| label(&graph.vertices[v as usize], inventory))
                .collect()
        };
        let tree: Vec<_> = order
            .iter()
            .filter_map(|&v| {
                let (p, kind) = parent(graph, reach, v)?;
                let evidence: Vec<_> = reach
                    .step_evidence(graph, v)
                    .iter()
                    .map(|e| evidence_json(inventory, e))
                    .collect();
                Some(json!({
                    "vertex": label(&graph.vertices[v as usize], inventory),
                    "parent": label(&graph.vertices[p as usize], inventory),
                    "kind": kind,
                    "steps": reach.dist[v as usize],
                    "evidence": evidence,
                }))
            })
            .collect();
        let answer = json!({
            "schema_version": 1,
            "start": label(&graph.vertices[start as usize], inventory),
            "verdict": line,
            "reached": {
                "workloads": names(&r.workloads),
                "identities": names(&r.identities),
                "secrets": names(&r.secrets),
                "node": r.node,
                "cluster_admin": r.cluster_admin.is_some(),
            },
            "tree": tree,
        });
        serde_json::to_writer_pretty(&mut *out, &answer)?;
        return writeln!(out);
    }
    writeln!(out, "{line}")?;
    writeln!(out, "{}", label(&graph.vertices[start as usize], inventory))?;
    branch(out, graph, inventory, &children, start, "")
}

fn branch(
    out: &mut dyn Write,
    graph: &Graph,
    inventory: &Inventory,
    children: &[Vec<(u32, &str)>],
    v: u32,
    prefix: &str,
) -> io::Result<()> {
    let kids = &children[v as usize];
    for (i, (child, kind)) in kids.iter().enumerate() {
        let last = i + 1 == kids.len();
        let (mark, more) = if last {
            ("└─", "   ")
        } else {
            ("├─", "│  ")
        };
        writeln!(
            out,
            "{prefix}{mark} [{kind}] {}",
            label(&graph.vertices[*child as usize], inventory)
        )?;
        branch(
            out,
            graph,
            inventory,
            children,
            *child,
            &format!("{prefix}{more}"),
        )?;
    }
    Ok(())
}
