//! The posture diff for people (text) and for a pull-request comment (markdown); JSON is the diff itself.

use std::fmt::Write;

use super::{markdown_cell, plural};
use crate::diff::{FindingChange, PostureDiff};

fn at(f: &FindingChange) -> String {
    f.location
        .as_ref()
        .map_or_else(String::new, |p| format!("{}:{}:{}: ", p.file, p.line, p.column))
}

/// The one-line count both forms carry.
#[must_use]
pub fn headline(diff: &PostureDiff) -> String {
    let pair = |added: usize, removed: usize, what: &str, gone: &str| {
        format!("{added} new {what}, {removed} {gone}")
    };
    format!(
        "{}; {}; {}; {}",
        pair(
            diff.findings.added.len(),
            diff.findings.removed.len(),
            "findings",
            "fixed"
        ),
        pair(
            diff.connections.added.len(),
            diff.connections.removed.len(),
            "connections",
            "removed"
        ),
        pair(
            diff.permissions.added.len(),
            diff.permissions.removed.len(),
            "permissions",
            "removed"
        ),
        plural(diff.pss.len(), "Pod Security level change"),
    )
}

/// The diff as text.
#[must_use]
pub fn text(diff: &PostureDiff, failures: &[String]) -> String {
    let mut out = String::new();
    let section = |out: &mut String, title: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        let _ = writeln!(out, "{title}:");
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
        let _ = writeln!(out);
    };
    let finding = |sign: char, f: &FindingChange| {
        format!(
            "{sign} {}{}[{}] {}: {}",
            at(f),
            f.severity,
            f.code,
            f.rule,
            f.message
        )
    };
    section(
        &mut out,
        "New findings",
        diff.findings.added.iter().map(|f| finding('+', f)).collect(),
    );
    section(
        &mut out,
        "Fixed findings",
        diff.findings.removed.iter().map(|f| finding('-', f)).collect(),
    );
    let connections = diff
        .connections
        .added
        .iter()
        .map(|c| format!("+ {}", c.line()))
        .chain(diff.connections.removed.iter().map(|c| format!("- {}", c.line())))
        .collect();
    section(&mut out, "Connections", connections);
    let permissions = diff
        .permissions
        .added
        .iter()
        .map(|p| format!("+ {} (via {})", p.line(), p.via))
        .chain(diff.permissions.removed.iter().map(|p| format!("- {}", p.line())))
        .collect();
    section(&mut out, "Permissions", permissions);
    let levels = diff
        .pss
        .iter()
        .map(|l| format!("{}: {} -> {}", l.object, l.from.unwrap_or("(new)"), l.to))
        .collect();
    section(&mut out, "Pod Security levels", levels);
    let _ = writeln!(out, "{}", headline(diff));
    for failure in failures {
        let _ = writeln!(out, "fails: {failure}");
    }
    out
}

/// The diff as a pull-request comment: the verdict, then each part, new findings first.
#[must_use]
pub fn markdown(diff: &PostureDiff, failures: &[String]) -> String {
    let mut out = String::new();
    let verdict = if failures.is_empty() { "passes" } else { "fails" };
    let _ = writeln!(out, "### blastwall: this change {verdict}\n");
    let _ = writeln!(out, "{}\n", headline(diff));
    for failure in failures {
        let _ = writeln!(out, "- :x: {}", markdown_cell(failure));
    }
    if !failures.is_empty() {
        let _ = writeln!(out);
    }
    for (title, list) in [
        ("New findings", &diff.findings.added),
        ("Fixed findings", &diff.findings.removed),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "#### {title}\n\n| severity | rule | where | message |\n|---|---|---|---|"
        );
        for f in list {
            let place = f.location.as_ref().map_or_else(
                || "-".to_owned(),
                |p| format!("`{}:{}`", markdown_cell(&p.file), p.line),
            );
            let _ = writeln!(
                out,
                "| {} | {} `{}` | {place} | {} |",
                f.severity,
                f.code,
                f.rule,
                markdown_cell(&f.message)
            );
        }
        let _ = writeln!(out);
    }
    let changes = |added: Vec<String>, removed: Vec<String>| -> String {
        added
            .iter()
            .map(|l| format!("+ {l}\n"))
            .chain(removed.iter().map(|l| format!("- {l}\n")))
            .collect()
    };
    let connections = changes(
        diff.connections
            .added
            .iter()
            .map(crate::diff::ConnectionChange::line)
            .collect(),
        diff.connections
            .removed
            .iter()
            .map(crate::diff::ConnectionChange::line)
            .collect(),
    );
    let permissions = changes(
        diff.permissions
            .added
            .iter()
            .map(crate::diff::PermissionChange::line)
            .collect(),
        diff.permissions
            .removed
            .iter()
            .map(crate::diff::PermissionChange::line)
            .collect(),
    );
    for (title, body) in [("Connections", connections), ("Permissions", permissions)] {
        if !body.is_empty() {
            let _ = writeln!(out, "#### {title}\n\n```diff\n{body}```\n");
        }
    }
    if !diff.pss.is_empty() {
        let _ = writeln!(
            out,
            "#### Pod Security levels\n\n| workload | from | to |\n|---|---|---|"
        );
        for l in &diff.pss {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                markdown_cell(&l.object),
                l.from.unwrap_or("(new)"),
                l.to
            );
        }
        let _ = writeln!(out);
    }
    out
}
