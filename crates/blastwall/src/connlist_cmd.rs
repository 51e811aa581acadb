//! `blastwall connlist`: every connection the NetworkPolicies allow, in the form `-o` asks for.

use std::io::Write;

use anyhow::Result;
use blastwall_core::analysis::netpol::{connlist, split_workloads};
use blastwall_core::render::connlist;

use crate::cli::ConnlistArgs;
use crate::exit::EXIT_ERROR;
use crate::input;
use crate::output;

pub fn run(args: &ConnlistArgs) -> Result<u8> {
    let Some((_, net)) = input::read_network(&args.input, args.ipblock_matches_pods)? else {
        return Ok(EXIT_ERROR);
    };
    let split = split_workloads(&net);
    for note in connlist::split_notes(&net, &split) {
        eprintln!("note: {note}");
    }
    let mut out = output::stdout();
    connlist::write(&mut out, &net, connlist(&net), &split, args.output.into())?;
    out.flush()?;
    Ok(0)
}
