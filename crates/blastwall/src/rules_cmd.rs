//! `blastwall rules [NAME]`: the rule list, or one rule's documentation.

use std::io::Write;

use anyhow::{bail, Result};
use blastwall_core::render::rule_docs as docs;
use blastwall_core::rules::{self, Rule};
use serde_json::json;

use crate::cli::{RulesArgs, RulesFormat};

pub fn run(args: &RulesArgs) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    let chosen: Vec<&Rule> = match &args.name {
        Some(name) => match rules::find(name) {
            Some(rule) => vec![rule],
            None => bail!("unknown rule `{name}`; `blastwall rules` lists them"),
        },
        None => rules::all(),
    };
    match args.output {
        RulesFormat::Json => {
            let list: Vec<_> = chosen
                .iter()
                .map(|r| {
                    json!({
                        "code": r.code, "name": r.name, "category": r.category.as_str(),
                        "severity": r.severity, "responsibility": r.responsibility,
                        "standards": r.standards, "summary": r.summary, "help": r.help, "optional": r.optional,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        }
        RulesFormat::Markdown if args.name.is_none() => write!(out, "{}", docs::index(&rules::all()))?,
        RulesFormat::Markdown | RulesFormat::Text if args.name.is_some() => {
            write!(out, "{}", docs::page(chosen[0]))?;
        }
        _ => {
            for r in chosen {
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
        }
    }
    Ok(0)
}
