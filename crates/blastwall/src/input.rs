//! Reading the paths a command is given: directories expanded, `exclude` patterns applied, standard input
//! for `-`, a progress line on long reads. Problems are printed; the caller exits with status 2.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use blastwall_core::analysis::netpol::{network_of, Network};
use blastwall_core::config::Config;
use blastwall_core::glob::glob_match;
use blastwall_core::load::{load, load_kinds, Input};
use blastwall_core::model::{ClusterRead, Inventory};
use blastwall_core::source::discover::discover;

use crate::cli::InputArgs;
use crate::config_file;
use crate::progress::Progress;
use crate::templates;

/// The inputs a command reads: the configuration and every document, read as kubectl would.
pub struct Inputs {
    /// The configuration file's settings (the defaults without one).
    pub config: Config,
    /// What was read, with the configuration's pod-template paths applied.
    pub inventory: Inventory,
}

/// Reads the configuration and every path of `args` (documents whose kind `wanted` refuses are skipped
/// unparsed, when given), and the live cluster with `--cluster`; `None` after printing what could not be
/// read. `what` names the command's inputs in the message for no paths.
pub fn read_args(
    args: &InputArgs,
    what: &str,
    wanted: Option<&(dyn Fn(&str) -> bool + Sync)>,
) -> Result<Option<Inputs>> {
    let paths = args.all_paths();
    if paths.is_empty() && !args.live.cluster {
        anyhow::bail!("nothing to read: give {what} as paths or with -f PATH (files or directories), `-` for standard input, or --cluster");
    }
    let Some(config) = config_file::load(args.config.as_ref(), &paths)? else {
        return Ok(None);
    };
    let Some(mut inventory) = read_filtered(args, &config.exclude, wanted)? else {
        return Ok(None);
    };
    inventory.template_paths.clone_from(&config.pod_templates);
    Ok(Some(Inputs { config, inventory }))
}

/// Reads every path of `args` (and the cluster with `--cluster`) into an inventory, leaving out files that
/// `exclude` matches; `None` after printing what could not be read.
pub fn read(args: &InputArgs, exclude: &[String]) -> Result<Option<Inventory>> {
    read_filtered(args, exclude, None)
}

fn read_filtered(
    args: &InputArgs,
    exclude: &[String],
    wanted: Option<&(dyn Fn(&str) -> bool + Sync)>,
) -> Result<Option<Inventory>> {
    let exclude: Vec<String> = exclude.iter().chain(&args.exclude).cloned().collect();
    let (mut inputs, mut unread, unrendered) = match inputs(&args.all_paths(), &exclude, !args.no_render)? {
        Ok(found) => found,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return Ok(None);
        }
    };
    let mut cluster = None;
    if args.live.cluster {
        let read = crate::cluster::read(&args.live, args.scope.as_deref())?;
        inputs.extend(read.inputs);
        cluster = Some(ClusterRead {
            context: read.context,
            kinds_read: read.kinds_read,
            kinds_not_read: read.unread.len(),
        });
        unread.extend(read.unread);
    }
    let files = inputs.len();
    let progress = Progress::start(files, "files");
    let mut inventory = match wanted {
        Some(wanted) => load_kinds(inputs, &progress.done, wanted),
        None => load(inputs, &progress.done),
    };
    progress.finish();
    for sentence in &inventory.unread {
        eprintln!("warning: {sentence}");
    }
    unread.append(&mut inventory.unread);
    inventory.unread = unread;
    inventory.unrendered = unrendered;
    inventory.cluster = cluster;
    let nothing_said = inventory.unread.is_empty() && inventory.unrendered.is_empty();
    if inventory.documents == 0 && nothing_said && !args.live.cluster && !args.allow_empty {
        let skipped = inventory.not_kubernetes.len();
        let not_kubernetes = if skipped > 0 {
            format!(" ({skipped} of them not Kubernetes)")
        } else {
            String::new()
        };
        eprintln!(
            "error: no Kubernetes manifest in the inputs: {files} file{} read{not_kubernetes}; give files or \
folders of manifests, or --allow-empty to accept this",
            if files == 1 { "" } else { "s" }
        );
        return Ok(None);
    }
    Ok(Some(inventory))
}

/// The inputs to read, what under the named directories could not be used or rendered (each said in a
/// sentence), and the charts and Kustomize folders left unrendered for want of their command.
type Found = (Vec<Input>, Vec<String>, Vec<String>);

/// Files to read (directories expanded, `exclude` applied) and standard input, with the entries under
/// directories that could not be used (also printed as warnings); the named paths that cannot be used as
/// errors.
fn inputs(paths: &[PathBuf], exclude: &[String], render: bool) -> Result<Result<Found, Vec<String>>> {
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    let mut unrendered = Vec::new();
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
            Ok(found) => {
                let files = found
                    .files
                    .into_iter()
                    .filter(|f| !excluded(f, exclude))
                    .collect();
                let sorted = templates::sort(files, render);
                inputs.extend(sorted.files.into_iter().map(Input::File));
                inputs.extend(sorted.rendered);
                for sentence in sorted.failed {
                    eprintln!("warning: {sentence}");
                    skipped.push(sentence);
                }
                unrendered.extend(sorted.unrendered);
                for e in found
                    .skipped
                    .iter()
                    .filter(|e| !excluded(Path::new(&e.path), exclude))
                {
                    eprintln!("warning: {e} (skipped)");
                    skipped.push(format!("{e} (skipped)"));
                }
            }
            Err(e) => errors.extend(e.into_iter().map(|e| e.to_string())),
        }
    }
    Ok(if errors.is_empty() {
        Ok((inputs, skipped, unrendered))
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

/// Says that documents could not be read: commands other than `scan` leave them out of their answer. Once,
/// as a count, by default; each with its position with `--verbose`; not at all with `--quiet`.
pub fn warn_unreadable(inventory: &Inventory, args: &InputArgs) {
    let invalid = &inventory.invalid;
    if args.quiet || invalid.is_empty() {
        return;
    }
    if !args.verbose {
        eprintln!(
            "warning: {} could not be read and {} left out of the answer (--verbose lists {})",
            if invalid.len() == 1 {
                "1 document".to_owned()
            } else {
                format!("{} documents", invalid.len())
            },
            if invalid.len() == 1 { "is" } else { "are" },
            if invalid.len() == 1 { "it" } else { "them" },
        );
        return;
    }
    for invalid in invalid {
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

/// Reads the inputs of a network command and builds the network, warning about unreadable documents and
/// about policies the API server would refuse; `None` when the inputs could not be read.
pub fn read_network(args: &InputArgs, ipblock_matches_pods: bool) -> Result<Option<(Inventory, Network)>> {
    let Some(Inputs { inventory, .. }) = read_args(args, "the manifests", None)? else {
        return Ok(None);
    };
    warn_unreadable(&inventory, args);
    let (net, problems) = network_of(&inventory, ipblock_matches_pods);
    for (id, problem) in &problems {
        let object = inventory.object(*id);
        let span = problem.path.locate(&object.root);
        eprintln!(
            "warning: {}:{}:{}: NetworkPolicy {}/{}: {}",
            inventory.source(object.source).name,
            span.line + 1,
            span.column + 1,
            object.oref.namespace.as_deref().unwrap_or("default"),
            object.oref.name,
            problem.message
        );
    }
    Ok(Some((inventory, net)))
}
