//! The `exposure` report: what the outside can reach, through which object, on which port, and whether the
//! NetworkPolicies let that traffic in.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::AnswerFormat;
use crate::analysis::netpol::{Admission, Door, Exposure, Network};
use crate::model::Inventory;

fn door_text(door: &Door) -> String {
    match door {
        Door::LoadBalancer { source_ranges } if source_ranges.is_empty() => {
            "LoadBalancer from every address".into()
        }
        Door::LoadBalancer { source_ranges } => format!("LoadBalancer from {}", source_ranges.join(", ")),
        Door::NodePort(Some(p)) => format!("NodePort {p} on every node"),
        Door::NodePort(None) => "NodePort (allocated) on every node".into(),
        Door::ExternalIp(ip) => format!("external IP {ip}"),
        Door::Ingress { host, path } => format!("Ingress {host}{path}"),
        Door::HostNetwork => "the node's network (hostNetwork)".into(),
        Door::HostPort(p) => format!("host port {p} on its node"),
    }
}

fn door_json(door: &Door) -> Value {
    match door {
        Door::LoadBalancer { source_ranges } => {
            json!({"type": "LoadBalancer", "source_ranges": source_ranges})
        }
        Door::NodePort(p) => json!({"type": "NodePort", "node_port": p}),
        Door::ExternalIp(ip) => json!({"type": "ExternalIP", "ip": ip}),
        Door::Ingress { host, path } => json!({"type": "Ingress", "host": host, "path": path}),
        Door::HostNetwork => json!({"type": "HostNetwork"}),
        Door::HostPort(p) => json!({"type": "HostPort", "host_port": p}),
    }
}

fn admission_text(a: Admission) -> &'static str {
    match a {
        Admission::All => "policies admit it",
        Admission::Partly => "policies admit part of it",
        Admission::Closed => "policies block it",
        Admission::NotGoverned => "no policy applies (host network)",
    }
}

fn admission_key(a: Admission) -> &'static str {
    match a {
        Admission::All => "all",
        Admission::Partly => "partly",
        Admission::Closed => "closed",
        Admission::NotGoverned => "not-governed",
    }
}

fn via(inventory: &Inventory, e: &Exposure) -> (String, Value) {
    let object = inventory.object(e.via);
    let span = e.path.locate(&object.root);
    let file = &inventory.source(object.source).name;
    let namespace = object.oref.namespace.as_deref().unwrap_or("default");
    (
        format!(
            "{} {namespace}/{} ({file}:{})",
            object.oref.kind,
            object.oref.name,
            span.line + 1
        ),
        json!({"kind": object.oref.kind, "namespace": namespace, "name": object.oref.name,
               "location": {"file": file, "line": span.line + 1, "column": span.column + 1}}),
    )
}

fn workload(net: &Network, e: &Exposure) -> (String, Value) {
    let w = &net.workloads[net.pods[e.pod].workload];
    (
        format!("{}/{}[{}]", w.namespace, w.name, w.kind),
        json!({"namespace": w.namespace, "name": w.name, "kind": w.kind}),
    )
}

/// Writes every exposure, sorted by workload, object and port.
pub fn write(
    out: &mut dyn Write,
    inventory: &Inventory,
    net: &Network,
    mut all: Vec<Exposure>,
    format: AnswerFormat,
) -> io::Result<()> {
    all.sort_by_cached_key(|e| (workload(net, e).0, via(inventory, e).0, e.target));
    match format {
        AnswerFormat::Text => {
            if all.is_empty() {
                writeln!(
                    out,
                    "nothing among the inputs is reachable from outside the cluster"
                )?;
            }
            for e in &all {
                let port = e
                    .target
                    .map_or_else(|| "every port".to_owned(), |(p, n)| format!("{} {n}", p.as_str()));
                writeln!(
                    out,
                    "{} <- {} via {}, to {port}: {}",
                    workload(net, e).0,
                    door_text(&e.door),
                    via(inventory, e).0,
                    admission_text(e.admission)
                )?;
            }
        }
        AnswerFormat::Json => {
            let rows: Vec<Value> = all
                .iter()
                .map(|e| {
                    json!({"workload": workload(net, e).1, "pod": net.pods[e.pod].name, "door": door_json(&e.door),
                           "via": via(inventory, e).1,
                           "target": e.target.map(|(p, n)| json!({"protocol": p.as_str(), "port": n})),
                           "admission": admission_key(e.admission)})
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &json!({"schema_version": 1, "exposures": rows}))?;
            writeln!(out)?;
        }
    }
    Ok(())
}
