//! Options as written (config file and command line) resolved into the settings a run uses.

use std::collections::HashMap;

use crate::analysis::pss::Version;
use crate::analysis::rbac::KubeVersion;
use crate::config::{Config, ConfigError, DiffAllow, Exception, Exemptions, Spanned};
use crate::finding::Severity;
use crate::model::TemplatePath;
use crate::rules::{self, meta, Rule};
use crate::source::{Source, Span};

pub use crate::platform::Platform;
use crate::value_error::ValueError;

/// Options given on the command line (or by an embedding program).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Rules, codes or categories to run; replaces the config's `select` when not empty.
    pub select: Vec<String>,
    /// Rules, codes or categories to skip, added to the config's `ignore`.
    pub ignore: Vec<String>,
    /// Replaces the config's `fail-on`.
    pub fail_on: Option<Severity>,
    /// Replaces the config's `pss-version`.
    pub pss_version: Option<Version>,
    /// `pss-restricted` raises restricted-level Pod Security findings to high.
    pub profile: Profile,
    /// The Kubernetes version whose built-in roles and bindings join the inputs (default: the newest known).
    pub k8s_version: Option<KubeVersion>,
    /// Leaves Kubernetes' built-in roles and bindings out.
    pub no_default_rbac: bool,
    /// Where the cluster runs (replaces the config's `platform`).
    pub platform: Option<Platform>,
}

/// Which Pod Security level a run holds workloads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Baseline violations are high, restricted-only violations medium.
    #[default]
    Default,
    /// Restricted violations are high too.
    PssRestricted,
}

impl std::str::FromStr for Profile {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        match s {
            "default" => Ok(Self::Default),
            "pss-restricted" => Ok(Self::PssRestricted),
            other => Err(ValueError::Unknown {
                what: "profile",
                value: other.to_owned(),
                expected: "default or pss-restricted",
            }),
        }
    }
}

/// What a run uses.
#[derive(Debug)]
pub struct Settings {
    /// Rules that run, by code.
    pub rules: Vec<&'static Rule>,
    /// Severity overrides by rule code.
    pub severity: HashMap<&'static str, Severity>,
    /// Lowest severity that fails the run (default `low`).
    pub fail_on: Severity,
    /// Accepted findings from the config.
    pub exceptions: Vec<Exception>,
    /// Path patterns not to read.
    pub exclude: Vec<String>,
    /// The config file, for findings that point into it.
    pub config_source: Option<Source>,
    /// The Pod Security policy version that PSS-derived rules apply (default `latest`).
    pub pss_version: Version,
    /// Where kinds unknown to blastwall keep pod templates.
    pub pod_templates: Vec<TemplatePath>,
    /// The Kubernetes version whose built-in roles and bindings join the inputs; `None` leaves them out.
    pub default_rbac: Option<KubeVersion>,
    /// The Kubernetes version the cluster runs (default: the newest blastwall knows).
    pub kube_version: KubeVersion,
    /// Where the cluster runs: on a managed platform, the platform's findings are the provider's.
    pub platform: Platform,
    /// Runs only the rules whose verdict depends on the object alone (an admission webhook without a view
    /// of the cluster).
    pub object_rules_only: bool,
    /// What the admission webhook never judges.
    pub exemptions: Exemptions,
    /// What `blastwall diff` lets a change add.
    pub diff_allow: DiffAllow,
}

impl Default for Settings {
    fn default() -> Self {
        resolve(Config::default(), &Options::default()).expect("the defaults are valid")
    }
}

/// Resolves names to rules; every unknown name is an error with its position.
pub fn resolve(config: Config, options: &Options) -> Result<Settings, Vec<ConfigError>> {
    let file = config
        .source
        .as_ref()
        .map_or_else(|| ".blastwall.yaml".to_owned(), |s| s.name.clone());
    let mut errors = Vec::new();
    let cli = |values: &[String]| -> Vec<Spanned<String>> {
        values
            .iter()
            .map(|v| Spanned {
                value: v.clone(),
                span: Span::default(),
            })
            .collect()
    };
    let (select, select_file) = if options.select.is_empty() {
        (config.select, file.clone())
    } else {
        (cli(&options.select), "--select".into())
    };
    let mut lookup = |specs: &[Spanned<String>], origin: &str| -> Vec<&'static Rule> {
        let mut out = Vec::new();
        for spec in specs {
            let found = matching(&spec.value);
            if found.is_empty() {
                errors.push(ConfigError {
                    file: origin.to_owned(),
                    span: spec.span,
                    message: format!(
                        "unknown rule or category `{}` (see `blastwall rules`){}",
                        spec.value,
                        crate::suggest::hint(&spec.value, rule_words())
                    ),
                });
            }
            out.extend(found);
        }
        out
    };
    // Optional rules run only when named; a category or the default selection leaves them out.
    let named = |r: &Rule| {
        select
            .iter()
            .any(|s| s.value == r.name || s.value.eq_ignore_ascii_case(r.code))
    };
    let selected: Vec<&'static Rule> = if select.is_empty() {
        rules::all()
    } else {
        lookup(&select, &select_file)
    }
    .into_iter()
    .filter(|r| !r.optional || named(r))
    .collect();
    let mut ignored = lookup(&config.ignore, &file);
    ignored.extend(lookup(&cli(&options.ignore), "--ignore"));
    let mut severity = HashMap::new();
    if options.profile == Profile::PssRestricted {
        for rule in rules::all() {
            if rule.standards.iter().any(|s| s.starts_with("pss:restricted:")) {
                severity.insert(rule.code, Severity::High);
            }
        }
    }
    for (name, sev) in &config.severity {
        for rule in lookup(std::slice::from_ref(name), &file) {
            severity.insert(rule.code, *sev);
        }
    }
    for exception in &config.exceptions {
        for rule in exception.rules.iter().filter(|r| r.value != "*") {
            lookup(std::slice::from_ref(rule), &file);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut chosen: Vec<&'static Rule> = selected
        .into_iter()
        .filter(|r| !ignored.iter().any(|i| i.code == r.code))
        .collect();
    // Input that cannot be read is reported even when a selection leaves the rule out: nothing is dropped
    // silently, unless the user ignores the rule by name.
    if !ignored.iter().any(|i| i.code == meta::INVALID_MANIFEST.code) {
        chosen.push(&meta::INVALID_MANIFEST);
    }
    chosen.sort_by_key(|r| r.code);
    chosen.dedup_by_key(|r| r.code);
    let kube_version = options
        .k8s_version
        .or(config.k8s_version)
        .unwrap_or(KubeVersion::LATEST);
    Ok(Settings {
        rules: chosen,
        severity,
        fail_on: options.fail_on.or(config.fail_on).unwrap_or(Severity::Low),
        exceptions: config.exceptions,
        exclude: config.exclude,
        config_source: config.source,
        pss_version: options
            .pss_version
            .or(config.pss_version)
            .unwrap_or(Version::LATEST),
        pod_templates: config.pod_templates,
        default_rbac: (!options.no_default_rbac).then_some(kube_version),
        kube_version,
        platform: options.platform.or(config.platform).unwrap_or_default(),
        object_rules_only: false,
        exemptions: config.exemptions,
        diff_allow: config.diff_allow,
    })
}

/// Rules named by a rule name, a code, or a category.
/// Reads a config file's text, and checks the rule names it gives: every problem is returned at once, in
/// the order of the file.
pub fn read_config(source: crate::source::Source) -> Result<Config, Vec<ConfigError>> {
    let (config, mut errors) = crate::config::parse_partial(source);
    let file = config
        .source
        .as_ref()
        .map_or_else(String::new, |s| s.name.clone());
    let named = config
        .select
        .iter()
        .chain(&config.ignore)
        .chain(config.severity.iter().map(|(name, _)| name))
        .chain(
            config
                .exceptions
                .iter()
                .flat_map(|e| e.rules.iter().filter(|r| r.value != "*")),
        );
    for spec in named {
        if matching(&spec.value).is_empty() {
            errors.push(ConfigError {
                file: file.clone(),
                span: spec.span,
                message: format!(
                    "unknown rule or category `{}` (see `blastwall rules`){}",
                    spec.value,
                    crate::suggest::hint(&spec.value, rule_words())
                ),
            });
        }
    }
    errors.sort_by_key(|e| (e.span.line, e.span.column));
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

/// Every name a rule can be selected by: names, codes and categories.
fn rule_words() -> impl Iterator<Item = &'static str> {
    rules::all()
        .into_iter()
        .flat_map(|r| [r.name, r.code, r.category.as_str()])
}

fn matching(spec: &str) -> Vec<&'static Rule> {
    if let Some(rule) = rules::find(spec) {
        return vec![rule];
    }
    rules::all()
        .into_iter()
        .filter(|r| r.category.as_str() == spec)
        .collect()
}

impl Settings {
    /// True when the rule runs.
    /// The same settings without the config file's text, for runs (admission requests) that report nothing
    /// about the config file itself.
    #[must_use]
    pub fn without_config_source(&self) -> Self {
        Self {
            rules: self.rules.clone(),
            severity: self.severity.clone(),
            fail_on: self.fail_on,
            exceptions: self.exceptions.clone(),
            exclude: self.exclude.clone(),
            config_source: None,
            pss_version: self.pss_version,
            pod_templates: self.pod_templates.clone(),
            default_rbac: self.default_rbac,
            kube_version: self.kube_version,
            platform: self.platform,
            object_rules_only: self.object_rules_only,
            exemptions: self.exemptions.clone(),
            diff_allow: self.diff_allow.clone(),
        }
    }

    /// True when the rule runs.
    #[must_use]
    pub(crate) fn enabled(&self, rule: &Rule) -> bool {
        // Rules are statics: the address decides at once, the code when the same rule comes another way.
        self.rules.iter().any(|r| std::ptr::eq(*r, rule)) || self.rules.iter().any(|r| r.code == rule.code)
    }

    /// The severity of a rule's findings.
    #[must_use]
    pub(crate) fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity.get(rule.code).copied().unwrap_or(rule.severity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_ignore_and_unknown_names() {
        let options = Options {
            select: vec!["pod".into()],
            ignore: vec!["host-ipc".into()],
            ..Options::default()
        };
        let s = resolve(Config::default(), &options).unwrap();
        assert!(s.rules.iter().any(|r| r.name == "host-pid"));
        assert!(!s.rules.iter().any(|r| r.name == "host-ipc"));
        assert!(s.rules.iter().any(|r| r.name == "invalid-manifest"), "always on");
        assert!(!s.rules.iter().any(|r| r.name == "duplicate-key"));
        let bad = Options {
            select: vec!["host-netwrk".into()],
            ..Options::default()
        };
        assert_eq!(resolve(Config::default(), &bad).unwrap_err().len(), 1);
        assert_eq!(Settings::default().fail_on, Severity::Low);
    }
}
