//! `blastwall reach FROM TO [--port PORT/PROTO]`: whether a connection is allowed (exit 0 for yes, 1 for no),
//! with the policies and rules that decide each direction, at file:line.

use std::io::Write;

use anyhow::{bail, Result};
use blastwall_core::analysis::netpol::{reach, resolve, Protocol};
use blastwall_core::render::reach as render;

use crate::cli::ReachArgs;
use crate::exit::{EXIT_ERROR, EXIT_FINDINGS};
use crate::input;
use crate::output;

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
    let port = args.port.as_deref().map(parse_port).transpose()?;
    let Some((inventory, net)) = input::read_network(&args.input, args.ipblock_matches_pods)? else {
        return Ok(EXIT_ERROR);
    };
    let from = resolve(&net, &args.from)?;
    let to = resolve(&net, &args.to)?;
    let answer = reach(&net, from, to, port);
    let mut out = output::stdout();
    render::write(&mut out, &inventory, &net, &answer)?;
    out.flush()?;
    Ok(if answer.allowed { 0 } else { EXIT_FINDINGS })
}
