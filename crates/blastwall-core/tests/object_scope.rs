//! Pins which rules judge an object alone: for every rule the registry marks `Scope::Object`, its fixtures
//! give the same findings (rule, object, field) when each document is read on its own with only those
//! rules running, as when the whole file is scanned; a rule marked `ObjectAssumingWidestUse` may find more
//! alone, never less. This is what lets the admission webhook run them on a single object without a view
//! of the cluster.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use blastwall_core::engine::{self, Report};
use blastwall_core::load::{load, Input};
use blastwall_core::rules::{self, Scope};
use blastwall_core::settings::{self, Options, Settings};
use blastwall_core::source::discover::discover;

/// Rule, object, field; and whether the rule may find more when the object is alone.
type Key = (&'static str, String, String, bool);

fn settings(object_rules_only: bool) -> Settings {
    let options = Options {
        select: rules::all().iter().map(|r| r.name.to_owned()).collect(),
        ..Options::default()
    };
    let mut settings =
        settings::resolve(blastwall_core::config::Config::default(), &options).expect("every rule resolves");
    settings.object_rules_only = object_rules_only;
    settings
}

/// Findings of object-scoped rules, by rule, object and field. Objects a controller owns are left out: a
/// whole file judges them through their owner, which a single document cannot see.
fn keys(report: &Report) -> BTreeSet<Key> {
    report
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none() && rules::scope(f.rule) != Scope::AcrossObjects)
        .filter_map(|f| {
            let object = f.object.map(|id| report.inventory.object(id));
            let owned = |o: &&blastwall_core::model::Object| {
                o.root
                    .get("metadata")
                    .and_then(|m| m.get("ownerReferences"))
                    .is_some()
            };
            if object.is_some_and(|o| owned(&o)) {
                return None;
            }
            let name = object.map_or_else(String::new, |o| {
                format!(
                    "{}/{}/{}",
                    o.oref.kind,
                    o.oref.namespace.as_deref().unwrap_or(""),
                    o.oref.name
                )
            });
            let widest = rules::scope(f.rule) == Scope::ObjectAssumingWidestUse;
            Some((f.rule.name, name, f.path.to_string(), widest))
        })
        .collect()
}

fn documents(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for line in text.lines() {
        if line.starts_with("---") {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push_str(line);
            last.push('\n');
        }
    }
    out
}

fn compare(file: &Path) -> Option<String> {
    let whole = load(vec![Input::File(file.to_path_buf())], &AtomicUsize::new(0));
    let together = keys(&engine::run(whole, settings(false)));
    let text = std::fs::read_to_string(file).expect("fixture is UTF-8");
    let mut alone = BTreeSet::new();
    for (i, document) in documents(&text).into_iter().enumerate() {
        let input = Input::Text {
            name: format!("{}#{i}", file.display()),
            bytes: document.into_bytes(),
        };
        let inventory = load(vec![input], &AtomicUsize::new(0));
        alone.extend(keys(&engine::run(inventory, settings(true))));
    }
    let missing: Vec<&Key> = together.difference(&alone).collect();
    let extra: Vec<&Key> = alone.difference(&together).filter(|k| !k.3).collect();
    (!missing.is_empty() || !extra.is_empty()).then(|| {
        format!(
            "{}:\n  only in the whole file: {:?}\n  only one document at a time: {:?}",
            file.display(),
            missing,
            extra
        )
    })
}

#[test]
fn object_scoped_rules_judge_each_document_alone_as_in_the_whole_file() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files = discover(&[root]).expect("fixtures are readable").files;
    // Folders with a config file change settings the comparison does not model.
    let problems: Vec<String> = files
        .iter()
        .filter(|f| !f.parent().is_some_and(|d| d.join(".blastwall.yaml").exists()))
        .filter_map(|f| compare(f))
        .collect();
    assert!(files.len() > 100, "fixtures found: {}", files.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
