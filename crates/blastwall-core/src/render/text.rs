//! The report for people, in the style of compiler diagnostics: the source line with a caret under the
//! field, the message, what to do, and a summary.

use std::fmt::Write;

use crate::engine::Report;
use crate::finding::{Finding, Responsibility, Severity};

/// How to draw.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
}

struct Paint {
    color: bool,
}

impl Paint {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn severity(&self, s: Severity, text: &str) -> String {
        let code = match s {
            Severity::Critical => "1;35",
            Severity::High => "1;31",
            Severity::Medium => "1;33",
            Severity::Low => "1;36",
            Severity::Info => "1;34",
        };
        self.paint(code, text)
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint("1;34", text)
    }
}

/// The report as text.
#[must_use]
pub fn render(report: &Report, style: Style) -> String {
    let p = Paint { color: style.color };
    let mut out = String::new();
    let shown: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .collect();
    let groups = [
        (Responsibility::User, "Your responsibility"),
        (Responsibility::Platform, "The platform's responsibility"),
    ];
    let grouped = shown.iter().any(|f| f.responsibility == Responsibility::Platform);
    for (responsibility, title) in groups {
        let in_group: Vec<&&Finding> = shown
            .iter()
            .filter(|f| f.responsibility == responsibility)
            .collect();
        if in_group.is_empty() {
            continue;
        }
        if grouped {
            let _ = writeln!(out, "{}\n", p.bold(&format!("── {title} ──")));
        }
        for f in in_group {
            finding(&mut out, report, f, &p);
        }
    }
    summary(&mut out, report, &p);
    out
}

fn finding(out: &mut String, report: &Report, f: &Finding, p: &Paint) {
    let head = format!("{}[{}]", f.severity, f.rule.code);
    let _ = writeln!(
        out,
        "{}{} {}",
        p.severity(f.severity, &head),
        p.bold(":"),
        p.bold(&f.message)
    );
    let Some(loc) = f.location else {
        let _ = writeln!(out);
        return;
    };
    let source = report.inventory.source(loc.source);
    let line_no = (loc.span.line + 1).to_string();
    let gutter = " ".repeat(line_no.len());
    let _ = writeln!(
        out,
        "{gutter}{} {}:{}:{}",
        p.dim("-->"),
        source.name,
        loc.span.line + 1,
        loc.span.column + 1
    );
    if let Some(text) = source.line(loc.span.line) {
        let text = text.replace('\t', " ");
        let column = loc.span.column as usize;
        let width = token_width(&text, column);
        let _ = writeln!(out, "{gutter} {}", p.dim("|"));
        let _ = writeln!(out, "{} {} {text}", p.dim(&line_no), p.dim("|"));
        let caret = format!("{}{}", " ".repeat(column), "^".repeat(width));
        let _ = writeln!(
            out,
            "{gutter} {} {} {}",
            p.dim("|"),
            p.severity(f.severity, &caret),
            p.severity(f.severity, f.rule.name)
        );
        let _ = writeln!(out, "{gutter} {}", p.dim("|"));
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
        let _ = writeln!(
            out,
            "{gutter} {} {}: {} {ns}{}{path}",
            p.dim("="),
            p.bold("object"),
            o.kind,
            o.name
        );
    }
    let _ = writeln!(out, "{gutter} {} {}: {}\n", p.dim("="), p.bold("help"), f.help);
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

fn summary(out: &mut String, report: &Report, p: &Paint) {
    let s = &report.summary;
    let counts: Vec<String> = s
        .by_severity
        .iter()
        .rev()
        .filter(|(_, n)| **n > 0)
        .map(|(sev, n)| p.severity(*sev, &format!("{n} {sev}")))
        .collect();
    let files = if s.not_kubernetes > 0 {
        format!(
            "{} ({} not Kubernetes)",
            plural(s.files, "file"),
            s.not_kubernetes
        )
    } else {
        plural(s.files, "file")
    };
    let read = match &s.cluster {
        // A live cluster's objects are documents of their own, not files.
        Some(c) if c.kinds_not_read > 0 => format!(
            "{} of {} read from context {} ({} not read)",
            plural(s.objects, "object"),
            plural(c.kinds_read, "kind"),
            c.context,
            plural(c.kinds_not_read, "kind")
        ),
        Some(c) => format!(
            "{} of {} read from context {}",
            plural(s.objects, "object"),
            plural(c.kinds_read, "kind"),
            c.context
        ),
        None => format!(
            "{files}, {}, {}",
            plural(s.documents, "document"),
            plural(s.objects, "object")
        ),
    };
    let _ = write!(out, "{} {read}: ", p.bold("scanned"));
    if counts.is_empty() {
        let _ = write!(out, "{}", p.paint("1;32", "no findings"));
    } else {
        let _ = write!(
            out,
            "{} ({})",
            p.bold(&plural(s.findings, "finding")),
            counts.join(", ")
        );
    }
    if s.suppressed > 0 {
        let _ = write!(out, ", {} suppressed", s.suppressed);
    }
    if s.provider > 0 {
        let _ = write!(
            out,
            "; {} the provider's on {} (not listed)",
            plural(s.provider, "finding"),
            s.platform.as_str()
        );
    }
    let _ = writeln!(out);
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
