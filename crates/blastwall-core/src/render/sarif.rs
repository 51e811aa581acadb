//! SARIF 2.1.0 for code-scanning interfaces: the rules that ran with their documentation, and results
//! with physical locations (file, line, column) and logical ones (the object and field, all a live
//! cluster's object has).

use std::fmt::Write;

use serde::Serialize;
use serde_json::{json, Value};

use super::position;
use super::rule_docs as docs;
use crate::engine::Report;
use crate::finding::{Finding, Severity};
use crate::rule::Rule;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's `security-severity` scale (critical ≥ 9, high ≥ 7, medium ≥ 4, low below).
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}

fn rule_descriptor(rule: &Rule, severity: Severity) -> Value {
    let mut tags = vec!["security".to_owned(), rule.category.as_str().to_owned()];
    tags.extend(rule.standards.iter().map(|s| (*s).to_owned()));
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs.what},
        "help": {"text": format!("{}\n\n{}", rule.docs.why, rule.docs.remediation), "markdown": docs::page(rule)},
        "defaultConfiguration": {"level": level(severity)},
        "properties": {
            "tags": tags,
            "precision": "very-high",
            "security-severity": security_severity(severity),
            "problem.severity": match level(severity) { "error" => "error", "warning" => "warning", _ => "recommendation" },
        },
    })
}

/// Percent-encodes what may not stand in a relative URI reference.
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Value,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
    properties: ResultProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    justification: &'a str,
}

#[derive(Serialize)]
struct ResultProperties {
    severity: Severity,
    path: String,
}

/// The report as a SARIF log.
#[must_use]
pub fn render(report: &Report, tool_version: &str) -> String {
    let mut out = Vec::new();
    write(report, tool_version, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Where a finding is: the file, line and column, and the object and field as a logical location (the only
/// place a live cluster's object has).
fn location(report: &Report, f: &Finding) -> Option<Value> {
    let mut location = serde_json::Map::new();
    if let Some((file, line, column)) = position(report, f) {
        let artifact = if file.starts_with('/') {
            json!({"uri": format!("file://{}", uri(file))})
        } else {
            json!({"uri": uri(file), "uriBaseId": "%SRCROOT%"})
        };
        location.insert(
            "physicalLocation".into(),
            json!({"artifactLocation": artifact, "region": {"startLine": line, "startColumn": column}}),
        );
    }
    if let Some(id) = f.object {
        let object = &report.inventory.object(id).oref;
        let named = match (&object.namespace, object.name.as_str()) {
            (_, "") => object.kind.clone(),
            (Some(ns), name) => format!("{}/{ns}/{name}", object.kind),
            (None, name) => format!("{}/{name}", object.kind),
        };
        let mut logical = json!({"fullyQualifiedName": format!("{named}:{}", f.path), "kind": "resource"});
        if !object.name.is_empty() {
            logical["name"] = json!(object.name);
        }
        location.insert("logicalLocations".into(), json!([logical]));
    }
    (!location.is_empty()).then_some(Value::Object(location))
}

/// Writes the report as a SARIF log, without holding the text in memory.
pub fn write(report: &Report, tool_version: &str, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let rules: Vec<&Rule> = report.rules.clone();
    let severity_of = |r: &Rule| {
        report
            .findings
            .iter()
            .find(|f| f.rule.code == r.code)
            .map_or(r.severity, |f| f.severity)
    };
    let descriptors: Vec<Value> = rules.iter().map(|r| rule_descriptor(r, severity_of(r))).collect();
    let results: Vec<SarifResult<'_>> = report
        .findings
        .iter()
        .map(|f| SarifResult {
            rule_id: f.rule.code,
            rule_index: rules.iter().position(|r| r.code == f.rule.code),
            level: level(f.severity),
            message: Text {
                text: format!("{} (help: {})", f.message, f.help),
            },
            locations: location(report, f).into_iter().collect(),
            suppressions: f
                .suppressed
                .iter()
                .map(|s| Suppression {
                    kind: if s.by == "config" { "external" } else { "inSource" },
                    justification: &s.reason,
                })
                .collect(),
            properties: ResultProperties {
                severity: f.severity,
                path: f.path.to_string(),
            },
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: json!({"driver": {
                "name": "blastwall",
                "version": tool_version,
                "semanticVersion": tool_version,
                "rules": descriptors,
            }}),
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_encoded() {
        assert_eq!(super::uri("./a dir/x#1.yaml"), "a%20dir/x%231.yaml");
        assert_eq!(super::uri("k8s/app.yaml"), "k8s/app.yaml");
    }
}
