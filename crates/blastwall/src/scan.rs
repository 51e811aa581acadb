//! `blastwall scan`: read the inputs, run the rules, write every requested report.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use blastwall_core::engine;
use blastwall_core::render::{concise, html, json, junit, markdown, sarif, text};
use blastwall_core::settings::{Options, Settings};

use crate::cli::{ColorChoice, ScanArgs};
use crate::config_file;
use crate::exit::{EXIT_ERROR, EXIT_FINDINGS};
use crate::input;
use crate::output::{self, Format};

pub fn run(args: &ScanArgs) -> Result<u8> {
    let outputs = &args.outputs;
    output::check(outputs)?;
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    let paths: Vec<PathBuf> = args.input.all_paths();
    if paths.is_empty() && !args.input.live.cluster {
        bail!(
            "nothing to scan: give files or directories (`blastwall scan k8s/`), `-` for standard input, or --cluster"
        );
    }
    let Some(settings) = settings_for(args, &paths)? else {
        return Ok(EXIT_ERROR);
    };
    let Some(inventory) = input::read(&args.input, &settings.exclude)? else {
        return Ok(EXIT_ERROR);
    };
    let mut report = engine::run(inventory, settings);
    // Whether the run fails is decided over every finding, shown or not.
    let code = if report.fails() { EXIT_FINDINGS } else { 0 };
    if let Some(level) = args.severity {
        report.show_at_least(level.into());
    }
    let version = env!("CARGO_PKG_VERSION");
    for out in outputs {
        let color = out.file.is_none() && use_color(args.color);
        let mut sink: Box<dyn Write> = match &out.file {
            Some(file) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(file).with_context(|| format!("writing {}", file.display()))?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
        match out.format {
            Format::Text => {
                let width = if out.file.is_none() { terminal_width() } else { 0 };
                sink.write_all(text::render(&report, text::Style { color, width }).as_bytes())?;
            }
            Format::Concise => sink.write_all(concise::render(&report).as_bytes())?,
            Format::Junit => junit::write(&report, &mut sink)?,
            Format::Html => sink.write_all(html::render(&report).as_bytes())?,
            Format::Markdown => {
                sink.write_all(markdown::render(&report, &markdown::link_base_from_env()).as_bytes())?;
            }
            Format::Json => json::write(&report, version, &mut sink)?,
            Format::Sarif => sarif::write(&report, version, &mut sink)?,
        }
        sink.flush()?;
    }
    // The process ends here: freeing every parsed node one by one would only delay the exit.
    std::mem::forget(report);
    Ok(code)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // anstream reads the environment as other command-line tools do: NO_COLOR, CLICOLOR_FORCE,
        // CLICOLOR, TERM=dumb, and whether standard output is a terminal.
        ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
    }
}

/// Settings from the config file and the command line; `None` after printing every problem.
fn settings_for(args: &ScanArgs, paths: &[PathBuf]) -> Result<Option<Settings>> {
    let Some(config) = config_file::load(args.input.config.as_ref(), paths)? else {
        return Ok(None);
    };
    let options = Options {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on.map(Into::into),
        pss_version: args.pss_version,
        profile: args.profile.into(),
        k8s_version: args.cluster.k8s_version,
        // A live cluster holds its own built-in roles and bindings.
        no_default_rbac: args.cluster.no_default_rbac || args.input.live.cluster,
        platform: args.platform.map(Into::into),
    };
    Ok(config_file::resolve(config, &options))
}

/// The width of the terminal standard output is, when it is one (`0`: not a terminal).
fn terminal_width() -> usize {
    terminal_size::terminal_size_of(std::io::stdout()).map_or(0, |(w, _)| usize::from(w.0))
}
