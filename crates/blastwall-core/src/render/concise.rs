//! One line per finding, `file:line:col: severity[CODE] name: message`, in file order: for editors' problem
//! matchers and for grep. Findings without a location (a part of the input that could not be read) start at
//! the severity.

use std::fmt::Write;

use super::position;
use crate::engine::Report;

/// The findings not suppressed, one per line.
#[must_use]
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in report.findings.iter().filter(|f| f.suppressed.is_none()) {
        if let Some((file, line, column)) = position(report, f) {
            let _ = write!(out, "{file}:{line}:{column}: ");
        }
        let _ = writeln!(
            out,
            "{}[{}] {}: {}",
            f.severity,
            f.rule.code,
            f.rule.name,
            f.message.replace('\n', " ")
        );
    }
    out
}
