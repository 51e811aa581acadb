//! Arguments more than one command takes, kept apart from `cli` so that commands with argument types of
//! their own (`serve`) share them without importing the whole command line.

use std::path::PathBuf;

use blastwall_core::finding::Severity;
use clap::{Args, ValueEnum};

/// The live cluster as input, chosen as kubectl chooses it.
#[derive(Debug, Clone, Args)]
pub struct LiveArgs {
    /// Read the live cluster of the kubeconfig's context (besides any paths given): every kind the
    /// engines read, Secrets as metadata only.
    #[arg(long)]
    pub cluster: bool,
    /// The kubeconfig to use (default: KUBECONFIG, else ~/.kube/config).
    #[arg(long, value_name = "FILE", requires = "cluster")]
    pub kubeconfig: Option<PathBuf>,
    /// The kubeconfig context to use (default: the current context).
    #[arg(long, value_name = "NAME", requires = "cluster")]
    pub context: Option<String>,
    /// The time bound of each request to the API server, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, requires = "cluster")]
    pub request_timeout: u64,
}

/// A severity given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Info => Self::Info,
            SeverityArg::Low => Self::Low,
            SeverityArg::Medium => Self::Medium,
            SeverityArg::High => Self::High,
            SeverityArg::Critical => Self::Critical,
        }
    }
}
