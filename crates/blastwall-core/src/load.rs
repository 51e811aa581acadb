//! Loading inputs into an inventory: files read and parsed in parallel, results kept in input order.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::model::Inventory;
use crate::source::discover::PathError;
use crate::source::{Document, LoadError, Source};

/// One input.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file to read.
    File(PathBuf),
    /// Text already read (standard input, a test, a webhook request).
    Text {
        /// The name to show, such as `<stdin>`.
        name: String,
        /// The bytes.
        bytes: Vec<u8>,
    },
}

enum Loaded {
    Read(Source, Vec<Document>),
    Undecodable(Source, LoadError),
}

/// Reads and parses every input, in parallel, counting finished inputs in `progress`. Inputs that cannot
/// be read are returned as errors; inputs that can be read but not decoded become invalid documents.
pub fn load(inputs: Vec<Input>, progress: &AtomicUsize) -> Result<Inventory, Vec<PathError>> {
    load_filtered(inputs, progress, None)
}

/// As [`load`], leaving out documents whose kind `wanted` refuses when the kind can be read without
/// parsing (see `Source::documents_of_kinds`): commands that need a few kinds skip parsing the rest.
pub fn load_kinds(
    inputs: Vec<Input>,
    progress: &AtomicUsize,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Inventory, Vec<PathError>> {
    load_filtered(inputs, progress, Some(wanted))
}

fn load_filtered(
    inputs: Vec<Input>,
    progress: &AtomicUsize,
    wanted: Option<&(dyn Fn(&str) -> bool + Sync)>,
) -> Result<Inventory, Vec<PathError>> {
    let read = |input| {
        let result = load_one(input, wanted);
        progress.fetch_add(1, Ordering::Relaxed);
        result
    };
    // A few inputs (an admission request) are read faster here than by the worker pool.
    let loaded: Vec<Result<Loaded, PathError>> = if inputs.len() < 4 {
        inputs.into_iter().map(read).collect()
    } else {
        inputs.into_par_iter().map(read).collect()
    };
    let mut inventory = Inventory::default();
    let mut errors = Vec::new();
    for item in loaded {
        match item {
            Ok(Loaded::Read(source, documents)) => {
                inventory.add(source, documents);
            }
            Ok(Loaded::Undecodable(source, error)) => {
                inventory.add_unreadable(source, error);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    inventory.index();
    Ok(inventory)
}

fn load_one(input: Input, wanted: Option<&(dyn Fn(&str) -> bool + Sync)>) -> Result<Loaded, PathError> {
    let (name, path, bytes) = match input {
        Input::File(path) => {
            let bytes = std::fs::read(&path).map_err(|e| PathError {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
            (path.display().to_string(), Some(path), bytes)
        }
        Input::Text { name, bytes } => (name, None, bytes),
    };
    match Source::new(name.clone(), path.clone(), bytes) {
        Ok(source) => {
            let documents = match wanted {
                Some(wanted) => source.documents_of_kinds(wanted),
                None => source.documents(),
            };
            Ok(Loaded::Read(source, documents))
        }
        Err(error) => Ok(Loaded::Undecodable(
            Source::new(name, path, Vec::new()).expect("empty text decodes"),
            error,
        )),
    }
}
