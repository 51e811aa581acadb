//! The configuration file: `--config FILE`, else the nearest `.blastwall.yaml` above the first path; every
//! problem in it is printed at once.

use std::path::PathBuf;

use anyhow::{Context, Result};
use blastwall_core::config::{self, Config};
use blastwall_core::settings::{self, Options, Settings};
use blastwall_core::source::Source;

/// The configuration: `--config FILE`, else the nearest `.blastwall.yaml` above the first path, else the
/// defaults; `None` after printing every problem in it.
pub fn load(explicit: Option<&PathBuf>, paths: &[PathBuf]) -> Result<Option<Config>> {
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
        .and_then(blastwall_core::settings::read_config);
    match parsed {
        Ok(c) => Ok(Some(c)),
        Err(errors) => {
            report_config_errors(&errors);
            Ok(None)
        }
    }
}

/// The settings of `config` with the command line's `options`; `None` after printing every problem.
pub fn resolve(config: Config, options: &Options) -> Option<Settings> {
    match settings::resolve(config, options) {
        Ok(s) => Some(s),
        Err(errors) => {
            report_config_errors(&errors);
            None
        }
    }
}

pub fn report_config_errors(errors: &[config::ConfigError]) {
    for e in errors {
        if e.file.starts_with("--") {
            eprintln!("error: {}: {}", e.file, e.message);
        } else {
            eprintln!("error: {e}");
        }
    }
}
