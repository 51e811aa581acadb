//! `blastwall exposure`: what the outside can reach, through which object, on which port, and whether the
//! NetworkPolicies let that traffic in.

use std::io::Write;

use anyhow::Result;
use blastwall_core::analysis::netpol::exposures;
use blastwall_core::render::exposure;

use crate::cli::ExposureArgs;
use crate::exit::EXIT_ERROR;
use crate::input;
use crate::output;

pub fn run(args: &ExposureArgs) -> Result<u8> {
    let Some((inventory, net)) = input::read_network(&args.input, false)? else {
        return Ok(EXIT_ERROR);
    };
    let mut out = output::stdout();
    exposure::write(
        &mut out,
        &inventory,
        &net,
        exposures(&inventory, &net),
        args.output.into(),
    )?;
    out.flush()?;
    Ok(0)
}
