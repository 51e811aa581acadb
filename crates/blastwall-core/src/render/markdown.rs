//! The report as a pull-request comment (or a CI job summary): the verdict and the counts by severity, then
//! the most severe findings with links to their lines, then the count of the rest. Links are absolute when
//! the GitHub Actions variables name the repository and commit, relative to the repository otherwise.

use std::fmt::Write;

use super::{markdown_cell, most_severe_first, position};
use crate::engine::Report;
use crate::finding::Finding;

/// At most this many findings are listed; the rest are counted.
const LISTED: usize = 50;

/// Where links to files point: `https://github.com/OWNER/REPO/blob/SHA/` in GitHub Actions, else nothing.
#[must_use]
pub fn link_base_from_env() -> String {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    match (
        var("GITHUB_SERVER_URL"),
        var("GITHUB_REPOSITORY"),
        var("GITHUB_SHA"),
    ) {
        (Some(server), Some(repo), Some(sha)) => format!("{server}/{repo}/blob/{sha}/"),
        _ => String::new(),
    }
}

fn link(report: &Report, f: &Finding, base: &str) -> String {
    position(report, f).map_or_else(
        || "-".to_owned(),
        |(file, line, _)| {
            let file = file.strip_prefix("./").unwrap_or(file);
            format!(
                "[{}:{line}]({base}{}#L{line})",
                markdown_cell(file),
                file.replace(' ', "%20")
            )
        },
    )
}

/// The report as markdown; `link_base` is put before each file's path in links.
#[must_use]
pub fn render(report: &Report, link_base: &str) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let verdict = if report.fails() { "fails" } else { "passes" };
    let _ = writeln!(
        out,
        "### blastwall: {verdict} (fails on {} and above)\n",
        report.fail_on
    );
    let counts: Vec<String> = s
        .by_severity
        .iter()
        .rev()
        .filter(|(_, n)| **n > 0)
        .map(|(sev, n)| format!("{n} {sev}"))
        .collect();
    let _ = writeln!(
        out,
        "{} files, {} objects: **{} findings**{}{}\n",
        s.files,
        s.objects,
        s.findings,
        if counts.is_empty() {
            String::new()
        } else {
            format!(" ({})", counts.join(", "))
        },
        if s.suppressed > 0 {
            format!(", {} suppressed", s.suppressed)
        } else {
            String::new()
        },
    );
    let shown = most_severe_first(report);
    if shown.is_empty() {
        return out;
    }
    let _ = writeln!(out, "| severity | rule | where | finding |\n|---|---|---|---|");
    for f in shown.iter().take(LISTED) {
        let _ = writeln!(
            out,
            "| {} | {} `{}` | {} | {} |",
            f.severity,
            f.rule.code,
            f.rule.name,
            link(report, f, link_base),
            markdown_cell(&f.message)
        );
    }
    if shown.len() > LISTED {
        let _ = writeln!(out, "\n…and {} more (see the full report).", shown.len() - LISTED);
    }
    out
}
