//! The rule fixture harness: every rule has a folder under `tests/fixtures/<rule-name>/` with YAML files
//! whose lines carry `# expect: <rule-name>` where a finding of that rule must point. All rules run (as in
//! a real scan); for the folder's rule, a finding without a marker and a marker without a finding both
//! fail. Each folder needs a `fail*.yaml` with markers and a `pass*.yaml` without any. Optional rules run
//! here too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use blastwall_core::config;
use blastwall_core::engine;
use blastwall_core::load::{load, Input};
use blastwall_core::rules;
use blastwall_core::settings::{self, Options, Settings};
use blastwall_core::source::discover::discover;
use blastwall_core::source::Source;

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// (file name, 1-based line) → how many findings of `rule` are expected there.
fn markers(files: &[PathBuf], rule: &str) -> BTreeMap<(String, u32), usize> {
    let mut out = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("fixture is UTF-8");
        for (n, line) in text.lines().enumerate() {
            let Some(at) = line.find("# expect:") else {
                continue;
            };
            for name in line[at + "# expect:".len()..].split(',').map(str::trim) {
                if name == rule {
                    *out.entry((file.display().to_string(), n as u32 + 1)).or_default() += 1;
                }
            }
        }
    }
    out
}

/// Every rule, optional ones included, by name.
fn all_rules() -> Options {
    Options {
        select: rules::all().iter().map(|r| r.name.to_owned()).collect(),
        ..Options::default()
    }
}

fn settings_for(dir: &Path) -> Settings {
    let path = dir.join(".blastwall.yaml");
    if !path.exists() {
        return settings::resolve(config::Config::default(), &all_rules()).expect("every rule resolves");
    }
    let bytes = std::fs::read(&path).expect("read config");
    let source = Source::new(path.display().to_string(), Some(path.clone()), bytes).expect("config decodes");
    let config = config::parse(source).expect("fixture config is valid");
    settings::resolve(config, &all_rules()).expect("fixture config resolves")
}

fn check_rule_folder(dir: &Path, rule: &str) -> Vec<String> {
    let files = discover(&[dir.to_path_buf()])
        .expect("fixture folder is readable")
        .files;
    let mut problems = Vec::new();
    let expected = markers(&files, rule);
    let has = |prefix: &str, with_markers: bool| {
        files.iter().any(|f| {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let marked = expected.keys().any(|(file, _)| file == &f.display().to_string());
            name.starts_with(prefix) && marked == with_markers
        })
    };
    if !has("fail", true) {
        problems.push(format!(
            "{rule}: needs a fail*.yaml with `# expect: {rule}` markers"
        ));
    }
    if !has("pass", false) {
        problems.push(format!("{rule}: needs a pass*.yaml without markers"));
    }
    let inventory = load(files.into_iter().map(Input::File).collect(), &AtomicUsize::new(0));
    let report = engine::run(inventory, settings_for(dir));
    let mut found: BTreeMap<(String, u32), usize> = BTreeMap::new();
    for f in report
        .findings
        .iter()
        .filter(|f| f.rule.name == rule && f.suppressed.is_none())
    {
        let loc = f.location.expect("fixture findings have locations");
        let file = report.inventory.source(loc.source).name.clone();
        *found.entry((file, loc.span.line + 1)).or_default() += 1;
    }
    for (place, want) in &expected {
        let got = found.get(place).copied().unwrap_or(0);
        if got != *want {
            problems.push(format!(
                "{}:{}: expected {want} `{rule}` finding(s), found {got}",
                place.0, place.1
            ));
        }
    }
    for f in report
        .findings
        .iter()
        .filter(|f| f.rule.name == rule && f.suppressed.is_none())
    {
        let loc = f.location.expect("location");
        let file = report.inventory.source(loc.source).name.clone();
        if !expected.contains_key(&(file.clone(), loc.span.line + 1)) {
            problems.push(format!(
                "{file}:{}: unexpected `{rule}` finding: {}",
                loc.span.line + 1,
                f.message
            ));
        }
    }
    problems
}

/// Rules about what could not be read or rendered (a kind a live cluster would not list, an unreadable file,
/// a chart without helm): no manifest holds such input; the test below and the binary's tests (live,
/// inputs, templates) pin them.
const ABOUT_LIVE_READS: &[&str] = &["incomplete-input", "unrendered-templates"];

#[test]
fn what_could_not_be_read_is_a_finding_without_a_location() {
    let mut inventory = load(Vec::new(), &AtomicUsize::new(0));
    inventory
        .unread
        .push("could not list rbac.authorization.k8s.io/v1 RoleBinding: forbidden: no".into());
    let settings = settings::resolve(config::Config::default(), &all_rules()).expect("every rule resolves");
    let report = engine::run(inventory, settings);
    let found: Vec<(&str, &str, bool)> = report
        .findings
        .iter()
        .map(|f| (f.rule.name, f.message.as_str(), f.location.is_none()))
        .collect();
    assert_eq!(
        found,
        [(
            "incomplete-input",
            "could not list rbac.authorization.k8s.io/v1 RoleBinding: forbidden: no",
            true
        )]
    );
}

#[test]
fn every_rule_has_fixtures_that_hold() {
    let mut problems = Vec::new();
    for rule in rules::all()
        .into_iter()
        .filter(|r| !ABOUT_LIVE_READS.contains(&r.name))
    {
        let dir = fixtures_root().join(rule.name);
        if !dir.is_dir() {
            problems.push(format!("{}: no fixture folder {}", rule.name, dir.display()));
            continue;
        }
        problems.extend(check_rule_folder(&dir, rule.name));
    }
    for entry in std::fs::read_dir(fixtures_root()).expect("fixtures folder") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        if rules::find(&name).is_none() {
            problems.push(format!("fixture folder `{name}` names no rule"));
        }
    }
    assert!(problems.is_empty(), "fixture problems:\n{}", problems.join("\n"));
}
