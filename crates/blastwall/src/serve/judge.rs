//! One admission decision: the object (and, on UPDATE, the stored object) judged by the same engine, rules,
//! configuration and suppressions as `scan`, then split into denials and warnings by `--deny-on` and the
//! mode. On UPDATE a finding the stored object already had is a warning, never a denial, so that existing
//! workloads can still be scaled, relabelled or rolled out while they are being fixed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

use blastwall_core::engine;
use blastwall_core::finding::Severity;
use blastwall_core::load::{load, Input};
use blastwall_core::settings::Settings;
use blastwall_core::source::{Node, SourceId};

use super::args::Mode;
use super::review::{Request, Response, Status};

/// Objects of the cluster that cross-object rules read besides the admitted one.
pub trait ClusterView: Send + Sync {
    /// Every object held, each as JSON named `Kind/namespace/name` (`Kind//name` when cluster-scoped).
    fn objects(&self) -> Vec<(Arc<str>, Arc<[u8]>)>;
}

/// Decides admission requests.
pub struct Judge {
    settings: Settings,
    deny_on: Severity,
    mode: Mode,
    cluster: Option<Arc<dyn ClusterView>>,
}

/// What a request came to, for the log and the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Judged and admitted.
    Admitted,
    /// Judged and denied.
    Denied,
    /// Admitted without judging: an exempt namespace, user or runtime class.
    Exempt,
    /// Admitted without judging: nothing to judge (DELETE, CONNECT, a subresource such as `status`).
    Skipped,
    /// Admitted with a warning: the object could not be read.
    Unreadable,
}

impl Outcome {
    /// As logged and counted.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admitted => "admitted",
            Self::Denied => "denied",
            Self::Exempt => "exempt",
            Self::Skipped => "skipped",
            Self::Unreadable => "unreadable",
        }
    }
}

/// One finding on the admitted object.
#[derive(Debug, Clone)]
pub struct Judged {
    /// Rule name.
    pub rule: &'static str,
    /// After configuration.
    pub severity: Severity,
    /// The field that causes it.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
    /// The stored object had it already (UPDATE).
    pub preexisting: bool,
    /// It denies the request (or would, in warn and audit modes).
    pub denies: bool,
}

/// A decision and what it rests on.
#[derive(Debug)]
pub struct Decision {
    /// The response to send.
    pub response: Response,
    /// For the log and the metrics.
    pub outcome: Outcome,
    /// The findings on the object.
    pub findings: Vec<Judged>,
}

const MAX_WARNINGS: usize = 20;
/// Kubernetes asks webhooks to keep each warning short; longer ones may be cut by the API server.
const MAX_WARNING_CHARS: usize = 256;
const MAX_DENIALS_SHOWN: usize = 5;

impl Judge {
    /// A judge with the run's settings; without a cluster view only the rules that judge an object alone
    /// run.
    pub fn new(
        mut settings: Settings,
        deny_on: Severity,
        mode: Mode,
        cluster: Option<Arc<dyn ClusterView>>,
    ) -> Self {
        settings.object_rules_only = cluster.is_none();
        Self {
            settings,
            deny_on,
            mode,
            cluster,
        }
    }

    /// The decision on one request.
    pub fn decide(&self, request: &Request<'_>) -> Decision {
        let skip = |outcome, warnings: Vec<String>| Decision {
            response: Response {
                uid: request.uid.clone(),
                allowed: true,
                status: None,
                warnings,
                audit_annotations: BTreeMap::new(),
            },
            outcome,
            findings: Vec::new(),
        };
        let judged_operation = matches!(request.operation.as_str(), "CREATE" | "UPDATE");
        let judged_part = request.sub_resource.is_empty() || request.sub_resource == "ephemeralcontainers";
        let Some(object) = request.object.filter(|_| judged_operation && judged_part) else {
            return skip(Outcome::Skipped, Vec::new());
        };
        let exemptions = &self.settings.exemptions;
        if exemptions.namespaces.contains(&request.namespace)
            || exemptions.usernames.contains(&request.user_info.username)
        {
            return skip(Outcome::Exempt, Vec::new());
        }
        let name = object_name(request);
        let judged = match self.findings(&name, object.get().as_bytes()) {
            Run::Unreadable(reason) => {
                return skip(
                    Outcome::Unreadable,
                    vec![cut(&format!(
                        "blastwall could not read this object and admitted it unjudged: {reason}"
                    ))],
                );
            }
            Run::Exempt => return skip(Outcome::Exempt, Vec::new()),
            Run::Findings(found) => found,
        };
        let before: BTreeSet<(&str, String)> =
            match request.old_object.filter(|_| request.operation == "UPDATE") {
                Some(old) => match self.findings(&name, old.get().as_bytes()) {
                    Run::Findings(old) => old.into_iter().map(|j| (j.rule, j.path)).collect(),
                    Run::Unreadable(_) | Run::Exempt => BTreeSet::new(),
                },
                None => BTreeSet::new(),
            };
        let findings: Vec<Judged> = judged
            .into_iter()
            .map(|mut j| {
                j.preexisting = before.contains(&(j.rule, j.path.clone()));
                j.denies = !j.preexisting && j.severity >= self.deny_on;
                j
            })
            .collect();
        self.respond(request, findings)
    }

    fn respond(&self, request: &Request<'_>, findings: Vec<Judged>) -> Decision {
        let denials: Vec<&Judged> = findings.iter().filter(|j| j.denies).collect();
        let denied = self.mode == Mode::Enforce && !denials.is_empty();
        let mut warnings = Vec::new();
        if self.mode != Mode::Audit {
            for j in &findings {
                if denied && j.denies {
                    continue;
                }
                let prefix = if j.denies { "would be denied: " } else { "" };
                let suffix = if j.preexisting {
                    " (already present before this update)"
                } else {
                    ""
                };
                warnings.push(cut(&format!(
                    "{prefix}[{}] {}: {}{suffix}",
                    j.rule, j.path, j.message
                )));
            }
            if warnings.len() > MAX_WARNINGS {
                let more = warnings.len() - (MAX_WARNINGS - 1);
                warnings.truncate(MAX_WARNINGS - 1);
                warnings.push(format!(
                    "... and {more} more findings (see the blastwall logs or run `blastwall scan`)"
                ));
            }
        }
        let mut audit = BTreeMap::new();
        if !findings.is_empty() {
            let listed: Vec<String> = findings
                .iter()
                .map(|j| format!("{}@{}", j.rule, j.path))
                .collect();
            audit.insert("findings".to_owned(), listed.join(","));
            let verdict = match (denied, denials.is_empty()) {
                (true, _) => "denied",
                (false, false) => "would-deny",
                (false, true) => "admitted",
            };
            audit.insert("decision".to_owned(), verdict.to_owned());
        }
        let status = denied.then(|| Status {
            code: 403,
            message: denial_message(request, &denials, self.deny_on),
        });
        Decision {
            response: Response {
                uid: request.uid.clone(),
                allowed: !denied,
                status,
                warnings,
                audit_annotations: audit,
            },
            outcome: if denied {
                Outcome::Denied
            } else {
                Outcome::Admitted
            },
            findings,
        }
    }

    /// The findings on one object, in the context of the cluster view when there is one.
    fn findings(&self, name: &str, json: &[u8]) -> Run {
        let mut inputs = vec![Input::Text {
            name: name.to_owned(),
            bytes: json.to_vec(),
        }];
        if let Some(cluster) = &self.cluster {
            inputs.extend(
                cluster
                    .objects()
                    .into_iter()
                    .filter(|(key, _)| &**key != name)
                    .map(|(key, bytes)| Input::Text {
                        name: key.to_string(),
                        bytes: bytes.to_vec(),
                    }),
            );
        }
        let inventory = load(inputs, &AtomicUsize::new(0));
        let admitted = SourceId(0);
        let Some((_, object)) = inventory.iter().find(|(_, o)| o.source == admitted) else {
            return Run::Unreadable("it is not a Kubernetes object blastwall can parse".into());
        };
        let runtime_classes = &self.settings.exemptions.runtime_classes;
        if !runtime_classes.is_empty()
            && inventory.pod_specs_of(object).iter().any(|pod| {
                pod.spec
                    .get("runtimeClassName")
                    .and_then(Node::as_str)
                    .is_some_and(|class| runtime_classes.iter().any(|c| c == class))
            })
        {
            return Run::Exempt;
        }
        let report = engine::run(inventory, self.settings.without_config_source());
        let mut found: Vec<Judged> = report
            .findings
            .iter()
            .filter(|f| f.suppressed.is_none() && f.location.is_some_and(|l| l.source == admitted))
            .map(|f| Judged {
                rule: f.rule.name,
                severity: f.severity,
                path: f.path.to_string(),
                message: f.message.clone(),
                help: f.help.to_string(),
                preexisting: false,
                denies: false,
            })
            .collect();
        found.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then(a.rule.cmp(b.rule))
                .then(a.path.cmp(&b.path))
        });
        // The process keeps running: the report is dropped here, not leaked as `scan` does on exit.
        drop(report);
        Run::Findings(found)
    }
}

enum Run {
    Findings(Vec<Judged>),
    Unreadable(String),
    Exempt,
}

/// `Kind/namespace/name`, as the cluster view names objects.
fn object_name(request: &Request<'_>) -> String {
    format!("{}/{}/{}", request.kind.kind, request.namespace, request.name)
}

fn denial_message(request: &Request<'_>, denials: &[&Judged], deny_on: Severity) -> String {
    let what = if request.name.is_empty() {
        request.kind.kind.clone()
    } else {
        format!("{} {}", request.kind.kind, request.name)
    };
    let mut lines = vec![format!(
        "blastwall: {what} has {} finding(s) at or above {}:",
        denials.len(),
        deny_on.as_str()
    )];
    for j in denials.iter().take(MAX_DENIALS_SHOWN) {
        lines.push(format!(
            "- [{}] {}: {} Fix: {}",
            j.rule, j.path, j.message, j.help
        ));
    }
    if denials.len() > MAX_DENIALS_SHOWN {
        lines.push(format!("- ... and {} more", denials.len() - MAX_DENIALS_SHOWN));
    }
    lines.join("\n")
}

/// A warning no longer than the API server keeps whole.
fn cut(text: &str) -> String {
    if text.chars().count() <= MAX_WARNING_CHARS {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(MAX_WARNING_CHARS - 1).collect();
    out.push('…');
    out
}
