//! The `blastwall` command: argument parsing, the process's input and output, and exit codes.
//!
//! Exit codes: 0 when nothing reaches `--fail-on`, 1 when something does, 2 on usage or input errors.

mod cli;
mod cluster;
mod command_failure;
mod config_file;
mod connlist_cmd;
mod diff_cmd;
mod exit;
mod exposure_cmd;
mod input;
mod output;
mod paths_cmd;
mod progress;
mod pss_cmd;
mod rbac_cmd;
mod reach_cmd;
mod rules_cmd;
mod scan;
mod serve;
mod shared_args;
mod snapshot_cmd;
mod templates;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use exit::EXIT_ERROR;

fn main() -> ExitCode {
    let mut cli = cli::Cli::parse();
    cli.command.scope_inputs();
    let result = match cli.command {
        cli::Command::Scan(args) => scan::run(&args),
        cli::Command::Pss(args) => pss_cmd::run(&args),
        cli::Command::CanI(args) => rbac_cmd::can_i_cmd(&args),
        cli::Command::WhoCan(args) => rbac_cmd::who_can_cmd(&args),
        cli::Command::Rbac(args) => rbac_cmd::rbac_cmd(&args),
        cli::Command::Connlist(args) => connlist_cmd::run(&args),
        cli::Command::Reach(args) => reach_cmd::run(&args),
        cli::Command::Exposure(args) => exposure_cmd::run(&args),
        cli::Command::Paths(args) => paths_cmd::paths(&args),
        cli::Command::BlastRadius(args) => paths_cmd::blast_radius(&args),
        cli::Command::Diff(args) => diff_cmd::run(&args),
        cli::Command::Snapshot(args) => snapshot_cmd::run(&args),
        cli::Command::Rules(args) => rules_cmd::run(&args),
        cli::Command::Serve(args) => serve::run(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "error: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// A reader that closed the pipe (`blastwall scan | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
