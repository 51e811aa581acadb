//! `.blastwall.yaml`: reading it with positions, finding it upward from the scanned path, and reporting
//! every problem in it at once.

mod admission;
mod diff;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::analysis::pss::Version;
use crate::analysis::rbac::KubeVersion;
use crate::finding::Severity;
use crate::model::TemplatePath;
use crate::platform::Platform;
use crate::source::discover::CONFIG_FILE_NAME;
use crate::source::{Node, Outcome, Source, Span, Value};

pub use admission::Exemptions;
pub use diff::DiffAllow;

/// The configuration as written, with the position of each part.
#[derive(Debug, Default)]
pub struct Config {
    /// The file, kept so findings (unused exceptions) can point into it.
    pub source: Option<Source>,
    /// Rules, codes or categories to run; empty means all.
    pub select: Vec<Spanned<String>>,
    /// Rules, codes or categories to skip.
    pub ignore: Vec<Spanned<String>>,
    /// Severity per rule name or code.
    pub severity: Vec<(Spanned<String>, Severity)>,
    /// Lowest severity that fails the run.
    pub fail_on: Option<Severity>,
    /// Pod Security policy version for the PSS-derived rules.
    pub pss_version: Option<Version>,
    /// Where the cluster runs (`platform:`).
    pub platform: Option<Platform>,
    /// The Kubernetes release whose built-in roles and bindings join the inputs (`k8s-version:`).
    pub k8s_version: Option<KubeVersion>,
    /// Path patterns not to read.
    pub exclude: Vec<String>,
    /// Accepted findings.
    pub exceptions: Vec<Exception>,
    /// Where kinds unknown to blastwall keep pod templates.
    pub pod_templates: Vec<TemplatePath>,
    /// What the admission webhook never judges (`admission: exemptions:`).
    pub exemptions: Exemptions,
    /// What `blastwall diff` lets a change add (`diff:`).
    pub diff_allow: DiffAllow,
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Its position in the config file.
    pub span: Span,
}

/// An `exceptions:` entry: findings of these rules on matching objects are accepted, for a reason.
#[derive(Debug, Clone)]
pub struct Exception {
    /// Rule names or codes (`*` for every rule).
    pub rules: Vec<Spanned<String>>,
    /// Object kind, exactly.
    pub kind: Option<String>,
    /// Namespace pattern.
    pub namespace: Option<String>,
    /// Name pattern.
    pub name: Option<String>,
    /// Labels that must all be present with these values.
    pub labels: BTreeMap<String, String>,
    /// Why the findings are accepted.
    pub reason: String,
    /// Where the entry is.
    pub span: Span,
}

/// A problem in the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file's name.
    pub file: String,
    /// Where.
    pub span: Span,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file,
            self.span.line + 1,
            self.span.column + 1,
            self.message
        )
    }
}

/// The nearest `.blastwall.yaml` in `start` (a directory, or a file's directory) or its parents, stopping
/// at the root of the repository (a folder holding `.git`).
#[must_use]
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = if start.is_dir() {
        start.to_path_buf()
    } else {
        start.parent()?.to_path_buf()
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    let mut dir = std::fs::canonicalize(&start).ok()?;
    loop {
        let candidate = dir.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() || !dir.pop() {
            return None;
        }
    }
}

const TOP_KEYS: [&str; 12] = [
    "select",
    "ignore",
    "severity",
    "fail-on",
    "pss-version",
    "exclude",
    "exceptions",
    "platform",
    "k8s-version",
    "pod-templates",
    "admission",
    "diff",
];
const EXCEPTION_KEYS: [&str; 6] = ["rules", "kind", "namespace", "name", "labels", "reason"];

/// Reads a config file's text. Every problem is returned, each with its position.
pub fn parse(source: Source) -> Result<Config, Vec<ConfigError>> {
    let (config, errors) = parse_partial(source);
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

/// Reads a config file's text as far as it can: the settings that could be read, and every problem.
#[must_use]
pub fn parse_partial(source: Source) -> (Config, Vec<ConfigError>) {
    let mut errors = Vec::new();
    let mut config = Config::default();
    let file = source.name.clone();
    let mut error = |span: Span, message: String| {
        errors.push(ConfigError {
            file: file.clone(),
            span,
            message,
        });
    };
    let documents = source.documents();
    let root = match documents.into_iter().map(|d| d.parsed.outcome).next() {
        None | Some(Outcome::Empty) => None,
        Some(Outcome::Error(e)) => {
            error(e.span, e.message);
            None
        }
        Some(Outcome::Value(node)) => Some(node),
    };
    if let Some(root) = &root {
        match root.as_map() {
            None => error(root.span, "the configuration must be a mapping".into()),
            Some(map) => {
                for (key, value) in map.iter() {
                    match key.text.as_str() {
                        "select" => config.select = strings(value, &mut error),
                        "ignore" => config.ignore = strings(value, &mut error),
                        "exclude" => {
                            config.exclude =
                                strings(value, &mut error).into_iter().map(|s| s.value).collect();
                        }
                        "fail-on" => config.fail_on = severity(value, &mut error),
                        "pss-version" => match value.as_str().map(Version::parse_setting) {
                            Some(Ok(v)) => config.pss_version = Some(v),
                            Some(Err(e)) => error(value.span, e.to_string()),
                            None => error(
                                value.span,
                                "`pss-version` must be a string such as v1.30 or latest".into(),
                            ),
                        },
                        "platform" => match value.as_str().map(str::parse::<Platform>) {
                            Some(Ok(p)) => config.platform = Some(p),
                            Some(Err(e)) => error(value.span, e.to_string()),
                            None => error(value.span, "`platform` must be a string such as eks".into()),
                        },
                        "k8s-version" => match value.as_str().map(KubeVersion::parse_setting) {
                            Some(Ok(v)) => config.k8s_version = Some(v),
                            Some(Err(e)) => error(value.span, e.to_string()),
                            None => error(
                                value.span,
                                "`k8s-version` must be a string such as \"1.31\" or latest".into(),
                            ),
                        },
                        "severity" => match value.as_map() {
                            Some(m) => {
                                for (k, v) in m.iter() {
                                    if let Some(sev) = severity(v, &mut error) {
                                        config.severity.push((
                                            Spanned {
                                                value: k.text.to_string(),
                                                span: k.span,
                                            },
                                            sev,
                                        ));
                                    }
                                }
                            }
                            None => error(value.span, "`severity` must map rule names to severities".into()),
                        },
                        "pod-templates" => config.pod_templates = pod_templates(value, &mut error),
                        "admission" => config.exemptions = admission::exemptions(value, &mut error),
                        "diff" => config.diff_allow = diff::diff_allow(value, &mut error),
                        "exceptions" => match value.as_seq() {
                            Some(items) => {
                                config.exceptions =
                                    items.iter().filter_map(|i| exception(i, &mut error)).collect();
                            }
                            None => error(value.span, "`exceptions` must be a list".into()),
                        },
                        other => error(key.span, unknown_key(other, &TOP_KEYS)),
                    }
                }
            }
        }
    }
    config.source = Some(source);
    (config, errors)
}

fn unknown_key(key: &str, known: &[&str]) -> String {
    format!(
        "unknown key `{key}` (expected one of: {}){}",
        known.join(", "),
        crate::suggest::hint(key, known.iter().copied())
    )
}

fn strings(node: &Node, error: &mut impl FnMut(Span, String)) -> Vec<Spanned<String>> {
    let Some(items) = node.as_seq() else {
        error(
            node.span,
            format!("expected a list of strings, found {}", node.type_name()),
        );
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|i| {
            if let Some(s) = i.as_str() {
                Some(Spanned {
                    value: s.to_owned(),
                    span: i.span,
                })
            } else {
                error(i.span, format!("expected a string, found {}", i.type_name()));
                None
            }
        })
        .collect()
}

fn severity(node: &Node, error: &mut impl FnMut(Span, String)) -> Option<Severity> {
    match node.as_str().map(str::parse::<Severity>) {
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => {
            error(node.span, e.to_string());
            None
        }
        None => {
            error(
                node.span,
                format!("expected a severity, found {}", node.type_name()),
            );
            None
        }
    }
}

fn pod_templates(node: &Node, error: &mut impl FnMut(Span, String)) -> Vec<TemplatePath> {
    let Some(items) = node.as_seq() else {
        error(node.span, "`pod-templates` must be a list of {kind, path}".into());
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let kind = item.get("kind").and_then(Node::as_str).filter(|k| !k.is_empty());
        let path = item.get("path").and_then(Node::as_str).filter(|p| !p.is_empty());
        let unknown = item.as_map().and_then(|m| {
            m.iter()
                .find(|(k, _)| !["kind", "path"].contains(&k.text.as_str()))
        });
        if let Some((key, _)) = unknown {
            error(key.span, unknown_key(&key.text, &["kind", "path"]));
        }
        match (kind, path) {
            (Some(kind), Some(path)) => out.push(TemplatePath {
                kind: kind.to_owned(),
                path: path.split('.').map(str::to_owned).collect(),
            }),
            _ => error(
                item.span,
                "a pod template needs `kind` and a dotted `path` such as spec.workerTemplate".into(),
            ),
        }
    }
    out
}

fn exception(node: &Node, error: &mut impl FnMut(Span, String)) -> Option<Exception> {
    let Some(map) = node.as_map() else {
        error(node.span, "an exception must be a mapping".into());
        return None;
    };
    let mut ex = Exception {
        rules: Vec::new(),
        kind: None,
        namespace: None,
        name: None,
        labels: BTreeMap::new(),
        reason: String::new(),
        span: node.span,
    };
    let mut ok = true;
    for (key, value) in map.iter() {
        let text = || value.as_str().map(str::to_owned);
        match key.text.as_str() {
            "rules" => ex.rules = strings(value, error),
            "kind" => ex.kind = text(),
            "namespace" => ex.namespace = text(),
            "name" => ex.name = text(),
            "reason" => text().unwrap_or_default().trim().clone_into(&mut ex.reason),
            "labels" => {
                if let Value::Map(m) = &value.value {
                    for (k, v) in m.iter() {
                        if let Some(s) = v.as_str() {
                            ex.labels.insert(k.text.to_string(), s.to_owned());
                        } else {
                            error(v.span, "label values must be strings".into());
                            ok = false;
                        }
                    }
                } else {
                    error(value.span, "`labels` must be a mapping".into());
                    ok = false;
                }
            }
            other => {
                error(key.span, unknown_key(other, &EXCEPTION_KEYS));
                ok = false;
            }
        }
        if matches!(key.text.as_str(), "kind" | "namespace" | "name" | "reason") && value.as_str().is_none() {
            error(value.span, format!("`{}` must be a string", key.text));
            ok = false;
        }
    }
    if ex.rules.is_empty() {
        error(
            node.span,
            "an exception needs `rules:` (rule names, or `*`)".into(),
        );
        ok = false;
    }
    if ex.reason.is_empty() {
        error(node.span, "an exception needs a `reason:`".into());
        ok = false;
    }
    ok.then_some(ex)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Config, Vec<ConfigError>> {
        parse(Source::new(".blastwall.yaml".into(), None, text.as_bytes().to_vec()).unwrap())
    }

    #[test]
    fn platform_and_kubernetes_version_are_read_and_checked() {
        let config = parse_text("platform: gke\nk8s-version: \"1.30\"\n").expect("valid");
        assert_eq!(config.platform, Some(Platform::Gke));
        assert_eq!(config.k8s_version.map(KubeVersion::minor), Some(30));
        let errors = parse_text("platform: mainframe\nk8s-version: \"1.2\"\n").expect_err("invalid");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].message.contains("unknown platform `mainframe`"),
            "{errors:?}"
        );
        assert!(errors[1].message.contains("older than the oldest"), "{errors:?}");
    }

    #[test]
    fn reads_every_section() {
        let c = parse_text(
            "select: [pod]\nignore: [host-ipc]\nseverity: {host-network: medium}\nfail-on: high\nexclude: ['vendor/**']\n\
             exceptions:\n- rules: [host-pid]\n  kind: DaemonSet\n  namespace: mon*\n  labels: {app: x}\n  reason: reads host processes\n",
        )
        .unwrap();
        assert_eq!(c.select[0].value, "pod");
        assert_eq!(c.severity[0].1, Severity::Medium);
        assert_eq!(c.fail_on, Some(Severity::High));
        assert_eq!(c.exclude, ["vendor/**"]);
        assert_eq!(c.exceptions[0].labels["app"], "x");
        assert_eq!(c.exceptions[0].span, Span { line: 6, column: 2 });
    }

    #[test]
    fn reports_every_problem_with_its_position() {
        let errors = parse_text("selct: [pod]\nfail-on: severe\nexceptions:\n- rules: [x]\n  colour: red\n")
            .unwrap_err();
        let lines: Vec<(u32, &str)> = errors
            .iter()
            .map(|e| (e.span.line + 1, e.message.as_str()))
            .collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines[0].1.contains("unknown key `selct`"));
        assert_eq!(lines[1].0, 2);
        assert!(lines[1].1.contains("unknown severity"));
        assert!(lines.iter().any(|(l, m)| *l == 5 && m.contains("colour")));
        assert!(lines.iter().any(|(_, m)| m.contains("needs a `reason:`")));
    }

    #[test]
    fn admission_exemptions_are_read_and_checked() {
        let c = parse_text(
            "admission:\n  exemptions:\n    namespaces: [kube-system]\n    usernames: [system:serviceaccount:ci:deployer]\n    runtimeClasses: [kata]\n",
        )
        .unwrap();
        assert_eq!(c.exemptions.namespaces, ["kube-system"]);
        assert_eq!(c.exemptions.usernames, ["system:serviceaccount:ci:deployer"]);
        assert_eq!(c.exemptions.runtime_classes, ["kata"]);
        let errors =
            parse_text("admission:\n  exemptions:\n    namespace: [a]\n    usernames: x\n  mode: warn\n")
                .unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("unknown key `namespace`"), "{messages:?}");
        assert!(messages[1].contains("expected a list of strings"), "{messages:?}");
        assert!(messages[2].contains("unknown key `mode`"), "{messages:?}");
    }

    #[test]
    fn syntax_errors_are_reported() {
        let errors = parse_text("select: [pod\n").unwrap_err();
        assert!(errors[0].message.contains("YAML"));
    }
}
