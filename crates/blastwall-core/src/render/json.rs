//! The JSON report (`schema_version: 1`), documented in `docs/json-report.md`.

use serde_json::{json, Map, Value};

use super::position;
use crate::engine::Report;

/// The version of the JSON contract; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The report as a JSON value.
#[must_use]
pub fn to_value(report: &Report, tool_version: &str) -> Value {
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut out = Map::new();
            out.insert("rule".into(), json!({"code": f.rule.code, "name": f.rule.name}));
            out.insert("severity".into(), json!(f.severity));
            out.insert("responsibility".into(), json!(f.rule.responsibility));
            out.insert("standards".into(), json!(f.rule.standards));
            let object = f.object.map(|id| {
                let o = &report.inventory.object(id).oref;
                json!({"api_version": o.api_version, "kind": o.kind, "namespace": o.namespace, "name": o.name})
            });
            out.insert("object".into(), object.unwrap_or(Value::Null));
            out.insert("path".into(), json!(f.path.to_string()));
            if let Some((file, line, column)) = position(report, f) {
                out.insert("location".into(), json!({"file": file, "line": line, "column": column}));
            }
            out.insert("message".into(), json!(f.message));
            out.insert("help".into(), json!(f.help));
            let suppressed = f.suppressed.as_ref().map(|s| json!({"by": s.by, "reason": s.reason}));
            out.insert("suppressed".into(), suppressed.unwrap_or(Value::Bool(false)));
            Value::Object(out)
        })
        .collect();
    let s = &report.summary;
    let by_severity: Map<String, Value> = s
        .by_severity
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), json!(v)))
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "blastwall", "version": tool_version},
        "summary": {
            "files": s.files,
            "documents": s.documents,
            "objects": s.objects,
            "findings": s.findings,
            "suppressed": s.suppressed,
            "by_severity": by_severity,
        },
        "findings": findings,
    })
}

/// The report as pretty-printed JSON with a final newline.
#[must_use]
pub fn render(report: &Report, tool_version: &str) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(report, tool_version)).unwrap_or_default();
    text.push('\n');
    text
}
