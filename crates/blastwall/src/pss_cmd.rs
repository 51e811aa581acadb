//! `blastwall pss`: the highest Pod Security level each workload satisfies, and why not higher.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Result};
use blastwall_core::analysis::pss::report::evaluate_inventory;
use blastwall_core::analysis::pss::Version;
use blastwall_core::render::pss;

use crate::cli::{PssArgs, PssFormat};
use crate::exit::EXIT_ERROR;
use crate::input;
use crate::scan::load_config;

pub fn run(args: &PssArgs) -> Result<u8> {
    let paths: Vec<PathBuf> = args.paths.iter().chain(&args.filenames).cloned().collect();
    if paths.is_empty() {
        bail!(
            "nothing to check: give files or directories (`blastwall pss k8s/`), or `-` for standard input"
        );
    }
    let version: Version = args.version.parse().map_err(anyhow::Error::msg)?;
    let Some(config) = load_config(args.config.as_ref(), &paths)? else {
        return Ok(EXIT_ERROR);
    };
    let Some(mut inventory) = input::read(&paths, &config.exclude)? else {
        return Ok(EXIT_ERROR);
    };
    inventory.template_paths = config.pod_templates;
    let results = evaluate_inventory(&inventory, version);
    let text = match args.output {
        PssFormat::Text => pss::text(&inventory, &results, version),
        PssFormat::Json => pss::json(&inventory, &results, version),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(0)
}
