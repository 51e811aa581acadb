//! `blastwall pss`: the highest Pod Security level each workload satisfies, and why not higher.

use std::io::Write;

use anyhow::Result;
use blastwall_core::analysis::pss::report::evaluate_inventory;
use blastwall_core::render::pss;

use crate::cli::PssArgs;
use crate::exit::{EXIT_ERROR, EXIT_FINDINGS};
use crate::input::{self, Inputs};
use crate::output;

pub fn run(args: &PssArgs) -> Result<u8> {
    let Some(Inputs { inventory, .. }) = input::read_args(&args.input, "the manifests to check", None)?
    else {
        return Ok(EXIT_ERROR);
    };
    input::warn_unreadable(&inventory, &args.input);
    let results = evaluate_inventory(&inventory, args.version);
    let mut out = output::stdout();
    pss::write(&mut out, &inventory, &results, args.version, args.output.into())?;
    out.flush()?;
    let below = args
        .fail_below
        .is_some_and(|wanted| results.iter().any(|r| r.level < wanted));
    Ok(if below { EXIT_FINDINGS } else { 0 })
}
