//! The end of the text report: a table of the findings by rule (count, severity, first location), and the
//! line that says what was read and how many findings of each severity.

use std::fmt::Write;

use super::Paint;
use crate::engine::Report;
use crate::finding::Finding;
use crate::render::{plural, position};

/// The findings by rule, most severe first, then the most frequent: code, name, severity, count and the
/// first location. Nothing when there are fewer than two findings.
pub(super) fn table(out: &mut String, report: &Report, shown: &[&Finding], p: &Paint) {
    if shown.len() < 2 {
        return;
    }
    let mut rows: Vec<(&Finding, usize)> = Vec::new();
    for &f in shown {
        match rows.iter_mut().find(|(first, _)| first.rule.code == f.rule.code) {
            Some((_, count)) => *count += 1,
            None => rows.push((f, 1)),
        }
    }
    rows.sort_by_key(|(f, count)| (std::cmp::Reverse(f.severity), std::cmp::Reverse(*count)));
    let name_width = rows
        .iter()
        .map(|(f, _)| f.rule.code.len() + 1 + f.rule.name.len())
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!(
            "{:<name_width$}  {:<8}  {:>5}  first",
            "rule", "severity", "count"
        ))
    );
    for (f, count) in rows {
        let name = format!("{} {}", f.rule.code, f.rule.name);
        let first = position(report, f).map_or_else(
            || "-".to_owned(),
            |(file, line, column)| format!("{file}:{line}:{column}"),
        );
        let severity = format!("{:<8}", f.severity.as_str());
        let _ = writeln!(
            out,
            "{name:<name_width$}  {}  {count:>5}  {first}",
            p.severity(f.severity, &severity)
        );
    }
    let _ = writeln!(out);
}

/// The closing line: what was read and the findings by severity.
pub(super) fn line(out: &mut String, report: &Report, p: &Paint) {
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
        let _ = write!(
            out,
            "{}",
            p.paint(anstyle::AnsiColor::Green.on_default().bold(), "no findings")
        );
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
    if s.below_shown > 0 {
        let _ = write!(out, ", {} below the severity shown", s.below_shown);
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
