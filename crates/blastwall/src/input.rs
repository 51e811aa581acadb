//! Reading the paths a command is given: directories expanded, `exclude` patterns applied, standard input
//! for `-`, a progress line on long reads. Problems are printed; the caller exits with status 2.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use blastwall_core::glob::glob_match;
use blastwall_core::load::{load, load_kinds, Input};
use blastwall_core::model::Inventory;
use blastwall_core::source::discover::discover;

use crate::progress::Progress;

/// Reads every input into an inventory; `None` after printing the paths that could not be read.
pub fn read(paths: &[PathBuf], exclude: &[String]) -> Result<Option<Inventory>> {
    read_filtered(paths, exclude, None)
}

/// As [`read`], skipping the parse of documents whose kind `wanted` refuses (see
/// [`blastwall_core::load::load_kinds`]).
pub fn read_kinds(
    paths: &[PathBuf],
    exclude: &[String],
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Option<Inventory>> {
    read_filtered(paths, exclude, Some(wanted))
}

fn read_filtered(
    paths: &[PathBuf],
    exclude: &[String],
    wanted: Option<&(dyn Fn(&str) -> bool + Sync)>,
) -> Result<Option<Inventory>> {
    let inputs = match inputs(paths, exclude)? {
        Ok(inputs) => inputs,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return Ok(None);
        }
    };
    let progress = Progress::start(inputs.len());
    let loaded = match wanted {
        Some(wanted) => load_kinds(inputs, &progress.done, wanted),
        None => load(inputs, &progress.done),
    };
    progress.finish();
    match loaded {
        Ok(inventory) => Ok(Some(inventory)),
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            Ok(None)
        }
    }
}

/// Files to read (directories expanded, `exclude` applied) and standard input.
fn inputs(paths: &[PathBuf], exclude: &[String]) -> Result<Result<Vec<Input>, Vec<String>>> {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut stdin_read = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !stdin_read {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .context("reading standard input")?;
                inputs.push(Input::Text {
                    name: "<stdin>".into(),
                    bytes,
                });
                stdin_read = true;
            }
            continue;
        }
        match discover(std::slice::from_ref(path)) {
            Ok(files) => inputs.extend(
                files
                    .into_iter()
                    .filter(|f| !excluded(f, exclude))
                    .map(Input::File),
            ),
            Err(e) => errors.extend(e.into_iter().map(|e| e.to_string())),
        }
    }
    Ok(if errors.is_empty() {
        Ok(inputs)
    } else {
        Err(errors)
    })
}

fn excluded(file: &Path, patterns: &[String]) -> bool {
    let shown = file.to_string_lossy();
    let shown = shown.strip_prefix("./").unwrap_or(&shown);
    patterns
        .iter()
        .any(|p| glob_match(p, shown) || glob_match(&format!("**/{p}"), shown))
}

/// Prints a warning for every document that could not be read: commands other than `scan` leave them out
/// of their answer, and say so.
pub fn warn_unreadable(inventory: &Inventory) {
    for invalid in &inventory.invalid {
        let source = inventory.source(invalid.source);
        eprintln!(
            "warning: {}:{}:{}: {} (this document is left out)",
            source.name,
            invalid.error.span.line + 1,
            invalid.error.span.column + 1,
            invalid.error.message
        );
    }
}
