//! The command line, in kubectl's habits: positional paths or repeatable `-f`, `-` for standard input.

use std::path::PathBuf;

use blastwall_core::analysis::pss::{Level, Version};
use blastwall_core::analysis::rbac::KubeVersion;
use blastwall_core::platform::Platform;
use blastwall_core::render;
use blastwall_core::settings::Profile;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output;
pub use crate::shared_args::{LiveArgs, SeverityArg};

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
    /// The shortest attack paths from an identity, the internet or a workload to cluster-admin, nodes,
    /// Secrets or a workload, each step with the objects and fields that allow it.
    Paths(PathsArgs),
    /// Everything one compromised workload reaches: other workloads, identities, Secrets, nodes,
    /// cluster-admin.
    #[command(name = "blast-radius")]
    BlastRadius(BlastRadiusArgs),
    /// What a change does to security: new and fixed findings, connections, permissions and Pod Security
    /// levels between two trees of manifests (or the working tree and a git revision).
    Diff(DiffArgs),
    /// Write what a live cluster holds as multi-document YAML, for the offline commands and CI.
    Snapshot(SnapshotArgs),
    /// List the rules, or explain one.
    Rules(RulesArgs),
    /// Run as a validating admission webhook: the API server asks, the same rules as `scan` decide.
    Serve(crate::serve::ServeArgs),
}

/// The posture diff's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For people.
    Text,
    /// `schema_version` 1, described in docs/posture-diff.md.
    Json,
    /// A pull-request comment.
    Markdown,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// BASE and HEAD: two files or folders of manifests; with --base, only HEAD (default `.`).
    #[arg(value_name = "PATH", num_args = 0..=2)]
    pub paths: Vec<PathBuf>,
    /// Compare HEAD with this git revision of the repository HEAD lies in (a commit, a branch, `HEAD~1`).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = DiffFormat::Text)]
    pub output: DiffFormat,
    /// Exit with status 1 when the change adds a finding at or above this severity (default: the config's,
    /// else low); new connections and permissions fail it unless the config's `diff:` allows them.
    #[arg(long, value_name = "SEVERITY", value_enum)]
    pub fail_on: Option<SeverityArg>,
    /// Configuration file (default: the nearest .blastwall.yaml above HEAD).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Leave out files whose path matches GLOB (repeatable), on both sides.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Never run helm or kubectl: read Helm charts and Kustomize folders as files, on both sides.
    #[arg(long)]
    pub no_render: bool,
    #[command(flatten)]
    pub cluster: ClusterArgs,
}

impl Command {
    /// Gives each command's inputs the namespace to read from a cluster: its `-n` (for `can-i` and
    /// `who-can`, the request's namespace: only that namespace's bindings and the cluster's can decide it).
    pub fn scope_inputs(&mut self) {
        let scope = |args: &ScopeArgs| args.namespace.clone();
        let request = |args: &RequestArgs| (!args.all_namespaces).then(|| args.namespace.clone());
        match self {
            Self::Scan(a) => a.input.scope = scope(&a.scope),
            Self::Pss(a) => a.input.scope = scope(&a.scope),
            Self::Rbac(a) => a.input.scope = scope(&a.scope),
            Self::Connlist(a) => a.input.scope = scope(&a.scope),
            Self::Reach(a) => a.input.scope = scope(&a.scope),
            Self::Exposure(a) => a.input.scope = scope(&a.scope),
            Self::Paths(a) => a.input.scope = scope(&a.scope),
            Self::BlastRadius(a) => a.input.scope = scope(&a.scope),
            Self::CanI(a) => a.input.scope = request(&a.request),
            Self::WhoCan(a) => a.input.scope = request(&a.request),
            Self::Diff(_) | Self::Snapshot(_) | Self::Rules(_) | Self::Serve(_) => {}
        }
    }
}

/// Where the manifests come from, for every command: paths (`-` reads standard input), kubectl's repeatable
/// `-f`, and the configuration file whose `exclude`, `pod-templates` and `k8s-version` apply.
#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // each is a command-line switch of its own
pub struct InputArgs {
    /// Files or directories to read (`-` reads standard input). Directories are searched for .yaml, .yml
    /// and .json files, skipping hidden ones.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A file or directory to read, as with kubectl (repeatable).
    #[arg(short = 'f', long = "filename", value_name = "PATH")]
    pub filenames: Vec<PathBuf>,
    /// Configuration file (default: the nearest .blastwall.yaml above the first path).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Leave out files whose path matches GLOB (`vendor/**`, `*.values.yaml`; repeatable), besides the
    /// config's `exclude`.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// List every document that could not be read (by default their number is said once).
    #[arg(short = 'v', long, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Say nothing about documents that could not be read.
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Accept inputs that hold no Kubernetes manifest (an empty folder, empty standard input) instead of
    /// stopping with status 2.
    #[arg(long)]
    pub allow_empty: bool,
    /// Never run helm or kubectl: read Helm charts and Kustomize folders as files (a chart's templates are
    /// left out, each folder said once as an unrendered-templates finding).
    #[arg(long)]
    pub no_render: bool,
    #[command(flatten)]
    pub live: LiveArgs,
    /// The one namespace to read from the cluster (cluster-scoped kinds are read whole); `None` for all.
    /// Set by the command from its `-n` before reading.
    #[arg(skip)]
    pub scope: Option<String>,
}

/// Which namespaces of the cluster to read, as kubectl's `-n` and `-A`.
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// With --cluster: read only this namespace (and the cluster-scoped kinds).
    #[arg(
        short = 'n',
        long,
        value_name = "NAMESPACE",
        requires = "cluster",
        conflicts_with = "all_namespaces"
    )]
    pub namespace: Option<String>,
    /// With --cluster: read every namespace (the default).
    #[arg(short = 'A', long, requires = "cluster")]
    pub all_namespaces: bool,
}

impl InputArgs {
    /// `-f` paths first, then the positional ones.
    pub fn all_paths(&self) -> Vec<PathBuf> {
        self.filenames.iter().chain(&self.paths).cloned().collect()
    }
}

/// Which of Kubernetes' built-in roles and bindings join the inputs' RBAC objects.
#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// Kubernetes version whose built-in roles and bindings (cluster-admin, admin, edit, view and the
    /// system: policy) are part of the cluster: 1.N or latest (default: the config's, else latest).
    #[arg(long = "k8s-version", value_name = "VERSION", value_parser = parse_k8s_version)]
    pub k8s_version: Option<KubeVersion>,
    /// Leave Kubernetes' built-in roles and bindings out: only the inputs' RBAC objects count.
    #[arg(long)]
    pub no_default_rbac: bool,
}

impl ClusterArgs {
    /// The version whose built-in policy joins the inputs (the command line's, else the config's, else the
    /// newest), or `None` when it is left out.
    pub fn default_rbac(&self, configured: Option<KubeVersion>) -> Option<KubeVersion> {
        (!self.no_default_rbac).then_some(self.k8s_version.or(configured).unwrap_or(KubeVersion::LATEST))
    }
}

/// The form of a command's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnswerFormat {
    Text,
    Json,
}

impl From<AnswerFormat> for render::AnswerFormat {
    fn from(f: AnswerFormat) -> Self {
        match f {
            AnswerFormat::Text => Self::Text,
            AnswerFormat::Json => Self::Json,
        }
    }
}

#[derive(Debug, Args)]
pub struct ConnlistArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
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

impl From<ConnlistFormat> for render::connlist::ConnlistFormat {
    fn from(f: ConnlistFormat) -> Self {
        match f {
            ConnlistFormat::Text => Self::Text,
            ConnlistFormat::Json => Self::Json,
            ConnlistFormat::Dot => Self::Dot,
            ConnlistFormat::Md => Self::Md,
            ConnlistFormat::Csv => Self::Csv,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExposureArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = AnswerFormat::Text)]
    pub output: AnswerFormat,
}

#[derive(Debug, Args)]
pub struct ReachArgs {
    /// Who opens the connection: `namespace/workload`, `namespace/pod` or an IP address.
    #[arg(value_name = "FROM")]
    pub from: String,
    /// Who accepts it, in the same forms.
    #[arg(value_name = "TO")]
    pub to: String,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Ask about one port: PORT/PROTOCOL (`5432/TCP`; the protocol defaults to TCP).
    #[arg(long, value_name = "PORT[/PROTO]")]
    pub port: Option<String>,
    /// Let ipBlocks match pods by the IPs in their status.
    #[arg(long)]
    pub ipblock_matches_pods: bool,
}

/// Where `paths` ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathsTo {
    ClusterAdmin,
    Nodes,
    Secrets,
    Workload(String),
}

fn parse_paths_to(text: &str) -> Result<PathsTo, String> {
    Ok(match text {
        "cluster-admin" => PathsTo::ClusterAdmin,
        "nodes" | "node" => PathsTo::Nodes,
        "secrets" => PathsTo::Secrets,
        other if other.contains('/') => PathsTo::Workload(other.to_owned()),
        other => {
            return Err(format!(
                "`{other}`: write cluster-admin, nodes, secrets or NAMESPACE/WORKLOAD"
            ))
        }
    })
}

/// The forms of the `paths` answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathsFormat {
    Text,
    Json,
    Dot,
    Mermaid,
}

#[derive(Debug, Args)]
pub struct PathsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Start from an identity: a user name, or system:serviceaccount:NAMESPACE:NAME.
    #[arg(
        long = "as",
        value_name = "USER",
        conflicts_with = "from",
        required_unless_present = "from"
    )]
    pub as_user: Option<String>,
    /// A group the identity belongs to (repeatable).
    #[arg(long = "as-group", value_name = "GROUP", requires = "as_user")]
    pub as_groups: Vec<String>,
    /// Start from `internet` or a compromised workload: NAMESPACE/NAME or NAMESPACE/KIND/NAME.
    #[arg(long, value_name = "internet|NS/WORKLOAD")]
    pub from: Option<String>,
    /// Where the paths end: cluster-admin, nodes, secrets or NAMESPACE/WORKLOAD.
    #[arg(long, value_name = "TARGET", default_value = "cluster-admin", value_parser = parse_paths_to)]
    pub to: PathsTo,
    /// The longest path searched, in steps.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=32))]
    pub max_steps: u32,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = PathsFormat::Text)]
    pub output: PathsFormat,
}

#[derive(Debug, Args)]
pub struct BlastRadiusArgs {
    /// The compromised workload: NAMESPACE/NAME or NAMESPACE/KIND/NAME.
    #[arg(value_name = "NS/WORKLOAD")]
    pub workload: String,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// The longest path followed, in steps.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=32))]
    pub max_steps: u32,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = AnswerFormat::Text)]
    pub output: AnswerFormat,
}

/// The request of `can-i` and `who-can`, in kubectl's words.
#[derive(Debug, Args)]
pub struct RequestArgs {
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
}

#[derive(Debug, Args)]
pub struct CanIArgs {
    /// The verb (`get`, `create`, `*`...); left out with --list.
    #[arg(value_name = "VERB", required_unless_present = "list")]
    pub verb: Option<String>,
    /// TYPE, TYPE/NAME or a non-resource URL such as /logs/.
    #[arg(value_name = "TYPE[/NAME]", required_unless_present = "list")]
    pub target: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
    /// The user to check: a name, or system:serviceaccount:NAMESPACE:NAME.
    #[arg(long = "as", value_name = "USER", required = true)]
    pub as_user: String,
    /// A group the user belongs to (repeatable).
    #[arg(long = "as-group", value_name = "GROUP")]
    pub as_groups: Vec<String>,
    #[command(flatten)]
    pub request: RequestArgs,
    /// List everything the user may do in the namespace instead.
    #[arg(long)]
    pub list: bool,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = AnswerFormat::Text)]
    pub output: AnswerFormat,
}

#[derive(Debug, Args)]
pub struct WhoCanArgs {
    /// The verb (`get`, `create`, `*`...).
    #[arg(value_name = "VERB")]
    pub verb: String,
    /// TYPE, TYPE/NAME or a non-resource URL such as /logs/.
    #[arg(value_name = "TYPE[/NAME]")]
    pub target: String,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub request: RequestArgs,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = AnswerFormat::Text)]
    pub output: AnswerFormat,
}

#[derive(Debug, Args)]
pub struct RbacArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
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
    /// With --all: also the subjects only Kubernetes' built-in bindings name (system:kube-scheduler...),
    /// after the inputs' own.
    #[arg(long, requires = "all")]
    pub include_builtin: bool,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = AnswerFormat::Text)]
    pub output: AnswerFormat,
}

#[derive(Debug, Args)]
pub struct PssArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Pod Security policy version, as in the `enforce-version` namespace label: v1.N or latest.
    #[arg(long, default_value = "latest", value_parser = parse_pss_version)]
    pub version: Version,
    /// Exit with status 1 when a workload satisfies less than this level: privileged, baseline or
    /// restricted.
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    pub fail_below: Option<Level>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = AnswerFormat::Text)]
    pub output: AnswerFormat,
}

fn parse_pss_version(text: &str) -> Result<Version, blastwall_core::value_error::ValueError> {
    Version::parse_setting(text)
}

fn parse_level(text: &str) -> Result<Level, blastwall_core::value_error::ValueError> {
    text.parse()
}

fn parse_k8s_version(text: &str) -> Result<KubeVersion, blastwall_core::value_error::ValueError> {
    KubeVersion::parse_setting(text)
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Output format, optionally written to a file: text, concise, json, sarif, junit, markdown or html, or FORMAT=FILE (repeatable; at most
    /// one without a file).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FORMAT[=FILE]",
        default_value = "text",
        value_parser = output::parse_one
    )]
    pub outputs: Vec<output::Output>,
    /// Exit with status 1 when a finding reaches this severity.
    #[arg(long, value_name = "SEVERITY", value_enum)]
    pub fail_on: Option<SeverityArg>,
    /// Show only findings at or above this severity (the others are counted; the exit status still
    /// follows --fail-on over every finding).
    #[arg(long, value_name = "SEVERITY", value_enum)]
    pub severity: Option<SeverityArg>,
    /// Run only these rules, codes or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Skip these rules, codes or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Pod Security policy version for the Pod Security rules: v1.N or latest (default: the config's, else latest).
    #[arg(long, value_name = "VERSION", value_parser = parse_pss_version)]
    pub pss_version: Option<Version>,
    /// How Pod Security findings are rated.
    #[arg(long, value_name = "PROFILE", value_enum, default_value_t = ProfileArg::Default)]
    pub profile: ProfileArg,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Where the cluster runs. On a managed platform (eks, gke, aks, openshift) the provider owns the
    /// control plane and the nodes: those findings are counted as the provider's, not listed as yours.
    /// Default: the config's `platform`, else self-managed.
    #[arg(long, value_name = "PLATFORM", value_enum)]
    pub platform: Option<PlatformArg>,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// How Pod Security findings are rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// Baseline violations high, restricted-only violations medium.
    Default,
    /// Restricted violations high too.
    PssRestricted,
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::Default => Self::Default,
            ProfileArg::PssRestricted => Self::PssRestricted,
        }
    }
}

/// Where the cluster runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlatformArg {
    SelfManaged,
    Eks,
    Gke,
    Aks,
    Openshift,
    K3s,
}

impl From<PlatformArg> for Platform {
    fn from(p: PlatformArg) -> Self {
        match p {
            PlatformArg::SelfManaged => Self::SelfManaged,
            PlatformArg::Eks => Self::Eks,
            PlatformArg::Gke => Self::Gke,
            PlatformArg::Aks => Self::Aks,
            PlatformArg::Openshift => Self::Openshift,
            PlatformArg::K3s => Self::K3s,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless `NO_COLOR` is set or `TERM` is `dumb`; `CLICOLOR_FORCE` forces it.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct SnapshotArgs {
    #[command(flatten)]
    pub live: LiveArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// The file to write (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
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
