//! `blastwall rules [NAME]`: the rule list, or one rule's documentation.

use std::io::Write;

use anyhow::{bail, Result};
use blastwall_core::render::rule_docs as docs;
use blastwall_core::render::AnswerFormat;
use blastwall_core::rules::{self, Rule};

use crate::cli::{RulesArgs, RulesFormat};
use crate::output;

pub fn run(args: &RulesArgs) -> Result<u8> {
    let chosen: Vec<&Rule> = match &args.name {
        Some(name) => match rules::find(name) {
            Some(rule) => vec![rule],
            None => bail!("unknown rule `{name}`; `blastwall rules` lists them"),
        },
        None => rules::all(),
    };
    let mut out = output::stdout();
    match (args.output, &args.name) {
        (RulesFormat::Json, _) => docs::write_list(&mut out, &chosen, AnswerFormat::Json)?,
        (RulesFormat::Markdown, None) => write!(out, "{}", docs::index(&chosen))?,
        (RulesFormat::Markdown | RulesFormat::Text, Some(_)) => write!(out, "{}", docs::page(chosen[0]))?,
        (RulesFormat::Text, None) => docs::write_list(&mut out, &chosen, AnswerFormat::Text)?,
    }
    out.flush()?;
    Ok(0)
}
