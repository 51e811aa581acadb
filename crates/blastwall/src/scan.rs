//! `blastwall scan`: read the inputs, run the rules, write every requested report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use blastwall_core::analysis::pss::Version;
use blastwall_core::config::{self, Config};
use blastwall_core::engine;
use blastwall_core::finding::Severity;
use blastwall_core::render::{json, sarif, text};
use blastwall_core::settings::{self, Options, Profile, Settings};
use blastwall_core::source::Source;

use crate::cli::{ColorChoice, ScanArgs};
use crate::exit::{EXIT_ERROR, EXIT_FINDINGS};
use crate::input;
use crate::output::{self, Format};

pub fn run(args: &ScanArgs) -> Result<u8> {
    let outputs = output::parse(&args.outputs)?;
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    let paths: Vec<PathBuf> = args.paths.iter().chain(&args.filenames).cloned().collect();
    if paths.is_empty() {
        bail!(
            "nothing to scan: give files or directories (`blastwall scan k8s/`), or `-` for standard input"
        );
    }
    let Some(settings) = settings_for(args, &paths)? else {
        return Ok(EXIT_ERROR);
    };
    let Some(inventory) = input::read(&paths, &settings.exclude)? else {
        return Ok(EXIT_ERROR);
    };
    let report = engine::run(inventory, settings);
    let version = env!("CARGO_PKG_VERSION");
    for out in &outputs {
        let color = out.file.is_none() && use_color(args.color);
        let mut sink: Box<dyn Write> = match &out.file {
            Some(file) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(file).with_context(|| format!("writing {}", file.display()))?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
        match out.format {
            Format::Text => sink.write_all(text::render(&report, text::Style { color }).as_bytes())?,
            Format::Json => json::write(&report, version, &mut sink)?,
            Format::Sarif => sarif::write(&report, version, &mut sink)?,
        }
        sink.flush()?;
    }
    let code = if report.fails() { EXIT_FINDINGS } else { 0 };
    // The process ends here: freeing every parsed node one by one would only delay the exit.
    std::mem::forget(report);
    Ok(code)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

/// The configuration: `--config FILE`, else the nearest `.blastwall.yaml` above the first path, else the
/// defaults; `None` after printing every problem in it.
pub fn load_config(explicit: Option<&PathBuf>, paths: &[PathBuf]) -> Result<Option<Config>> {
    let config_path = explicit.cloned().or_else(|| {
        let start = paths
            .iter()
            .find(|p| p.as_os_str() != "-")
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        config::discover(&start)
    });
    let Some(path) = config_path else {
        return Ok(Some(Config::default()));
    };
    let bytes =
        std::fs::read(&path).with_context(|| format!("reading the configuration {}", path.display()))?;
    let parsed = Source::new(path.display().to_string(), Some(path.clone()), bytes)
        .map_err(|e| {
            vec![config::ConfigError {
                file: path.display().to_string(),
                span: e.span,
                message: e.message,
            }]
        })
        .and_then(config::parse);
    match parsed {
        Ok(c) => Ok(Some(c)),
        Err(errors) => {
            report_config_errors(&errors);
            Ok(None)
        }
    }
}

/// Settings from the config file and the command line; `None` after printing every problem.
fn settings_for(args: &ScanArgs, paths: &[PathBuf]) -> Result<Option<Settings>> {
    let Some(config) = load_config(args.config.as_ref(), paths)? else {
        return Ok(None);
    };
    let fail_on = args
        .fail_on
        .as_deref()
        .map(str::parse::<Severity>)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let pss_version = args
        .pss_version
        .as_deref()
        .map(str::parse::<Version>)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let profile = args.profile.parse::<Profile>().map_err(anyhow::Error::msg)?;
    let options = Options {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on,
        pss_version,
        profile,
        k8s_version: args.cluster.k8s_version,
        no_default_rbac: args.cluster.no_default_rbac,
        platform: args
            .platform
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(anyhow::Error::msg)?,
    };
    match settings::resolve(config, &options) {
        Ok(s) => Ok(Some(s)),
        Err(errors) => {
            report_config_errors(&errors);
            Ok(None)
        }
    }
}

fn report_config_errors(errors: &[config::ConfigError]) {
    for e in errors {
        if e.file.starts_with("--") {
            eprintln!("error: {}: {}", e.file, e.message);
        } else {
            eprintln!("error: {e}");
        }
    }
}
