//! One run: rules over the inventory, findings for unreadable input, suppression, and a deterministic
//! report.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::analysis::analyses::{Analyses, Need};
use crate::analysis::controlplane::component_flags;
use crate::finding::{Finding, Location, Responsibility, Severity};
use crate::model::{ClusterRead, FieldPath, Inventory, Object, ObjectId};
use crate::platform::Platform;
use crate::rules::{self, meta, Check, CheckFn, Rule, Scope};
use crate::settings::Settings;
use crate::source::{Quirk, SourceId, Span};
use crate::suppress;

/// Counts for the report header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Input files (and standard input).
    pub files: usize,
    /// Files that hold no Kubernetes document, read and left out.
    pub not_kubernetes: usize,
    /// Documents that were not empty.
    pub documents: usize,
    /// Objects read (List items count one by one).
    pub objects: usize,
    /// Findings not suppressed.
    pub findings: usize,
    /// Findings suppressed.
    pub suppressed: usize,
    /// Findings below the severity asked to be shown (`--severity`): counted, not listed.
    pub below_shown: usize,
    /// Findings not suppressed, by severity (every severity present).
    pub by_severity: BTreeMap<Severity, usize>,
    /// Where the cluster runs.
    pub platform: Platform,
    /// On a managed platform, the findings that are the provider's to fix (not listed, not counted above).
    pub provider: usize,
    /// The live cluster read, when one was: its context and how many kinds were (and were not) listed.
    pub cluster: Option<ClusterRead>,
}

/// Everything a run found, and what it read.
#[derive(Debug)]
pub struct Report {
    /// What was read (the config file, when there is one, is its last source).
    pub inventory: Inventory,
    /// Findings in file, line, column and rule order.
    pub findings: Vec<Finding>,
    /// Rules that ran.
    pub rules: Vec<&'static Rule>,
    /// Counts.
    pub summary: Summary,
    /// Lowest severity that fails the run.
    pub fail_on: Severity,
}

impl Report {
    /// Leaves out the findings below `level` (they are counted in `summary.below_shown`); whether the run
    /// fails is decided before, over every finding.
    pub fn show_at_least(&mut self, level: Severity) {
        let before = self.summary.findings;
        self.findings.retain(|f| f.severity >= level);
        self.summary.findings = self.findings.iter().filter(|f| f.suppressed.is_none()).count();
        self.summary.suppressed = self.findings.iter().filter(|f| f.suppressed.is_some()).count();
        for (severity, n) in &mut self.summary.by_severity {
            if *severity < level {
                *n = 0;
            }
        }
        self.summary.below_shown += before - self.summary.findings;
    }

    /// True when a finding that is not suppressed reaches the fail-on severity.
    #[must_use]
    pub fn fails(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.suppressed.is_none() && f.severity >= self.fail_on)
    }
}

/// Runs every enabled rule over the inventory and builds the report.
#[must_use]
pub fn run(mut inventory: Inventory, mut settings: Settings) -> Report {
    let files = inventory.sources.len();
    inventory.template_paths.clone_from(&settings.pod_templates);
    let mut findings = input_findings(&inventory);
    let registered: Vec<_> = rules::registered()
        .iter()
        .filter(|r| settings.enabled(r.rule))
        .filter(|r| !settings.object_rules_only || r.scope != Scope::AcrossObjects)
        .collect();
    let checks: Vec<(&'static Rule, CheckFn)> = registered
        .iter()
        .filter_map(|r| r.check.map(|c| (r.rule, c)))
        .collect();
    let mut needs: Vec<Need> = registered.iter().flat_map(|r| r.needs.iter().copied()).collect();
    needs.sort();
    needs.dedup();
    let per_object = {
        let analyses = Analyses::new(&inventory, settings.default_rbac).with_version(settings.kube_version);
        analyses.prepare(&needs);
        per_object_findings(&analyses, &checks, settings.pss_version)
    };
    findings.extend(per_object.into_iter().flatten());
    findings.retain(|f| settings.enabled(f.rule));
    let config_source = settings.config_source.take().map(|source| {
        let id = SourceId(inventory.sources.len() as u32);
        inventory.sources.push(source);
        id
    });
    suppress::apply(&inventory, &settings, config_source, &mut findings);
    findings.retain(|f| settings.enabled(f.rule));
    for f in &mut findings {
        f.severity = settings.severity_of(f.rule);
    }
    // On a managed platform the provider owns the control plane and the nodes: those findings are counted
    // as the provider's and not reported as the team's.
    let before = findings.len();
    if settings.platform.managed() {
        findings.retain(|f| f.responsibility != Responsibility::Platform || f.suppressed.is_some());
    }
    let provider = before - findings.len();
    findings.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    let mut by_severity: BTreeMap<Severity, usize> = Severity::ALL.iter().map(|s| (*s, 0)).collect();
    for f in findings.iter().filter(|f| f.suppressed.is_none()) {
        *by_severity.entry(f.severity).or_default() += 1;
    }
    let suppressed = findings.iter().filter(|f| f.suppressed.is_some()).count();
    let summary = Summary {
        files,
        not_kubernetes: inventory.not_kubernetes.len(),
        documents: inventory.documents,
        objects: inventory.objects.len(),
        findings: findings.len() - suppressed,
        suppressed,
        below_shown: 0,
        by_severity,
        platform: settings.platform,
        provider,
        cluster: inventory.cluster.clone(),
    };
    Report {
        inventory,
        findings,
        rules: settings.rules,
        summary,
        fail_on: settings.fail_on,
    }
}

/// Below this many objects a run stays on the calling thread.
const PARALLEL_FROM: usize = 16;

/// Every check on every object, in parallel; findings on a control-plane component's pod are the platform's.
fn per_object_findings(
    analyses: &Analyses<'_>,
    checks: &[(&'static Rule, CheckFn)],
    pss_version: crate::analysis::pss::Version,
) -> Vec<Vec<Finding>> {
    let inventory = analyses.inventory();
    let judge = |i: usize| {
        let mut out = Vec::new();
        let object = &inventory.objects[i];
        if is_builtin_policy(object) || inventory.judged_through_owner(object) {
            return out;
        }
        let pods = inventory.pod_specs_of(object);
        let components = component_flags(object, &pods);
        for (rule, check) in checks {
            check(
                &mut Check::new(rule, ObjectId(i as u32), pss_version, &pods, analyses, &mut out)
                    .with_components(&components),
            );
        }
        // Whoever runs the control plane owns its components' pods, whatever the rule.
        if !components.is_empty() {
            for f in &mut out {
                f.responsibility = Responsibility::Platform;
            }
        }
        out
    };
    // Handing one object (an admission request) to the worker pool costs more than judging it here.
    if inventory.objects.len() < PARALLEL_FROM {
        (0..inventory.objects.len()).map(judge).collect()
    } else {
        (0..inventory.objects.len()).into_par_iter().map(judge).collect()
    }
}

/// Kubernetes' own roles and bindings, as a live cluster holds them (the API server creates them with this
/// label): judged no more than the built-in policy that joins the files' RBAC objects.
fn is_builtin_policy(object: &Object) -> bool {
    object.oref.api_version.starts_with("rbac.authorization.k8s.io/")
        && object.labels().get("kubernetes.io/bootstrapping") == Some(&"rbac-defaults")
}

fn sort_key(f: &Finding) -> (Option<Location>, &'static str, &str, &FieldPath) {
    (f.location, f.rule.code, f.message.as_str(), &f.path)
}

/// Findings about the input itself: parts that could not be read, unreadable documents, repeated keys,
/// ignored text.
fn input_findings(inventory: &Inventory) -> Vec<Finding> {
    let finding = |rule: &'static Rule, location: Option<Location>, message: String| Finding {
        rule,
        severity: rule.severity,
        object: None,
        path: FieldPath::root(),
        location,
        message,
        help: rule.help.into(),
        suppressed: None,
        responsibility: rule.responsibility,
    };
    let at = |source: SourceId, span: Span| Some(Location { source, span });
    let mut out: Vec<Finding> = inventory
        .unread
        .iter()
        .map(|message| finding(&meta::INCOMPLETE_INPUT, None, message.clone()))
        .chain(
            inventory
                .unrendered
                .iter()
                .map(|message| finding(&meta::UNRENDERED_TEMPLATES, None, message.clone())),
        )
        .collect();
    for invalid in &inventory.invalid {
        out.push(finding(
            &meta::INVALID_MANIFEST,
            at(invalid.source, invalid.error.span),
            invalid.error.message.clone(),
        ));
    }
    for (source, quirk) in &inventory.quirks {
        out.push(match quirk {
            Quirk::DuplicateKey { key, first, second } => finding(
                &meta::DUPLICATE_KEY,
                at(*source, *second),
                format!(
                    "`{key}` is written twice (first on line {}); kubectl keeps this last value",
                    first.line + 1
                ),
            ),
            Quirk::IgnoredAfterEnd { span } => finding(
                &meta::IGNORED_YAML_CONTENT,
                at(*source, *span),
                "this text follows the end of the document and is never read by kubectl".into(),
            ),
        });
    }
    out
}
