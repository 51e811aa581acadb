//! Pod Security Admission's own fixtures (`../shared/conformance/psa/`, v1.0 to v1.37, both levels): every
//! `pass` pod must be allowed and every `fail` pod denied, by the check its file name names. Skips with a
//! reason when the data is absent.

use std::path::{Path, PathBuf};

use blastwall_core::analysis::pss::{evaluate, Level, Version, CHECKS};
use blastwall_core::model::{pod_specs, Inventory};
use blastwall_core::source::Source;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/psa/test/testdata")
}

/// `capabilities_restricted0.yaml` → `capabilities_restricted`; `base_linux.yaml` → `base_linux`.
fn named_check(file: &Path) -> String {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned()
}

/// True when `check` is the named check, or the restricted check that replaces it (at the restricted
/// level a baseline fixture is denied by the replacement, such as `restrictedVolumes` for `hostPathVolumes`).
fn names_check(check: &str, want: &str) -> bool {
    check.to_lowercase() == want
        || CHECKS
            .iter()
            .any(|c| c.id == check && c.overrides.is_some_and(|o| o.to_lowercase() == want))
}

fn sorted_dir(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

#[test]
#[cfg_attr(not(shared_conformance), ignore = "../shared/conformance is absent")]
fn every_upstream_fixture_is_decided_like_pod_security_admission() {
    let root = fixtures();
    let (mut total, mut failures) = (0usize, Vec::new());
    for level_dir in sorted_dir(&root).into_iter().filter(|p| p.is_dir()) {
        let level: Level = level_dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .parse()
            .expect("level folder");
        for version_dir in sorted_dir(&level_dir) {
            let version: Version = version_dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .parse()
                .expect("version folder");
            for expect_pass in [true, false] {
                let dir = version_dir.join(if expect_pass { "pass" } else { "fail" });
                for file in sorted_dir(&dir)
                    .into_iter()
                    .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
                {
                    total += 1;
                    let bytes = std::fs::read(&file).expect("read fixture");
                    let source =
                        Source::new(file.display().to_string(), None, bytes).expect("fixture decodes");
                    let documents = source.documents();
                    let mut inventory = Inventory::default();
                    inventory.add(source, documents);
                    let pod = inventory.objects.first().expect("one Pod per fixture");
                    let specs = pod_specs(pod);
                    let violations = evaluate(&specs[0], level, version);
                    let name = file.strip_prefix(&root).unwrap_or(&file).display().to_string();
                    if expect_pass && !violations.is_empty() {
                        failures.push(format!(
                            "{name}: denied by {:?}",
                            violations.iter().map(|v| v.check).collect::<Vec<_>>()
                        ));
                    } else if !expect_pass {
                        let want = named_check(&file);
                        if violations.is_empty() {
                            failures.push(format!("{name}: allowed"));
                        } else if !violations.iter().any(|v| names_check(v.check, &want)) {
                            failures.push(format!(
                                "{name}: denied by {:?}, not by {want}",
                                violations.iter().map(|v| v.check).collect::<Vec<_>>()
                            ));
                        }
                    }
                }
            }
        }
    }
    println!(
        "Pod Security Admission fixtures: {total} checked, {} disagree",
        failures.len()
    );
    for f in failures.iter().take(40) {
        println!("  {f}");
    }
    assert!(total > 4000, "expected the full fixture set, found {total} files");
    assert!(
        failures.is_empty(),
        "{} fixtures are decided differently from Pod Security Admission",
        failures.len()
    );
}
