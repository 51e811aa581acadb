//! The report for people, in the style of compiler diagnostics (rustc's own snippet renderer): most severe
//! first, one entry per object and rule with the source line and a caret under the field, the message and
//! what to do; then a table by rule and a summary line. Long source lines are cut to the terminal's width.

use std::fmt::Write;

use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet};
use anstyle::AnsiColor;

use std::collections::hash_map::{Entry, HashMap};

use super::{most_severe_first, position};
use crate::engine::Report;
use crate::finding::{Finding, Responsibility, Severity};
use crate::model::ObjectId;

mod summary;

/// How to draw.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// The width of the terminal: longer source lines are cut, with an ellipsis (`0`: 160 columns).
    pub width: usize,
}

/// Colours (anstyle's), or none.
struct Paint {
    color: bool,
}

impl Paint {
    fn paint(&self, style: anstyle::Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }
    fn severity(&self, s: Severity, text: &str) -> String {
        let color = match s {
            Severity::Critical => AnsiColor::Magenta,
            Severity::High => AnsiColor::Red,
            Severity::Medium => AnsiColor::Yellow,
            Severity::Low => AnsiColor::Cyan,
            Severity::Info => AnsiColor::Blue,
        };
        self.paint(color.on_default().bold(), text)
    }
    fn bold(&self, text: &str) -> String {
        self.paint(anstyle::Style::new().bold(), text)
    }
}

/// The report as text.
#[must_use]
pub fn render(report: &Report, style: Style) -> String {
    let p = Paint { color: style.color };
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(if style.width == 0 { 160 } else { style.width });
    let mut out = String::new();
    let shown = most_severe_first(report);
    let groups = [
        (Responsibility::User, "Your responsibility"),
        (Responsibility::Platform, "The platform's responsibility"),
    ];
    let grouped = shown.iter().any(|f| f.responsibility == Responsibility::Platform);
    for (responsibility, title) in groups {
        let in_group: Vec<&Finding> = shown
            .iter()
            .copied()
            .filter(|f| f.responsibility == responsibility)
            .collect();
        if in_group.is_empty() {
            continue;
        }
        if grouped {
            let _ = writeln!(out, "{}\n", p.bold(&format!("── {title} ──")));
        }
        for same in by_object_and_rule(&in_group) {
            finding(&mut out, report, &same, &renderer);
        }
    }
    summary::table(&mut out, report, &shown, &p);
    summary::line(&mut out, report, &p);
    out
}

/// The findings grouped by object and rule, in the order of each group's first: one entry for an object
/// that breaks a rule in several places (a role that grants eleven risky things is one entry listing them).
fn by_object_and_rule<'f>(findings: &[&'f Finding]) -> Vec<Vec<&'f Finding>> {
    let mut groups: Vec<Vec<&Finding>> = Vec::new();
    let mut index: HashMap<(ObjectId, &str), usize> = HashMap::new();
    for &f in findings {
        let Some(object) = f.object else {
            groups.push(vec![f]);
            continue;
        };
        match index.entry((object, f.rule.code)) {
            Entry::Occupied(at) => groups[*at.get()].push(f),
            Entry::Vacant(slot) => {
                slot.insert(groups.len());
                groups.push(vec![f]);
            }
        }
    }
    groups
}

/// How a severity is shown: its name, coloured as the compiler level of the same weight.
fn level(severity: Severity) -> Level<'static> {
    let base = match severity {
        Severity::Critical | Severity::High => Level::ERROR,
        Severity::Medium => Level::WARNING,
        Severity::Low => Level::NOTE,
        Severity::Info => Level::INFO,
    };
    base.with_name(Some(severity.as_str()))
}

/// One entry: the first finding of a group with its snippet, the others as a line each.
fn finding(out: &mut String, report: &Report, same: &[&Finding], renderer: &Renderer) {
    let f = same[0];
    let title = level(f.severity)
        .primary_title(f.message.as_str())
        .id(f.rule.code);
    let mut elements: Vec<Element<'_>> = Vec::new();
    if let Some(loc) = f.location {
        let source = report.inventory.source(loc.source);
        if let Some(text) = source.line(loc.span.line) {
            let text = text.replace('\t', " ");
            let column = loc.span.column as usize;
            let start = text.char_indices().nth(column).map_or(text.len(), |(i, _)| i);
            let end = start
                + text[start..]
                    .chars()
                    .take(token_width(&text, column))
                    .map(char::len_utf8)
                    .sum::<usize>();
            elements.push(
                Snippet::source(text)
                    .line_start(loc.span.line as usize + 1)
                    .path(source.name.clone())
                    .annotation(
                        AnnotationKind::Primary
                            .span(start..end.max(start))
                            .label(f.rule.name),
                    )
                    .into(),
            );
        } else {
            elements.push(
                Origin::path(source.name.clone())
                    .line(loc.span.line as usize + 1)
                    .into(),
            );
        }
    }
    if let Some(id) = f.object {
        let o = &report.inventory.object(id).oref;
        let ns = o
            .namespace
            .as_deref()
            .map(|n| format!("{n}/"))
            .unwrap_or_default();
        let path = if f.path.segments().is_empty() {
            String::new()
        } else {
            format!(" at {}", f.path)
        };
        elements.push(
            Level::NOTE
                .with_name(Some("object"))
                .message(format!("{} {ns}{}{path}", o.kind, o.name))
                .into(),
        );
    }
    for other in &same[1..] {
        let at = position(report, other).map_or_else(String::new, |(file, line, column)| {
            format!("{file}:{line}:{column}: ")
        });
        elements.push(
            Level::NOTE
                .with_name(Some("also"))
                .message(format!("{at}{}", other.message))
                .into(),
        );
    }
    elements.push(Level::HELP.message(f.help.to_string()).into());
    let _ = writeln!(
        out,
        "{}\n",
        renderer.render(&[Group::with_title(title).elements(elements)])
    );
}

/// Width of the token starting at `column` (a key, a value), at least 1.
fn token_width(line: &str, column: usize) -> usize {
    let rest: String = line.chars().skip(column).collect();
    let width = rest
        .chars()
        .take_while(|c| !matches!(c, ':' | ',' | ']' | '}' | ' ' | '#'))
        .count();
    width.max(1)
}
