//! The `blastwall pss` report: each object's highest Pod Security level and what keeps it from the next.

use std::fmt::Write;

use serde_json::{json, Value};

use crate::analysis::pss::report::PodResult;
use crate::analysis::pss::{Level, Version};
use crate::model::Inventory;
use crate::source::Span;

fn location(inventory: &Inventory, result: &PodResult, span: Span) -> Value {
    let object = inventory.object(result.object);
    let file = &inventory.source(object.source).name;
    json!({"file": file, "line": span.line + 1, "column": span.column + 1})
}

/// The JSON report (`schema_version: 1`).
#[must_use]
pub fn json(inventory: &Inventory, results: &[PodResult], version: Version) -> String {
    let results: Vec<Value> = results
        .iter()
        .map(|r| {
            let object = inventory.object(r.object);
            let o = &object.oref;
            let violations: Vec<Value> = r
                .violations
                .iter()
                .map(|v| {
                    json!({
                        "level": v.level,
                        "control": v.check,
                        "path": v.path.to_string(),
                        "message": v.message,
                        "location": location(inventory, r, v.path.locate(&object.root)),
                    })
                })
                .collect();
            json!({
                "object": {"api_version": o.api_version, "kind": o.kind, "namespace": o.namespace, "name": o.name},
                "location": location(inventory, r, object.span()),
                "level": r.level,
                "violations": violations,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({
        "schema_version": 1,
        "version": version.to_string(),
        "results": results,
    }))
    .unwrap_or_default();
    text.push('\n');
    text
}

/// The text report.
#[must_use]
pub fn text(inventory: &Inventory, results: &[PodResult], version: Version) -> String {
    let mut out = String::new();
    let mut counts = [0usize; 3];
    for r in results {
        let object = inventory.object(r.object);
        let o = &object.oref;
        let file = &inventory.source(object.source).name;
        let ns = o
            .namespace
            .as_deref()
            .map(|n| format!("{n}/"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}: {} {ns}{}  ({file}:{})",
            r.level,
            o.kind,
            o.name,
            object.span().line + 1
        );
        counts[r.level as usize] += 1;
        for v in &r.violations {
            let span = v.path.locate(&object.root);
            let _ = writeln!(
                out,
                "    {:<10} {:<26} {file}:{}:{}  {}",
                v.level.as_str(),
                v.check,
                span.line + 1,
                span.column + 1,
                v.message
            );
        }
    }
    let _ = writeln!(
        out,
        "{} objects make pods (policy {version}): {} restricted, {} baseline, {} privileged",
        results.len(),
        counts[Level::Restricted as usize],
        counts[Level::Baseline as usize],
        counts[Level::Privileged as usize]
    );
    out
}

/// Writes the report in `format`.
pub fn write(
    out: &mut dyn std::io::Write,
    inventory: &Inventory,
    results: &[PodResult],
    version: Version,
    format: super::AnswerFormat,
) -> std::io::Result<()> {
    let text = match format {
        super::AnswerFormat::Text => text(inventory, results, version),
        super::AnswerFormat::Json => json(inventory, results, version),
    };
    out.write_all(text.as_bytes())
}
