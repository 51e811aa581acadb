//! Reports for people and programs: pure functions from an [`engine::Report`](crate::engine::Report), or
//! from a command's answer (RBAC, connectivity, exposure, Pod Security levels), to a writer.

pub mod attack;
pub mod concise;
pub mod connlist;
pub mod diff;
pub mod exposure;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod pss;
pub mod rbac;
pub mod reach;
pub mod rule_docs;
pub mod sarif;
pub mod text;

use crate::engine::Report;
use crate::finding::Finding;

/// The two forms of a command's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerFormat {
    /// For people.
    Text,
    /// For programs, with a `schema_version` where the answer is an object.
    Json,
}

/// The file name, 1-based line and 1-based column of a finding, when it has a location.
#[must_use]
pub(crate) fn position<'a>(report: &'a Report, finding: &Finding) -> Option<(&'a str, u32, u32)> {
    let loc = finding.location?;
    let source = report.inventory.source(loc.source);
    Some((source.name.as_str(), loc.span.line + 1, loc.span.column + 1))
}

/// The findings not suppressed, most severe first, then in file order (the report's order).
#[must_use]
pub(crate) fn most_severe_first(report: &Report) -> Vec<&Finding> {
    let mut shown: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .collect();
    shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
    shown
}

/// `1 finding`, `2 findings`.
#[must_use]
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Text made safe for a markdown table cell or list item.
#[must_use]
pub(crate) fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('<', "&lt;").replace('\n', " ")
}
