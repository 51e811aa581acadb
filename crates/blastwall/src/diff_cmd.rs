//! `blastwall diff`: scans BASE and HEAD with the same settings and prints what the change does to
//! security. With `--base REV`, BASE is that git revision of the repository HEAD lies in, exported to a
//! temporary folder. Exits 1 when the change fails (a new finding at or above --fail-on, or a new
//! connection or permission the config's `diff:` does not allow), 0 when it passes, 2 on error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use blastwall_core::diff::{compare, failures, Tree};
use blastwall_core::engine::{self, Report};
use blastwall_core::render::diff as render;
use blastwall_core::settings::{Options, Settings};

use crate::cli::{DiffArgs, DiffFormat, InputArgs, LiveArgs};
use crate::config_file;
use crate::exit::{EXIT_ERROR, EXIT_FINDINGS};
use crate::input;
use crate::output;

pub fn run(args: &DiffArgs) -> Result<u8> {
    let export;
    let (base, head): (PathBuf, PathBuf) = match (&args.base, args.paths.as_slice()) {
        (Some(rev), [] | [_]) => {
            let head = args.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
            export = Export::of(rev, &head)?;
            (export.base.clone(), head)
        }
        (None, [base, head]) => (base.clone(), head.clone()),
        (Some(_), _) => bail!("with --base REV give at most one path (HEAD)"),
        (None, _) => bail!("give BASE and HEAD (two files or folders), or --base REV [HEAD]"),
    };
    let Some(settings) = settings_for(args, &head)? else {
        return Ok(EXIT_ERROR);
    };
    // Both sides at once: each scan has stretches that use one core.
    let (before, after) = rayon::join(|| scan(args, &base, &settings), || scan(args, &head, &settings));
    let (Some(before), Some(after)) = (before?, after?) else {
        return Ok(EXIT_ERROR);
    };
    let (base_root, head_root) = (base.display().to_string(), head.display().to_string());
    let diff = compare(
        &Tree {
            report: &before,
            root: &base_root,
            default_rbac: settings.default_rbac,
        },
        &Tree {
            report: &after,
            root: &head_root,
            default_rbac: settings.default_rbac,
        },
    );
    let failed = failures(&diff, settings.fail_on, &settings.diff_allow);
    let mut out = output::stdout();
    match args.output {
        DiffFormat::Text => out.write_all(render::text(&diff, &failed).as_bytes())?,
        DiffFormat::Markdown => out.write_all(render::markdown(&diff, &failed).as_bytes())?,
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &diff)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    // The process ends here: freeing both trees' parsed nodes one by one would only delay the exit.
    std::mem::forget((before, after, diff));
    Ok(if failed.is_empty() { 0 } else { EXIT_FINDINGS })
}

/// Settings from the configuration above HEAD (or `--config`) and the command line.
fn settings_for(args: &DiffArgs, head: &Path) -> Result<Option<Settings>> {
    let Some(config) = config_file::load(args.config.as_ref(), &[head.to_path_buf()])? else {
        return Ok(None);
    };
    let options = Options {
        fail_on: args.fail_on.map(Into::into),
        k8s_version: args.cluster.k8s_version,
        no_default_rbac: args.cluster.no_default_rbac,
        ..Options::default()
    };
    Ok(config_file::resolve(config, &options))
}

/// One side scanned; `None` after printing what could not be read.
fn scan(args: &DiffArgs, path: &Path, settings: &Settings) -> Result<Option<Report>> {
    let inputs = InputArgs {
        paths: vec![path.to_path_buf()],
        filenames: Vec::new(),
        config: None,
        exclude: args.exclude.clone(),
        verbose: false,
        quiet: true,
        // A side may hold nothing yet (a new folder) or nothing any more.
        allow_empty: true,
        no_render: args.no_render,
        live: LiveArgs {
            cluster: false,
            kubeconfig: None,
            context: None,
            request_timeout: 30,
        },
        scope: None,
    };
    let Some(inventory) = input::read(&inputs, &settings.exclude)? else {
        return Ok(None);
    };
    Ok(Some(engine::run(inventory, settings.without_config_source())))
}

/// A git revision exported to a temporary folder, removed when dropped.
struct Export {
    dir: PathBuf,
    /// Where HEAD's counterpart lies in the export.
    base: PathBuf,
}

impl Export {
    fn of(rev: &str, head: &Path) -> Result<Self> {
        let from = if head.is_dir() {
            head
        } else {
            head.parent().unwrap_or(Path::new("."))
        };
        let from = if from.as_os_str().is_empty() {
            Path::new(".")
        } else {
            from
        };
        let git_in = |at: &Path, args: &[&str]| -> Result<String> {
            let out = Command::new("git")
                .arg("-C")
                .arg(at)
                .args(args)
                .output()
                .context("running git (needed by --base)")?;
            if !out.status.success() {
                bail!(
                    "git {}: {}",
                    args.join(" "),
                    String::from_utf8_lossy(&out.stderr).trim()
                );
            }
            Ok(String::from_utf8_lossy(&out.stdout)
                .trim_end_matches('\n')
                .to_owned())
        };
        let git = |args: &[&str]| git_in(from, args);
        let top = git(&["rev-parse", "--show-toplevel"])?;
        let prefix = git(&["rev-parse", "--show-prefix"])?;
        git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
            .with_context(|| format!("`{rev}` is not a revision of {top}"))?;
        let dir = std::env::temp_dir().join(format!("blastwall-diff-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).context("making a folder for the base revision")?;
        // Removed when dropped, whatever fails below.
        let mut export = Self {
            dir: dir.clone(),
            base: PathBuf::new(),
        };
        let tar = dir.join("base.tar");
        // Run at the top: below it, `git archive` would export only that folder.
        git_in(
            Path::new(&top),
            &[
                "archive",
                "--format=tar",
                &format!("--output={}", tar.display()),
                rev,
            ],
        )?;
        let status = Command::new("tar")
            .arg("-xf")
            .arg(&tar)
            .arg("-C")
            .arg(&dir)
            .status()
            .context("running tar")?;
        if !status.success() {
            bail!("tar could not unpack the base revision");
        }
        export.base = dir.join(prefix);
        if !head.is_dir() {
            export.base = export.base.join(head.file_name().unwrap_or_default());
        }
        Ok(export)
    }
}

impl Drop for Export {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
