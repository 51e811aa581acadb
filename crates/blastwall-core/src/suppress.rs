//! Suppressions: inline comments, the `blastwall.dev/ignore` annotation and config exceptions. A reason is
//! required; malformed ones and ones that suppress nothing are findings themselves.

use crate::config::Exception;
use crate::finding::{Finding, Location, Suppressed};
use crate::glob::glob_match;
use crate::model::{FieldPath, Inventory, ObjectId};
use crate::rule::{Category, Rule};
use crate::rules::{self, meta};
use crate::settings::Settings;
use crate::source::{SourceId, Span};

/// The annotation that suppresses findings on an object: lines of `rule-name: reason`.
pub(crate) const ANNOTATION: &str = "blastwall.dev/ignore";
const MARKER: &str = "blastwall:ignore";

/// What a suppression covers.
#[derive(Debug, Clone)]
enum Scope {
    /// Findings on one line; and the whole object whose first line it is.
    Line { source: SourceId, line: u32 },
    /// Every finding of one object.
    Object(ObjectId),
    /// Config exception `n`.
    Exception(usize),
}

#[derive(Debug, Clone)]
struct Suppression {
    rules: Vec<&'static str>,
    reason: String,
    scope: Scope,
    by: &'static str,
    location: Location,
    used: bool,
}

/// Applies suppressions to `findings`, and appends findings for malformed and unused suppressions.
/// `config_source` is where config exceptions live.
pub fn apply(
    inventory: &Inventory,
    settings: &Settings,
    config_source: Option<SourceId>,
    findings: &mut Vec<Finding>,
) {
    let exceptions = &settings.exceptions;
    let mut problems = Vec::new();
    let mut all = inline(inventory, &mut problems);
    all.extend(annotations(inventory, &mut problems));
    if let Some(source) = config_source {
        all.extend(exceptions.iter().enumerate().map(|(i, e)| {
            Suppression {
                rules: e
                    .rules
                    .iter()
                    .filter_map(|r| {
                        if r.value == "*" {
                            Some("*")
                        } else {
                            rules::find(&r.value).map(|x| x.code)
                        }
                    })
                    .collect(),
                reason: e.reason.clone(),
                scope: Scope::Exception(i),
                by: "config",
                location: Location { source, span: e.span },
                used: false,
            }
        }));
    }
    for finding in findings.iter_mut() {
        // Findings about the input and the suppressions themselves cannot be suppressed, except repeated keys.
        if finding.rule.category == Category::Meta && finding.rule.code != meta::DUPLICATE_KEY.code {
            continue;
        }
        if let Some(s) = all.iter_mut().find(|s| covers(s, finding, inventory, exceptions)) {
            s.used = true;
            finding.suppressed = Some(Suppressed {
                reason: s.reason.clone(),
                by: s.by,
            });
        }
    }
    // A suppression of rules that did not run (`--select`) is not known to be stale.
    let ran = |s: &Suppression| {
        s.rules
            .iter()
            .any(|r| *r == "*" || settings.rules.iter().any(|x| x.code == *r))
    };
    for s in all.iter().filter(|s| !s.used && ran(s)) {
        let names: Vec<&str> = s
            .rules
            .iter()
            .map(|code| rules::find(code).map_or(*code, |r| r.name))
            .collect();
        problems.push(meta_finding(
            &meta::UNUSED_SUPPRESSION,
            s.location,
            format!(
                "this {} suppression of {} matched no finding",
                s.by,
                names.join(", ")
            ),
            meta::UNUSED_SUPPRESSION.help.to_owned(),
        ));
    }
    findings.extend(problems);
}

fn covers(s: &Suppression, f: &Finding, inventory: &Inventory, exceptions: &[Exception]) -> bool {
    if !s.rules.iter().any(|r| *r == "*" || *r == f.rule.code) {
        return false;
    }
    match &s.scope {
        Scope::Line { source, line } => {
            let Some(loc) = f.location else { return false };
            let object_starts_here = f.object.is_some_and(|id| {
                let o = inventory.object(id);
                o.source == *source && o.span().line == *line
            });
            loc.source == *source && (loc.span.line == *line || object_starts_here)
        }
        Scope::Object(id) => f.object == Some(*id),
        Scope::Exception(i) => f
            .object
            .is_some_and(|id| exception_matches(&exceptions[*i], inventory, id)),
    }
}

fn exception_matches(e: &Exception, inventory: &Inventory, id: ObjectId) -> bool {
    let o = inventory.object(id);
    let namespace = o.oref.namespace.as_deref().unwrap_or("");
    e.kind.as_ref().is_none_or(|k| *k == o.oref.kind)
        && e.namespace.as_ref().is_none_or(|p| glob_match(p, namespace))
        && e.name.as_ref().is_none_or(|p| glob_match(p, &o.oref.name))
        && (e.labels.is_empty() || {
            let labels = o.labels();
            e.labels
                .iter()
                .all(|(k, v)| labels.get(k.as_str()) == Some(&v.as_str()))
        })
}

fn meta_finding(rule: &'static Rule, location: Location, message: String, help: String) -> Finding {
    Finding {
        rule,
        severity: rule.severity,
        object: None,
        path: FieldPath::root(),
        location: Some(location),
        message,
        help: help.into(),
        suppressed: None,
        responsibility: rule.responsibility,
    }
}

/// Parses `[rule-a, rule-b] reason` after the marker: the rules (as codes) and the reason.
fn parse_directive(rest: &str) -> Result<(Vec<&'static str>, String), String> {
    let rest = rest
        .strip_prefix('[')
        .ok_or("expected `[rule-name]` after `blastwall:ignore`")?;
    let (names, reason) = rest.split_once(']').ok_or("missing `]` after the rule names")?;
    let mut codes = Vec::new();
    for name in names.split(',').map(str::trim) {
        let rule =
            rules::find(name).ok_or_else(|| format!("unknown rule `{name}` (see `blastwall rules`)"))?;
        codes.push(rule.code);
    }
    let reason = reason.trim();
    // A reason is prose; another comment after the bracket is not one.
    if reason.is_empty() || reason.starts_with('#') {
        return Err(format!(
            "the suppression of `{}` gives no reason; write the reason after the `]`",
            names.trim()
        ));
    }
    Ok((codes, reason.to_owned()))
}

/// `# blastwall:ignore[...]` comments: a comment alone on its line covers the next line with content; a
/// comment after content covers its own line.
fn inline(inventory: &Inventory, problems: &mut Vec<Finding>) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (i, source) in inventory.sources.iter().enumerate() {
        let id = SourceId(i as u32);
        let text = &source.text;
        if memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_none() {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            let Some(at) = line.find(MARKER) else { continue };
            let Some(hash) = line[..at].rfind('#') else {
                continue;
            };
            let is_comment =
                line[hash + 1..at].trim().is_empty() && (hash == 0 || line[..hash].ends_with([' ', '\t']));
            if !is_comment {
                continue;
            }
            let column = line[..hash].chars().count() as u32;
            let location = Location {
                source: id,
                span: Span {
                    line: n as u32,
                    column,
                },
            };
            let own_line = line[..hash].trim().is_empty();
            let target = if own_line {
                lines[n + 1..]
                    .iter()
                    .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                    .map_or(n, |k| n + 1 + k)
            } else {
                n
            };
            match parse_directive(&line[at + MARKER.len()..]) {
                Ok((rules, reason)) => out.push(Suppression {
                    rules,
                    reason,
                    scope: Scope::Line {
                        source: id,
                        line: target as u32,
                    },
                    by: "inline",
                    location,
                    used: false,
                }),
                Err(message) => problems.push(invalid(location, message)),
            }
        }
    }
    out
}

fn invalid(location: Location, message: String) -> Finding {
    meta_finding(
        &meta::INVALID_SUPPRESSION,
        location,
        message,
        meta::INVALID_SUPPRESSION.help.to_owned(),
    )
}

/// `blastwall.dev/ignore` annotations: one `rule-name: reason` per line (several names may share a line,
/// separated by commas).
fn annotations(inventory: &Inventory, problems: &mut Vec<Finding>) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (id, object) in inventory.iter() {
        let Some(annotations) = object
            .root
            .get_path(&["metadata", "annotations"])
            .and_then(|n| n.as_map())
        else {
            continue;
        };
        let Some((key, value)) = annotations.entry(ANNOTATION) else {
            continue;
        };
        let location = Location {
            source: object.source,
            span: key.span,
        };
        let Some(text) = value.as_str() else {
            problems.push(invalid(location, format!("`{ANNOTATION}` must be a string")));
            continue;
        };
        for entry in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let parsed = match entry.split_once(':') {
                Some((names, reason)) => parse_directive(&format!("[{names}] {reason}")),
                None => Err(format!(
                    "expected `rule-name: reason` in `{ANNOTATION}`, found `{entry}`"
                )),
            };
            match parsed {
                Ok((rules, reason)) => out.push(Suppression {
                    rules,
                    reason,
                    scope: Scope::Object(id),
                    by: "annotation",
                    location,
                    used: false,
                }),
                Err(message) => problems.push(invalid(location, message)),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_need_known_rules_and_a_reason() {
        assert_eq!(
            parse_directive("[host-pid] agent").unwrap(),
            (vec!["BW103"], "agent".to_owned())
        );
        assert_eq!(
            parse_directive("[host-pid, BW102] both").unwrap().0,
            vec!["BW103", "BW102"]
        );
        assert!(parse_directive("[host-pid]").unwrap_err().contains("no reason"));
        assert!(parse_directive("[host-pdi] typo")
            .unwrap_err()
            .contains("unknown rule"));
        assert!(parse_directive(" host-pid reason").is_err());
    }
}
