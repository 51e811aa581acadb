//! Helm charts and Kustomize folders among the inputs: a folder with a `Chart.yaml` is rendered with `helm
//! template` (the command `BLASTWALL_HELM` names, else `helm` on PATH), one with a `kustomization.yaml` with
//! `kubectl kustomize`. Each template's output is scanned as its own input, named after the template
//! (`# Source:` lines). Without the command, the folder is said once (an unrendered-templates finding) with
//! how to scan it; a chart's files are then left alone (templates are not YAML), a Kustomize folder's are
//! read as they are (they are manifests). A folder whose rendering fails is a warning, and a Kustomize
//! folder's files are read as they are.
//!
//! `--no-render` runs no command: every folder is then said as if its command were missing. Rendering never
//! reaches the network: a remote base or resource (`https://...`, a git repository) points
//! the command's HTTP proxy at a closed loopback port and git at local files only, so it fails and the
//! folder is read as it is. Scanning a pull request must not fetch what the pull request names.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use blastwall_core::load::Input;
use rayon::prelude::*;

use crate::command_failure;

/// What the files of the inputs become.
#[derive(Debug, Default)]
pub struct Sorted {
    /// Files read as manifests.
    pub files: Vec<PathBuf>,
    /// Rendered output, one input per template.
    pub rendered: Vec<Input>,
    /// Folders that could not be rendered for want of the command, in sentences.
    pub unrendered: Vec<String>,
    /// Folders whose rendering failed, in sentences.
    pub failed: Vec<String>,
}

const KUSTOMIZATION: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Helm,
    Kustomize,
}

/// The folders that are charts or Kustomize folders, outermost first.
fn roots(files: &[PathBuf]) -> Vec<(PathBuf, Kind)> {
    let mut out: Vec<(PathBuf, Kind)> = files
        .iter()
        .filter_map(|f| {
            let name = f.file_name()?.to_str()?;
            let kind = if name == "Chart.yaml" {
                Kind::Helm
            } else if KUSTOMIZATION.contains(&name) {
                Kind::Kustomize
            } else {
                return None;
            };
            Some((f.parent()?.to_path_buf(), kind))
        })
        .collect();
    out.sort_by_key(|(dir, _)| dir.components().count());
    // A chart's subcharts and a folder inside another are rendered with it.
    let mut kept: Vec<(PathBuf, Kind)> = Vec::new();
    for (dir, kind) in out {
        if !kept.iter().any(|(outer, _)| dir.starts_with(outer)) {
            kept.push((dir, kind));
        }
    }
    kept
}

/// The environment of a rendering command: HTTP through a closed port of this machine, git limited to
/// local files.
const OFFLINE: [(&str, &str); 7] = [
    ("HTTPS_PROXY", "http://127.0.0.1:9"),
    ("https_proxy", "http://127.0.0.1:9"),
    ("HTTP_PROXY", "http://127.0.0.1:9"),
    ("http_proxy", "http://127.0.0.1:9"),
    ("NO_PROXY", ""),
    ("no_proxy", ""),
    ("GIT_ALLOW_PROTOCOL", "file"),
];

/// The program and arguments that render a folder of `kind` (the folder is the last argument).
fn command(kind: Kind) -> (PathBuf, [&'static str; 1]) {
    match kind {
        Kind::Helm => (
            std::env::var_os("BLASTWALL_HELM").map_or_else(|| PathBuf::from("helm"), PathBuf::from),
            ["template"],
        ),
        Kind::Kustomize => (PathBuf::from("kubectl"), ["kustomize"]),
    }
}

/// Sorts the discovered files: charts and Kustomize folders rendered (unless `render` is off), the rest read
/// as they are.
pub fn sort(files: Vec<PathBuf>, render: bool) -> Sorted {
    let roots = roots(&files);
    let mut sorted = Sorted::default();
    let mut read_as_they_are: Vec<&Path> = Vec::new();
    // The folders are rendered side by side, one command per thread of the pool;
    // the outputs are taken in the order the folders were found.
    let runs: Vec<_> = roots
        .par_iter()
        .map(|(dir, kind)| {
            let (program, args) = command(*kind);
            let output = render.then(|| Command::new(&program).args(args).arg(dir).envs(OFFLINE).output());
            (program, args, output)
        })
        .collect();
    for ((dir, kind), (program, args, output)) in roots.iter().zip(runs) {
        let (dir, kind) = (dir.as_path(), *kind);
        let shown = dir.display().to_string();
        let what = match kind {
            Kind::Helm => "Helm chart",
            Kind::Kustomize => "Kustomize folder",
        };
        let tool = if kind == Kind::Helm { "helm" } else { "kubectl" };
        let unrendered = |why: &str| {
            let how = format!("{tool} {} {shown} | blastwall scan -", args.join(" "));
            format!("the {what} {shown} was not rendered ({why}); scan it with `{how}`")
        };
        match output {
            None => {
                sorted.unrendered.push(unrendered("--no-render"));
                read_as_they_are.push(dir);
            }
            Some(Err(e)) if e.kind() == ErrorKind::NotFound => {
                sorted
                    .unrendered
                    .push(unrendered(&format!("{tool} is not on PATH")));
                read_as_they_are.push(dir);
            }
            Some(Err(e)) => {
                let failure = format!("{what} {shown}: {} could not run: {e}", program.display());
                sorted.failed.push(failure);
                read_as_they_are.push(dir);
            }
            Some(Ok(out)) if !out.status.success() => {
                let reason = command_failure::reason(&String::from_utf8_lossy(&out.stderr));
                sorted
                    .failed
                    .push(format!("{what} {shown} could not be rendered: {reason}"));
                read_as_they_are.push(dir);
            }
            Some(Ok(out)) => sorted
                .rendered
                .extend(split(dir, &String::from_utf8_lossy(&out.stdout), kind)),
        }
    }
    // Files outside every folder are read; so are those of a Kustomize folder that was not rendered (they
    // are manifests), in the order they were found.
    let read = |f: &PathBuf| {
        roots
            .iter()
            .filter(|(dir, _)| f.starts_with(dir))
            .all(|(dir, kind)| *kind == Kind::Kustomize && read_as_they_are.contains(&dir.as_path()))
    };
    sorted.files = files.into_iter().filter(read).collect();
    sorted
}

/// Rendered output cut at its `# Source: CHART/PATH` lines, each part named `DIR/PATH (rendered)`; output
/// without them (Kustomize) is one input named after the folder.
fn split(dir: &Path, text: &str, kind: Kind) -> Vec<Input> {
    let whole = |name: String, text: &str| Input::Text {
        name,
        bytes: text.as_bytes().to_vec(),
    };
    if kind == Kind::Kustomize || !text.contains("# Source: ") {
        return vec![whole(format!("{} (rendered)", dir.display()), text)];
    }
    let mut parts: Vec<(String, String)> = Vec::new();
    for document in text.split("\n---") {
        let source = document
            .lines()
            .find_map(|l| l.strip_prefix("# Source: "))
            .map(|s| s.split_once('/').map_or(s, |(_, path)| path).trim().to_owned());
        let name = match source {
            Some(path) => format!("{}/{path} (rendered)", dir.display()),
            None => format!("{} (rendered)", dir.display()),
        };
        match parts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, text)) => {
                text.push_str("\n---");
                text.push_str(document);
            }
            None => parts.push((name, document.to_owned())),
        }
    }
    parts.into_iter().map(|(name, text)| whole(name, &text)).collect()
}
