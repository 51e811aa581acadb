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
    Unreadable(PathError),
}

/// Reads and parses every input, in parallel, counting finished inputs in `progress`. Inputs that cannot
/// be read are recorded in the inventory's `unread` (they become incomplete-input findings) while the rest
/// is read; inputs that can be read but not decoded become invalid documents.
#[must_use]
pub fn load(inputs: Vec<Input>, progress: &AtomicUsize) -> Inventory {
    load_filtered(inputs, progress, None)
}

/// As [`load`], leaving out documents whose kind `wanted` refuses when the kind can be read without
/// parsing (see `Source::documents_of_kinds`): commands that need a few kinds skip parsing the rest.
#[must_use]
pub fn load_kinds(
    inputs: Vec<Input>,
    progress: &AtomicUsize,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Inventory {
    load_filtered(inputs, progress, Some(wanted))
}

fn load_filtered(
    inputs: Vec<Input>,
    progress: &AtomicUsize,
    wanted: Option<&(dyn Fn(&str) -> bool + Sync)>,
) -> Inventory {
    let read = |input| {
        let result = load_one(input, wanted);
        progress.fetch_add(1, Ordering::Relaxed);
        result
    };
    // A few inputs (an admission request) are read faster here than by the worker pool.
    let loaded: Vec<Loaded> = if inputs.len() < 4 {
        inputs.into_iter().map(read).collect()
    } else {
        inputs.into_par_iter().map(read).collect()
    };
    let mut inventory = Inventory::default();
    for item in loaded {
        match item {
            Loaded::Read(source, documents) => {
                inventory.add(source, documents);
            }
            Loaded::Undecodable(source, error) => {
                inventory.add_unreadable(source, error);
            }
            Loaded::Unreadable(e) => inventory.unread.push(format!("{e} (the file is left out)")),
        }
    }
    inventory.index();
    inventory
}

fn load_one(input: Input, wanted: Option<&(dyn Fn(&str) -> bool + Sync)>) -> Loaded {
    let (name, path, bytes) = match input {
        Input::File(path) => match std::fs::read(&path) {
            Ok(bytes) => (path.display().to_string(), Some(path), bytes),
            Err(e) => {
                return Loaded::Unreadable(PathError {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                })
            }
        },
        Input::Text { name, bytes } => (name, None, bytes),
    };
    match Source::new(name.clone(), path.clone(), bytes) {
        Ok(source) => {
            let documents = match wanted {
                Some(wanted) => source.documents_of_kinds(wanted),
                None => source.documents(),
            };
            Loaded::Read(source, documents)
        }
        Err(error) => Loaded::Undecodable(
            Source::new(name, path, Vec::new()).expect("empty text decodes"),
            error,
        ),
    }
}
