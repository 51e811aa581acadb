//! Rule documentation as Markdown: the pages under `docs/rules/` and `blastwall rules NAME` come from here.

use std::fmt::Write;
use std::io;

use serde_json::json;

use super::AnswerFormat;

use crate::rule::Rule;

/// The Markdown page of one rule.
#[must_use]
pub fn page(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} `{}`\n", rule.code, rule.name);
    let _ = writeln!(out, "{}\n", rule.summary);
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Category | {} |", rule.category.as_str());
    let _ = writeln!(out, "| Default severity | {} |", rule.severity);
    let _ = writeln!(out, "| Responsibility | {} |", rule.responsibility.as_str());
    let standards = if rule.standards.is_empty() {
        "—".to_owned()
    } else {
        rule.standards
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(out, "| Standards | {standards} |");
    if rule.optional {
        let _ = writeln!(
            out,
            "| Optional | yes: runs only when selected, `--select {}` |",
            rule.name
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "## What it does\n\n{}\n", rule.docs.what);
    let _ = writeln!(out, "## Why is this bad?\n\n{}\n", rule.docs.why);
    let _ = writeln!(out, "## Example\n\n```yaml\n{}```\n", rule.docs.example);
    let _ = writeln!(out, "## Remediation\n\n{}\n", rule.docs.remediation);
    let _ = writeln!(
        out,
        "To accept a finding deliberately, write `# blastwall:ignore[{}] <reason>` on or above the reported line, \
or annotate the object with `blastwall.dev/ignore: \"{}: <reason>\"`.\n",
        rule.name, rule.name
    );
    let _ = writeln!(out, "## References\n");
    for r in rule.docs.references {
        if r.starts_with("https://") {
            let _ = writeln!(out, "- <{r}>");
        } else {
            let _ = writeln!(out, "- [{r}]({r})");
        }
    }
    out
}

/// The index page listing `rules`.
#[must_use]
pub fn index(rules: &[&Rule]) -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rule definitions by `cargo test -p blastwall-core --test rule_docs` \
(set `BLASTWALL_BLESS=1` to rewrite); do not edit by hand. [`../catalogue-coverage.md`](../catalogue-coverage.md) \
maps the checks of other scanners to these rules and says why any is left out. Optional rules run only when \
selected by name.\n\n\
| Code | Name | Category | Severity | Responsibility | Summary |\n|---|---|---|---|---|---|\n",
    );
    for r in rules {
        let _ = writeln!(
            out,
            "| {} | [{}]({}.md) | {} | {} | {} | {} |",
            r.code,
            r.name,
            r.name,
            r.category.as_str(),
            r.severity,
            r.responsibility.as_str(),
            r.summary
        );
    }
    out
}

/// Every generated file under `docs/rules/` for `rules`: (file name, content).
#[must_use]
pub fn files(rules: &[&Rule]) -> Vec<(String, String)> {
    let mut files = vec![("README.md".to_owned(), index(rules))];
    files.extend(rules.iter().map(|r| (format!("{}.md", r.name), page(r))));
    files
}

/// The rule list: one line per rule (code, name, severity, category, summary), or JSON objects.
pub fn write_list(out: &mut dyn io::Write, rules: &[&Rule], format: AnswerFormat) -> io::Result<()> {
    match format {
        AnswerFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    json!({
                        "code": r.code, "name": r.name, "category": r.category.as_str(),
                        "severity": r.severity, "responsibility": r.responsibility,
                        "standards": r.standards, "summary": r.summary, "help": r.help, "optional": r.optional,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)
        }
        AnswerFormat::Text => {
            for r in rules {
                writeln!(
                    out,
                    "{}  {:<30} {:<9} {:<9} {}{}",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.category.as_str(),
                    r.summary,
                    if r.optional {
                        " (optional: --select it)"
                    } else {
                        ""
                    }
                )?;
            }
            Ok(())
        }
    }
}
