//! The command line, in kubectl's habits: positional paths or repeatable `-f`, `-` for standard input.

use std::path::PathBuf;

use blastwall_core::analysis::rbac::KubeVersion;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// blastwall: how far can one breach spread in your Kubernetes cluster?
#[derive(Debug, Parser)]
#[command(name = "blastwall", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan manifests and report findings with file, line and column.
    Scan(ScanArgs),
    /// Show the highest Pod Security Standards level each workload satisfies, and why not higher.
    Pss(PssArgs),
    /// Whether an identity may do something, decided as the API server's RBAC authorizer would.
    #[command(name = "can-i")]
    CanI(CanIArgs),
    /// Every subject that may do something, with the binding and role that allow it.
    #[command(name = "who-can")]
    WhoCan(WhoCanArgs),
    /// Everything an identity may do, cluster-wide and in each namespace of the inputs (or, with --all, what
    /// every subject may do).
    Rbac(RbacArgs),
    /// Every connection the NetworkPolicies allow between workloads and to and from the outside.
    Connlist(ConnlistArgs),
    /// Whether one workload, pod or address may open a connection to another, and which policies decide it.
    Reach(ReachArgs),
    /// What the outside can reach: load balancers, node ports, external IPs, Ingresses, host networking.
    Exposure(ExposureArgs),
    /// List the rules, or explain one.
    Rules(RulesArgs),
}

#[derive(Debug, Args)]
pub struct ConnlistArgs {
    /// Manifest paths (also with -f).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A file or directory to read, as with kubectl (repeatable).
    #[arg(short = 'f', long = "filename", value_name = "PATH")]
    pub filenames: Vec<PathBuf>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = ConnlistFormat::Text)]
    pub output: ConnlistFormat,
    /// Let ipBlocks match pods by the IPs in their status (CNI-dependent; off: pods match selectors only).
    #[arg(long)]
    pub ipblock_matches_pods: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConnlistFormat {
    Text,
    Json,
    Dot,
    Md,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExposureArgs {
    /// Manifest paths (also with -f).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A file or directory to read, as with kubectl (repeatable).
    #[arg(short = 'f', long = "filename", value_name = "PATH")]
    pub filenames: Vec<PathBuf>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = RbacFormat::Text)]
    pub output: RbacFormat,
}

#[derive(Debug, Args)]
pub struct ReachArgs {
    /// FROM and TO (`namespace/workload`, `namespace/pod` or an IP address), then optional manifest paths.
    #[arg(value_name = "ARGS")]
    pub args: Vec<String>,
    /// Ask about one port: PORT/PROTOCOL (`5432/TCP`; the protocol defaults to TCP).
    #[arg(long, value_name = "PORT[/PROTO]")]
    pub port: Option<String>,
    /// A file or directory to read, as with kubectl (repeatable).
    #[arg(short = 'f', long = "filename", value_name = "PATH")]
    pub filenames: Vec<PathBuf>,
    /// Let ipBlocks match pods by the IPs in their status.
    #[arg(long)]
    pub ipblock_matches_pods: bool,
}

#[derive(Debug, Args)]
pub struct CanIArgs {
    /// VERB TYPE[/NAME] (or VERB /non/resource/url), then optional manifest paths.
    #[arg(value_name = "ARGS")]
    pub args: Vec<String>,
    /// The user to check: a name, or system:serviceaccount:NAMESPACE:NAME.
    #[arg(long = "as", value_name = "USER", required = true)]
    pub as_user: String,
    /// A group the user belongs to (repeatable).
    #[arg(long = "as-group", value_name = "GROUP")]
    pub as_groups: Vec<String>,
    /// The namespace of the request, sent whatever the resource's scope, as kubectl does (namespaced objects
    /// without one are read as `default`).
    #[arg(short = 'n', long, default_value = "default")]
    pub namespace: String,
    /// Ask across all namespaces (only cluster-wide grants count).
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,
    /// A subresource such as `log` or `exec`.
    #[arg(long, default_value = "")]
    pub subresource: String,
    /// List everything the user may do in the namespace instead.
    #[arg(long)]
    pub list: bool,
    /// RBAC manifests: files or directories (repeatable).
    #[arg(short = 'f', long = "filename", value_name = "PATH")]
    pub filenames: Vec<PathBuf>,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = RbacFormat::Text)]
    pub output: RbacFormat,
}

#[derive(Debug, Args)]
pub struct WhoCanArgs {
    /// VERB TYPE[/NAME] (or VERB /non/resource/url), then optional manifest paths.
    #[arg(value_name = "ARGS")]
    pub args: Vec<String>,
    /// The namespace of the request.
    #[arg(short = 'n', long, default_value = "default")]
    pub namespace: String,
    /// Ask across all namespaces (only cluster-wide grants count).
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,
    /// A subresource such as `log` or `exec`.
    #[arg(long, default_value = "")]
    pub subresource: String,
    /// RBAC manifests: files or directories (repeatable).
    #[arg(short = 'f', long = "filename", value_name = "PATH")]
    pub filenames: Vec<PathBuf>,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = RbacFormat::Text)]
    pub output: RbacFormat,
}

#[derive(Debug, Args)]
pub struct RbacArgs {
    /// Manifest paths (also with -f).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The identity: a user name, or system:serviceaccount:NAMESPACE:NAME.
    #[arg(
        long = "as",
        value_name = "USER",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub as_user: Option<String>,
    /// A group the identity belongs to (repeatable).
    #[arg(long = "as-group", value_name = "GROUP")]
    pub as_groups: Vec<String>,
    /// Every subject at once: each user, group and service account that a binding names or the inputs
    /// define, with the bindings and roles that apply to it (its groups' included).
    #[arg(long)]
    pub all: bool,
    /// RBAC manifests: files or directories (repeatable).
    #[arg(short = 'f', long = "filename", value_name = "PATH")]
    pub filenames: Vec<PathBuf>,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = RbacFormat::Text)]
    pub output: RbacFormat,
}

/// Which of Kubernetes' built-in roles and bindings join the inputs' RBAC objects.
#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// Kubernetes version whose built-in roles and bindings (cluster-admin, admin, edit, view and the
    /// system: policy) are part of the cluster: 1.N or latest (default: the config's, else latest).
    #[arg(long = "k8s-version", value_name = "VERSION")]
    pub k8s_version: Option<KubeVersion>,
    /// Leave Kubernetes' built-in roles and bindings out: only the inputs' RBAC objects count.
    #[arg(long)]
    pub no_default_rbac: bool,
}

impl ClusterArgs {
    /// The version whose built-in policy joins the inputs, or `None` when it is left out.
    pub fn default_rbac(&self) -> Option<KubeVersion> {
        (!self.no_default_rbac).then_some(self.k8s_version.unwrap_or(KubeVersion::LATEST))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RbacFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct PssArgs {
    /// Files or directories to check (`-` reads standard input).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A file or directory to check, as with kubectl (repeatable).
    #[arg(short = 'f', long = "filename", value_name = "PATH")]
    pub filenames: Vec<PathBuf>,
    /// Pod Security policy version, as in the `enforce-version` namespace label: v1.N or latest.
    #[arg(long, default_value = "latest")]
    pub version: String,
    /// Configuration file (default: the nearest .blastwall.yaml above the first path); its `exclude` and
    /// `pod-templates` apply.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = PssFormat::Text)]
    pub output: PssFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PssFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan (`-` reads standard input). Directories are searched for .yaml, .yml
    /// and .json files, skipping hidden ones.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A file or directory to scan, as with kubectl (repeatable).
    #[arg(short = 'f', long = "filename", value_name = "PATH")]
    pub filenames: Vec<PathBuf>,
    /// Output format, optionally written to a file: text, json, sarif, or FORMAT=FILE (repeatable).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FORMAT[=FILE]",
        default_value = "text"
    )]
    pub outputs: Vec<String>,
    /// Exit with status 1 when a finding reaches this severity.
    #[arg(long, value_name = "SEVERITY", value_parser = ["info", "low", "medium", "high", "critical"])]
    pub fail_on: Option<String>,
    /// Run only these rules, codes or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Skip these rules, codes or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Pod Security policy version for the Pod Security rules: v1.N or latest (default: the config's, else latest).
    #[arg(long, value_name = "VERSION")]
    pub pss_version: Option<String>,
    /// `pss-restricted` reports restricted-level Pod Security findings as high instead of medium.
    #[arg(long, value_name = "PROFILE", default_value = "default", value_parser = ["default", "pss-restricted"])]
    pub profile: String,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Where the cluster runs. On a managed platform (eks, gke, aks, openshift) the provider owns the
    /// control plane and the nodes: those findings are counted as the provider's, not listed as yours.
    /// Default: the config's `platform`, else self-managed.
    #[arg(long, value_name = "PLATFORM",
          value_parser = ["self-managed", "eks", "gke", "aks", "openshift", "k3s"])]
    pub platform: Option<String>,
    /// Configuration file (default: the nearest .blastwall.yaml above the first path).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule name or code to explain.
    pub name: Option<String>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = RulesFormat::Text)]
    pub output: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
