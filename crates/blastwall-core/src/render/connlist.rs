//! The `connlist` report: every connection the NetworkPolicies allow, as text (`src => dst : connections`),
//! JSON (streamed: the list can hold millions of rows), DOT, Markdown or CSV, in byte order of the sides'
//! names.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde_json::{json, Value};

use crate::analysis::netpol::{Connection, Conns, IpSet, NetPod, Network, Protocol, Side};

/// The forms of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnlistFormat {
    /// `src => dst : connections`, one per line.
    Text,
    /// `{"schema_version": 1, "connections": [...]}`.
    Json,
    /// A Graphviz graph, one cluster per namespace.
    Dot,
    /// A Markdown table.
    Md,
    /// `src,dst,conn`.
    Csv,
}

/// How text forms name a side: `namespace/name[Kind]` or `first-last[External]`.
#[must_use]
pub fn side_text(net: &Network, side: &Side) -> String {
    match side {
        Side::Workload(w) => {
            let w = &net.workloads[*w];
            format!("{}/{}[{}]", w.namespace, w.name, w.kind)
        }
        Side::Outside(block) => format!("{block}[External]"),
    }
}

fn side_json(net: &Network, side: &Side) -> Value {
    match side {
        Side::Workload(w) => {
            let w = &net.workloads[*w];
            json!({"namespace": w.namespace, "name": w.name, "kind": w.kind})
        }
        Side::Outside(block) => json!({"ip_range": block.to_string()}),
    }
}

fn ports_json(conns: &Conns) -> Vec<Value> {
    let mut out = Vec::new();
    for protocol in Protocol::ALL {
        for &(from, to) in conns.ports(protocol).ranges() {
            out.push(json!({"protocol": protocol.as_str(), "from": from, "to": to}));
        }
    }
    out
}

/// The text of every side, made once, and its rank in byte order: connections sort by rank.
struct Names {
    workloads: Vec<String>,
    blocks: HashMap<IpSet, String>,
    workload_rank: Vec<usize>,
    block_rank: HashMap<IpSet, usize>,
}

impl Names {
    fn new(net: &Network, connections: &[Connection]) -> Self {
        let workloads: Vec<String> = (0..net.workloads.len())
            .map(|w| side_text(net, &Side::Workload(w)))
            .collect();
        let mut blocks = HashMap::new();
        for c in connections {
            for side in [&c.src, &c.dst] {
                if let Side::Outside(block) = side {
                    blocks
                        .entry(block.clone())
                        .or_insert_with(|| side_text(net, side));
                }
            }
        }
        let mut all: Vec<(&str, Option<usize>, Option<&IpSet>)> = workloads
            .iter()
            .enumerate()
            .map(|(w, t)| (t.as_str(), Some(w), None))
            .chain(blocks.iter().map(|(b, t)| (t.as_str(), None, Some(b))))
            .collect();
        all.sort_unstable();
        let mut workload_rank = vec![0; workloads.len()];
        let mut block_rank = HashMap::new();
        for (rank, (_, w, b)) in all.into_iter().enumerate() {
            match (w, b) {
                (Some(w), _) => workload_rank[w] = rank,
                (None, Some(b)) => {
                    block_rank.insert(b.clone(), rank);
                }
                _ => {}
            }
        }
        Self {
            workloads,
            blocks,
            workload_rank,
            block_rank,
        }
    }

    fn rank(&self, side: &Side) -> usize {
        match side {
            Side::Workload(w) => self.workload_rank[*w],
            Side::Outside(b) => self.block_rank[b],
        }
    }

    fn text(&self, side: &Side) -> &str {
        match side {
            Side::Workload(w) => &self.workloads[*w],
            Side::Outside(b) => &self.blocks[b],
        }
    }
}

fn dot_id(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\\\""))
}

/// One sentence per workload whose pods differ for the policies, naming its pod groups: its connections
/// are the union over them.
#[must_use]
pub fn split_notes(net: &Network, split: &[(usize, Vec<Vec<&NetPod>>)]) -> Vec<String> {
    split
        .iter()
        .map(|(w, groups)| {
            let groups: Vec<String> = groups
                .iter()
                .map(|g| g.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", "))
                .collect();
            format!(
                "the pods of {} differ for the policies ({}): its connections are those of any of them",
                side_text(net, &Side::Workload(*w)),
                groups
                    .iter()
                    .map(|g| format!("[{g}]"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        })
        .collect()
}

/// Writes `connections` (sorted here) in `format`.
pub fn write(
    out: &mut dyn Write,
    net: &Network,
    mut connections: Vec<Connection>,
    split: &[(usize, Vec<Vec<&NetPod>>)],
    format: ConnlistFormat,
) -> io::Result<()> {
    let names = Names::new(net, &connections);
    connections.sort_by_cached_key(|c| (names.rank(&c.src), names.rank(&c.dst)));
    let key = |s: &Side| names.text(s);
    match format {
        ConnlistFormat::Text => {
            for c in &connections {
                writeln!(out, "{} => {} : {}", key(&c.src), key(&c.dst), c.conns)?;
            }
        }
        ConnlistFormat::Json => write_json(out, net, &names, &connections, split)?,
        ConnlistFormat::Csv => {
            writeln!(out, "src,dst,conn")?;
            for c in &connections {
                writeln!(out, "{},{},\"{}\"", key(&c.src), key(&c.dst), c.conns)?;
            }
        }
        ConnlistFormat::Md => {
            writeln!(out, "| src | dst | conn |\n|-----|-----|------|")?;
            for c in &connections {
                writeln!(out, "| {} | {} | {} |", key(&c.src), key(&c.dst), c.conns)?;
            }
        }
        ConnlistFormat::Dot => {
            writeln!(out, "digraph connlist {{\n\trankdir=LR\n\tnode [shape=box]")?;
            let mut namespaces: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for (w, workload) in net.workloads.iter().enumerate() {
                namespaces
                    .entry(&workload.namespace)
                    .or_default()
                    .push(side_text(net, &Side::Workload(w)));
            }
            for (i, (ns, nodes)) in namespaces.iter().enumerate() {
                writeln!(out, "\tsubgraph cluster_{i} {{\n\t\tlabel={}", dot_id(ns))?;
                for n in nodes {
                    writeln!(out, "\t\t{}", dot_id(n))?;
                }
                writeln!(out, "\t}}")?;
            }
            for c in &connections {
                writeln!(
                    out,
                    "\t{} -> {} [label={}]",
                    dot_id(key(&c.src)),
                    dot_id(key(&c.dst)),
                    dot_id(&c.conns.to_string())
                )?;
            }
            writeln!(out, "}}")?;
        }
    }
    Ok(())
}

/// Streamed row by row, each side's JSON made once.
fn write_json(
    out: &mut dyn Write,
    net: &Network,
    names: &Names,
    connections: &[Connection],
    split: &[(usize, Vec<Vec<&NetPod>>)],
) -> io::Result<()> {
    let mut sides: HashMap<usize, String> = HashMap::new();
    let mut side = |s: &Side| -> io::Result<String> {
        let rank = names.rank(s);
        if let Some(text) = sides.get(&rank) {
            return Ok(text.clone());
        }
        let text = serde_json::to_string(&side_json(net, s))?;
        sides.insert(rank, text.clone());
        Ok(text)
    };
    write!(out, "{{\n  \"schema_version\": 1,\n  \"connections\": [")?;
    for (i, c) in connections.iter().enumerate() {
        let ports = if c.conns.is_all() {
            "[]".to_owned()
        } else {
            serde_json::to_string(&ports_json(&c.conns))?
        };
        write!(
            out,
            "{}\n    {{\"src\":{},\"dst\":{},\"all\":{},\"ports\":{}}}",
            if i == 0 { "" } else { "," },
            side(&c.src)?,
            side(&c.dst)?,
            c.conns.is_all(),
            ports
        )?;
    }
    let split: Vec<Value> = split
        .iter()
        .map(|(w, groups)| {
            let groups: Vec<Vec<&str>> = groups
                .iter()
                .map(|g| g.iter().map(|p| p.name.as_str()).collect())
                .collect();
            json!({"workload": side_json(net, &Side::Workload(*w)), "pod_groups": groups})
        })
        .collect();
    writeln!(
        out,
        "\n  ],\n  \"split_workloads\": {}\n}}",
        serde_json::to_string(&split)?
    )
}
