//! Differential test of blastwall's YAML reading against kubectl's own library.
//!
//! `tools/yaml-oracle` (Go, sigs.k8s.io/yaml on go-yaml v2, built by `tools/yaml-oracle/build.sh`) prints
//! the JSON kubectl makes of every document. This test reads the same files with blastwall and requires
//! the same documents, the same values and the same refusals, over `../shared/corpus` and the crafted
//! quirks in `tests/data/`. It needs `BLASTWALL_YAML_ORACLE` (the built oracle); without it the test is
//! reported as ignored with the reason, and in CI (`CI=true`) the build fails (see build.rs).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use blastwall_core::source::{Outcome, Source};
use serde_json::Value;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One document as the oracle reports it.
#[derive(Debug)]
struct OracleDoc {
    first_line: i64,
    result: Result<Value, String>,
}

fn run_oracle(oracle: &Path, files: &[PathBuf]) -> BTreeMap<String, Vec<OracleDoc>> {
    let mut child = Command::new(oracle)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the oracle starts");
    let list = files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(list.as_bytes()).expect("write file list"));
    let output = child.wait_with_output().expect("the oracle runs");
    writer.join().expect("writer");
    assert!(output.status.success(), "oracle failed");
    let mut by_file: BTreeMap<String, Vec<OracleDoc>> = BTreeMap::new();
    for line in String::from_utf8(output.stdout).expect("utf-8").lines() {
        let record: Value = serde_json::from_str(line).expect("oracle prints JSON lines");
        let file = record["file"].as_str().expect("file").to_owned();
        let result = match record.get("error") {
            Some(e) => Err(e.as_str().unwrap_or_default().to_owned()),
            None => Ok(record["json"].clone()),
        };
        by_file.entry(file).or_default().push(OracleDoc {
            first_line: record["first_line"].as_i64().unwrap_or(0),
            result,
        });
    }
    by_file
}

/// Equal as JSON values: numbers compare by value (Go prints 8.0 as 8), objects ignore key order.
fn same(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(l), Value::Number(r)) => {
            if let (Some(li), Some(ri)) = (l.as_i64(), r.as_i64()) {
                li == ri
            } else if let (Some(lu), Some(ru)) = (l.as_u64(), r.as_u64()) {
                lu == ru
            } else {
                l.as_f64() == r.as_f64()
            }
        }
        (Value::Array(l), Value::Array(r)) => l.len() == r.len() && l.iter().zip(r).all(|(x, y)| same(x, y)),
        (Value::Object(l), Value::Object(r)) => {
            l.len() == r.len() && l.iter().all(|(k, v)| r.get(k).is_some_and(|w| same(v, w)))
        }
        _ => left == right,
    }
}

/// blastwall's documents of a file: (1-based first line, value or error). Bad separators are kept as
/// errors; empty documents read as `null`, as in kubectl's JSON.
fn ours(path: &Path) -> Vec<(i64, Result<Value, String>, bool)> {
    let bytes = std::fs::read(path).expect("read");
    let source = match Source::new(path.display().to_string(), None, bytes) {
        Ok(s) => s,
        Err(e) => return vec![(1, Err(e.message), false)],
    };
    source
        .documents()
        .into_iter()
        .map(|doc| {
            let line = i64::from(doc.first_line) + 1;
            match doc.parsed.outcome {
                Outcome::Empty => (line, Ok(Value::Null), false),
                Outcome::Value(node) => (line, Ok(node.to_json()), false),
                Outcome::Error(e) => {
                    let separator = e.message.contains("document separator");
                    (line, Err(e.message), separator)
                }
            }
        })
        .collect()
}

fn compare_file(path: &Path, theirs: &[OracleDoc], mismatches: &mut Vec<String>) {
    let mine = ours(path);
    let starts_json =
        std::fs::read(path).is_ok_and(|b| b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{'));
    // kubectl drops the text before a bad separator along with the separator; blastwall keeps that text
    // as its own document and reports the separator. Line the two up by dropping ours before the refusal.
    let mut mine: Vec<_> = mine.into_iter().collect();
    let mut i = 0;
    while i + 1 < mine.len() {
        if mine[i + 1].2 && mine[i].1.is_ok() {
            mine[i + 1].0 = mine[i].0;
            drop(mine.remove(i));
        }
        i += 1;
    }
    let name = path.display();
    if mine.len() != theirs.len() {
        mismatches.push(format!(
            "{name}: {} documents, kubectl has {}",
            mine.len(),
            theirs.len()
        ));
        return;
    }
    for (m, t) in mine.iter().zip(theirs) {
        if !starts_json && m.0 != t.first_line {
            mismatches.push(format!(
                "{name}: document at line {} vs kubectl's at {}",
                m.0, t.first_line
            ));
        }
        match (&m.1, &t.result) {
            (Ok(a), Ok(b)) if same(a, b) => {}
            (Err(_), Err(_)) => {}
            (a, b) => mismatches.push(format!("{name}:{}: blastwall {a:?}\n    kubectl {b:?}", m.0)),
        }
    }
}

fn manifest_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir(root);
    files.sort();
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ["yaml", "yml", "json"].contains(&e))
        {
            out.push(path);
        }
    }
    out
}

#[test]
#[cfg_attr(
    not(yaml_oracle),
    ignore = "BLASTWALL_YAML_ORACLE is not set: build the oracle with tools/yaml-oracle/build.sh"
)]
fn yaml_reading_matches_kubectl() {
    let oracle =
        PathBuf::from(std::env::var_os("BLASTWALL_YAML_ORACLE").expect("the build found the oracle"));
    let mut files = manifest_files(&workspace_root().join("crates/blastwall-core/tests/data"));
    let corpus = workspace_root().join("../shared/corpus");
    if corpus.is_dir() {
        files.extend(manifest_files(&corpus));
    } else {
        println!(
            "note: {} is absent; comparing the crafted quirks only",
            corpus.display()
        );
    }
    let theirs = run_oracle(&oracle, &files);
    let mut mismatches = Vec::new();
    let empty = Vec::new();
    for file in &files {
        let key = file.display().to_string();
        compare_file(file, theirs.get(&key).unwrap_or(&empty), &mut mismatches);
    }
    println!(
        "compared {} files with kubectl's reading: {} differences",
        files.len(),
        mismatches.len()
    );
    for m in mismatches.iter().take(30) {
        println!("  {m}");
    }
    assert!(
        mismatches.is_empty(),
        "{} documents differ from kubectl's reading",
        mismatches.len()
    );
}
