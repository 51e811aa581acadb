//! `blastwall reach FROM TO [--port PORT/PROTO]`: whether a connection is allowed, with the policies and
//! rules that decide each direction, at file:line.

use std::fmt::Write as _;
use std::net::IpAddr;
use std::path::PathBuf;

use anyhow::{bail, Result};
use blastwall_core::analysis::netpol::{Endpoint, IpSet, NetPod, Network, Protocol, Verdict};
use blastwall_core::model::Inventory;

use crate::cli::ReachArgs;
use crate::connlist_cmd::read_network;
use crate::exit::{EXIT_ERROR, EXIT_FINDINGS};

/// A resolved FROM or TO.
enum Party {
    Pod(usize, String),
    Outside(IpSet, String),
}

fn resolve(net: &Network, text: &str, outside: &mut Vec<IpSet>) -> Result<Party> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        if let Some(i) = net.pods.iter().position(|p| p.ips.contains(&ip)) {
            return Ok(Party::Pod(
                i,
                format!("{}/{} ({ip})", net.pods[i].namespace, net.pods[i].name),
            ));
        }
        outside.push(IpSet::address(ip));
        return Ok(Party::Outside(IpSet::address(ip), text.to_owned()));
    }
    let Some((namespace, name)) = text.split_once('/') else {
        bail!("`{text}`: give namespace/workload, namespace/pod or an IP address");
    };
    let workload = net
        .workloads
        .iter()
        .position(|w| w.namespace == namespace && w.name == name);
    let pod = match workload {
        Some(w) => net.pods.iter().position(|p| p.workload == w),
        None => net
            .pods
            .iter()
            .position(|p| p.namespace == namespace && p.name == name),
    };
    match pod {
        Some(i) => {
            let w = &net.workloads[net.pods[i].workload];
            Ok(Party::Pod(i, format!("{}/{}[{}]", w.namespace, w.name, w.kind)))
        }
        None => bail!("no workload or pod `{text}` among the inputs"),
    }
}

fn endpoint<'a>(net: &'a Network, party: &'a Party) -> Endpoint<'a> {
    match party {
        Party::Pod(i, _) => Endpoint::Pod(&net.pods[*i]),
        Party::Outside(set, _) => Endpoint::Outside(set),
    }
}

fn place(
    inventory: &Inventory,
    net: &Network,
    policy: usize,
    path: Option<&blastwall_core::model::FieldPath>,
) -> String {
    let p = &net.policies[policy];
    let Some(id) = p.object else {
        return format!("{}/{}", p.namespace, p.name);
    };
    let object = inventory.object(id);
    let span = path.map_or(object.span(), |path| path.locate(&object.root));
    format!(
        "{}/{} ({}:{})",
        p.namespace,
        p.name,
        inventory.source(object.source).name,
        span.line + 1
    )
}

fn explain(
    inventory: &Inventory,
    net: &Network,
    direction: &str,
    who: &str,
    verdict: &Verdict,
    ingress: bool,
) -> String {
    if verdict.isolating.is_empty() {
        return format!("  {direction} of {who}: not isolated (no NetworkPolicy selects it for {direction}): everything allowed");
    }
    let isolating: Vec<String> = verdict
        .isolating
        .iter()
        .map(|&i| place(inventory, net, i, None))
        .collect();
    let mut text = format!("  {direction} of {who}: isolated by {}", isolating.join(", "));
    if verdict.allowed_by.is_empty() {
        text.push_str("; no rule admits the other side: nothing allowed");
    }
    for (policy, rule, conns) in &verdict.allowed_by {
        let p = &net.policies[*policy];
        let rules = if ingress { &p.ingress } else { &p.egress };
        let path = &rules[*rule].path;
        let _ = write!(
            text,
            "\n    allowed by {} rule {path}: {conns}",
            place(inventory, net, *policy, Some(path))
        );
    }
    text
}

fn parse_port(text: &str) -> Result<(Protocol, u16)> {
    let (port, protocol) = text.split_once('/').unwrap_or((text, "TCP"));
    let Some(protocol) = Protocol::parse(&protocol.to_ascii_uppercase()) else {
        bail!("`{text}`: the protocol must be TCP, UDP or SCTP");
    };
    match port.parse::<u16>() {
        Ok(p) if p > 0 => Ok((protocol, p)),
        _ => bail!("`{text}`: the port must be 1-65535"),
    }
}

pub fn run(args: &ReachArgs) -> Result<u8> {
    if args.args.len() < 2 {
        bail!("usage: blastwall reach FROM TO [--port PORT/PROTO] -f PATH");
    }
    let port = args.port.as_deref().map(parse_port).transpose()?;
    let paths: Vec<PathBuf> = args
        .filenames
        .iter()
        .cloned()
        .chain(args.args[2..].iter().map(PathBuf::from))
        .collect();
    let Some((inventory, net)) = read_network(&paths, args.ipblock_matches_pods)? else {
        return Ok(EXIT_ERROR);
    };
    let mut outside = Vec::new();
    let from = resolve(&net, &args.args[0], &mut outside)?;
    let to = resolve(&net, &args.args[1], &mut outside)?;
    let endpoint = |p| endpoint(&net, p);
    let label = |p: &Party| match p {
        Party::Pod(_, l) | Party::Outside(_, l) => l.clone(),
    };
    let pod_of = |p: &Party| -> Option<&NetPod> {
        match p {
            Party::Pod(i, _) => Some(&net.pods[*i]),
            Party::Outside(..) => None,
        }
    };
    let conns = net.allowed(endpoint(&from), endpoint(&to));
    let allowed = match port {
        Some((protocol, number)) => conns.allows(protocol, number),
        None => !conns.is_empty(),
    };
    println!("{}", if allowed { "yes" } else { "no" });
    match pod_of(&from) {
        Some(pod) => println!(
            "{}",
            explain(
                &inventory,
                &net,
                "egress",
                &label(&from),
                &net.egress(pod, endpoint(&to)),
                false
            )
        ),
        None => println!(
            "  egress of {}: outside the cluster, not governed by NetworkPolicy",
            label(&from)
        ),
    }
    match pod_of(&to) {
        Some(pod) => println!(
            "{}",
            explain(
                &inventory,
                &net,
                "ingress",
                &label(&to),
                &net.ingress(pod, endpoint(&from)),
                true
            )
        ),
        None => println!(
            "  ingress of {}: outside the cluster, not governed by NetworkPolicy",
            label(&to)
        ),
    }
    println!("  allowed between them: {conns}");
    Ok(if allowed { 0 } else { EXIT_FINDINGS })
}
