//! The JSON report (`schema_version: 1`), documented in `docs/json-report.md`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::position;
use crate::engine::Report;
use crate::finding::{Responsibility, Severity};

/// The version of the JSON contract; bumped on any incompatible change.
pub(crate) const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    tool: Tool<'a>,
    summary: Summary<'a>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Summary<'a> {
    files: usize,
    not_kubernetes: usize,
    documents: usize,
    objects: usize,
    findings: usize,
    suppressed: usize,
    #[serde(skip_serializing_if = "is_zero")]
    below_shown: usize,
    by_severity: BTreeMap<&'static str, usize>,
    platform: &'static str,
    provider_findings: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    cluster: Option<JsonCluster<'a>>,
}

#[derive(Serialize)]
struct JsonCluster<'a> {
    context: &'a str,
    kinds_read: usize,
    kinds_not_read: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: RuleId,
    severity: Severity,
    responsibility: Responsibility,
    standards: &'static [&'static str],
    object: Option<JsonObject<'a>>,
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<JsonLocation<'a>>,
    message: &'a str,
    help: &'a str,
    suppressed: JsonSuppressed<'a>,
}

#[derive(Serialize)]
struct RuleId {
    code: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct JsonObject<'a> {
    api_version: &'a str,
    kind: &'a str,
    namespace: Option<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    file: &'a str,
    line: u32,
    column: u32,
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonSuppressed<'a> {
    No(bool),
    Yes { by: &'static str, reason: &'a str },
}

/// The report as pretty-printed JSON with a final newline.
#[must_use]
pub fn render(report: &Report, tool_version: &str) -> String {
    let mut out = Vec::new();
    write(report, tool_version, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes the report as pretty-printed JSON with a final newline, without holding the text in memory.
pub fn write(report: &Report, tool_version: &str, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let findings = report
        .findings
        .iter()
        .map(|f| JsonFinding {
            rule: RuleId {
                code: f.rule.code,
                name: f.rule.name,
            },
            severity: f.severity,
            responsibility: f.responsibility,
            standards: f.rule.standards,
            object: f.object.map(|id| {
                let o = &report.inventory.object(id).oref;
                JsonObject {
                    api_version: &o.api_version,
                    kind: &o.kind,
                    namespace: o.namespace.as_deref(),
                    name: &o.name,
                }
            }),
            path: f.path.to_string(),
            location: position(report, f).map(|(file, line, column)| JsonLocation { file, line, column }),
            message: &f.message,
            help: &f.help,
            suppressed: f
                .suppressed
                .as_ref()
                .map_or(JsonSuppressed::No(false), |s| JsonSuppressed::Yes {
                    by: s.by,
                    reason: &s.reason,
                }),
        })
        .collect();
    let s = &report.summary;
    let json = JsonReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "blastwall",
            version: tool_version,
        },
        summary: Summary {
            files: s.files,
            not_kubernetes: s.not_kubernetes,
            documents: s.documents,
            objects: s.objects,
            findings: s.findings,
            suppressed: s.suppressed,
            below_shown: s.below_shown,
            by_severity: s.by_severity.iter().map(|(k, v)| (k.as_str(), *v)).collect(),
            platform: s.platform.as_str(),
            provider_findings: s.provider,
            cluster: s.cluster.as_ref().map(|c| JsonCluster {
                context: &c.context,
                kinds_read: c.kinds_read,
                kinds_not_read: c.kinds_not_read,
            }),
        },
        findings,
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    out.write_all(b"\n")
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde hands a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}
