//! The command line of `blastwall serve`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::shared_args::{LiveArgs, SeverityArg};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (the API server calls it over HTTPS).
    #[arg(long, value_name = "ADDR", default_value = "0.0.0.0:8443")]
    pub listen: SocketAddr,
    /// PEM certificate chain the server presents; reloaded when the file changes.
    #[arg(long, value_name = "FILE")]
    pub tls_cert: PathBuf,
    /// PEM private key of the certificate; reloaded when the file changes.
    #[arg(long, value_name = "FILE")]
    pub tls_key: PathBuf,
    /// Configuration file: rules, severities, exceptions and `admission: exemptions:`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Findings at or above this severity deny the request (lower ones come back as warnings).
    #[arg(long, value_name = "SEVERITY", value_enum, default_value_t = SeverityArg::High)]
    pub deny_on: SeverityArg,
    /// enforce: deny; warn: never deny, return every finding as a warning; audit: only annotate the audit
    /// log.
    #[arg(long, value_enum, default_value_t = Mode::Enforce)]
    pub mode: Mode,
    /// Requests judged at once; more wait for a free slot.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_concurrent: usize,
    /// Longest time a request may take, in seconds (the API server's own webhook timeout is 10 s by
    /// default).
    #[arg(long, value_name = "SECONDS", default_value_t = 8)]
    pub timeout: u64,
    /// Seconds between checks of the certificate files for a new certificate.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    pub tls_reload_interval: u64,
    /// Keep a watch cache of the cluster (from the kubeconfig or the pod's service account) so that rules
    /// across objects run: the workload's service account and RBAC, NetworkPolicies, Services.
    #[command(flatten)]
    pub live: LiveArgs,
}

/// What a decision does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Deny findings at or above --deny-on; warn about the rest.
    Enforce,
    /// Admit everything; every finding comes back as a warning.
    Warn,
    /// Admit everything silently; findings go to the audit log's annotations only.
    Audit,
}
