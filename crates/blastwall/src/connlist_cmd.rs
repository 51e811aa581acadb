//! `blastwall connlist`: every connection the NetworkPolicies allow, as text (`src => dst : connections`),
//! JSON, DOT, Markdown or CSV.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Result;
use std::collections::HashMap;

use blastwall_core::analysis::netpol::{
    connlist, network_of, Connection, Conns, IpSet, Network, Protocol, Side,
};
use blastwall_core::model::Inventory;
use serde_json::{json, Value};

use crate::cli::{ConnlistArgs, ConnlistFormat};
use crate::exit::EXIT_ERROR;
use crate::input;

/// How text forms name a side: `namespace/name[Kind]` or `first-last[External]`.
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

/// Reads the inputs and warns about documents that could not be read; `None` when paths are unreadable.
pub fn read_network(paths: &[PathBuf], ipblock_matches_pods: bool) -> Result<Option<(Inventory, Network)>> {
    if paths.is_empty() {
        anyhow::bail!("give the manifests with -f PATH (files or directories) or as paths");
    }
    let Some(inventory) = input::read(paths, &[])? else {
        return Ok(None);
    };
    input::warn_unreadable(&inventory);
    let (net, problems) = network_of(&inventory, ipblock_matches_pods);
    for (id, problem) in &problems {
        let object = inventory.object(*id);
        let span = problem.path.locate(&object.root);
        eprintln!(
            "warning: {}:{}:{}: NetworkPolicy {}/{}: {}",
            inventory.source(object.source).name,
            span.line + 1,
            span.column + 1,
            object.oref.namespace.as_deref().unwrap_or("default"),
            object.oref.name,
            problem.message
        );
    }
    Ok(Some((inventory, net)))
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

pub fn run(args: &ConnlistArgs) -> Result<u8> {
    let paths: Vec<PathBuf> = args.filenames.iter().chain(&args.paths).cloned().collect();
    let Some((_, net)) = read_network(&paths, args.ipblock_matches_pods)? else {
        return Ok(EXIT_ERROR);
    };
    let mut connections = connlist(&net);
    let names = Names::new(&net, &connections);
    connections.sort_by_cached_key(|c| (names.rank(&c.src), names.rank(&c.dst)));
    let key = |s: &Side| names.text(s);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.output {
        ConnlistFormat::Text => {
            for c in &connections {
                writeln!(out, "{} => {} : {}", key(&c.src), key(&c.dst), c.conns)?;
            }
        }
        ConnlistFormat::Json => {
            // Streamed row by row, each side's JSON made once: the list can hold millions of connections.
            let mut sides: HashMap<usize, String> = HashMap::new();
            let mut side = |s: &Side| -> Result<String> {
                let rank = names.rank(s);
                if let Some(text) = sides.get(&rank) {
                    return Ok(text.clone());
                }
                let text = serde_json::to_string(&side_json(&net, s))?;
                sides.insert(rank, text.clone());
                Ok(text)
            };
            write!(out, "{{\n  \"schema_version\": 1,\n  \"connections\": [")?;
            for (i, c) in connections.iter().enumerate() {
                let ports = if c.conns.is_all() {
                    String::new()
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
                    if ports.is_empty() { "[]" } else { &ports }
                )?;
            }
            writeln!(out, "\n  ]\n}}")?;
        }
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
            let mut namespaces: std::collections::BTreeMap<&str, Vec<String>> =
                std::collections::BTreeMap::new();
            for w in &net.workloads {
                namespaces
                    .entry(&w.namespace)
                    .or_default()
                    .push(format!("{}/{}[{}]", w.namespace, w.name, w.kind));
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
    out.flush()?;
    Ok(0)
}
