//! Hostile input becomes a finding, never a crash or an unbounded run: alias bombs, deep nesting, huge
//! scalars and many keys.

use std::fmt::Write;
use std::sync::atomic::AtomicUsize;

use blastwall_core::engine::{self, Report};
use blastwall_core::load::{load, Input};
use blastwall_core::settings::Settings;

fn scan(bytes: Vec<u8>) -> Report {
    let inventory = load(
        vec![Input::Text {
            name: "hostile.yaml".into(),
            bytes,
        }],
        &AtomicUsize::new(0),
    );
    engine::run(inventory, Settings::default())
}

fn invalid_messages(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.name == "invalid-manifest")
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn billion_laughs_is_refused() {
    let mut doc = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=9 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        let _ = writeln!(doc, "  a{i}: &a{i} [{refs}]");
    }
    let report = scan(doc.into_bytes());
    let messages = invalid_messages(&report);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("excessive aliasing"), "{}", messages[0]);
}

#[test]
fn deep_nesting_is_refused_and_the_next_document_still_runs() {
    let deep = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let next = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: a, image: x}]\n";
    let report = scan(format!("{deep}{next}").into_bytes());
    assert!(invalid_messages(&report)[0].contains("deeper than"));
    assert!(
        report.findings.iter().any(|f| f.rule.name == "host-pid"),
        "the following document is checked"
    );
}

#[test]
fn a_huge_scalar_is_read() {
    let big = "x".repeat(32 << 20);
    let doc = format!("apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: big}}\ndata:\n  blob: {big}\n");
    let report = scan(doc.into_bytes());
    assert_eq!(report.summary.objects, 1);
    assert!(invalid_messages(&report).is_empty());
}

#[test]
fn a_mapping_with_many_keys_is_read_in_linear_time() {
    let mut doc = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: wide}\ndata:\n");
    for i in 0..200_000 {
        let _ = writeln!(doc, "  k{i}: v");
    }
    doc.push_str("  k7: repeated\n");
    let report = scan(doc.into_bytes());
    assert_eq!(report.summary.objects, 1);
    let dup: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule.name == "duplicate-key")
        .collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0].location.expect("location").span.line, 200_004);
}

#[test]
fn binary_garbage_is_a_finding() {
    let report = scan((0..=255u8).cycle().take(10_000).collect());
    assert_eq!(report.summary.objects, 0);
    assert!(!invalid_messages(&report).is_empty());
}
