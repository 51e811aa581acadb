//! New and fixed findings: matched by rule, object and field (or, for a finding on no object, by its
//! file relative to the tree's root and its message, file names in it relative too), so that a line moved by
//! an edit above it is no change, and neither is the same tree read from another folder.

use std::collections::BTreeMap;

use serde::Serialize;

use super::sides::{without_roots, Changes, Tree};
use crate::finding::{Finding, Severity};

/// A finding that appears or disappears.
#[derive(Debug, Clone, Serialize)]
pub struct FindingChange {
    /// The rule's code.
    pub code: &'static str,
    /// The rule's name.
    pub rule: &'static str,
    /// Its severity.
    pub severity: &'static str,
    /// The object, `Kind/namespace/name`.
    pub object: Option<String>,
    /// The field.
    pub path: String,
    /// Where, in the tree it belongs to (HEAD for new findings, BASE for fixed ones).
    pub location: Option<Place>,
    /// What is wrong.
    pub message: String,
    /// The severity, for comparisons.
    #[serde(skip)]
    pub severity_level: Severity,
}

/// A file, line and column.
#[derive(Debug, Clone, Serialize)]
pub struct Place {
    /// The file as read.
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based.
    pub column: u32,
}

/// The key two findings share when they are the same finding.
type Key = (&'static str, String, String);

fn keyed(tree: &Tree<'_>) -> BTreeMap<Key, FindingChange> {
    let report = tree.report;
    let roots = tree.root_spellings();
    let mut out = BTreeMap::new();
    for f in report.findings.iter().filter(|f| f.suppressed.is_none()) {
        let object = f.object.map(|id| report.inventory.object(id).oref.to_string());
        let place = place(tree, f);
        let at = match (&object, &place) {
            (Some(o), _) => o.clone(),
            (None, Some(p)) => format!(
                "{}: {}",
                tree.relative(&p.file),
                without_roots(&roots, &f.message)
            ),
            (None, None) => without_roots(&roots, &f.message),
        };
        let key = (f.rule.code, at, f.path.to_string());
        out.entry(key).or_insert_with(|| FindingChange {
            code: f.rule.code,
            rule: f.rule.name,
            severity: f.severity.as_str(),
            object,
            path: f.path.to_string(),
            location: place,
            message: f.message.clone(),
            severity_level: f.severity,
        });
    }
    out
}

fn place(tree: &Tree<'_>, f: &Finding) -> Option<Place> {
    let loc = f.location?;
    Some(Place {
        file: tree.report.inventory.source(loc.source).name.clone(),
        line: loc.span.line + 1,
        column: loc.span.column + 1,
    })
}

/// The findings of HEAD that BASE lacks, and those of BASE that HEAD lacks, most severe first. A finding
/// of a rule on an object that moved to another field (the first of several reasons changed) pairs with
/// the one it replaces: it is neither new nor fixed.
pub(super) fn compare(base: &Tree<'_>, head: &Tree<'_>) -> Changes<FindingChange> {
    let (before, after) = (keyed(base), keyed(head));
    let unmatched = |from: &BTreeMap<Key, FindingChange>, other: &BTreeMap<Key, FindingChange>| {
        from.iter()
            .filter(|(k, _)| !other.contains_key(*k))
            .map(|(k, f)| (k.clone(), f.clone()))
            .collect::<Vec<_>>()
    };
    let (mut added, mut removed) = (unmatched(&after, &before), unmatched(&before, &after));
    // Pair what is left by rule and object, one to one.
    let mut paired = Vec::new();
    for (i, (key, f)) in added.iter().enumerate() {
        if f.object.is_none() {
            continue;
        }
        if let Some(j) = removed
            .iter()
            .position(|(k, g)| g.object.is_some() && (k.0, &k.1) == (key.0, &key.1))
        {
            paired.push(i);
            removed.remove(j);
        }
    }
    for i in paired.into_iter().rev() {
        added.remove(i);
    }
    let mut added: Vec<FindingChange> = added.into_iter().map(|(_, f)| f).collect();
    let mut removed: Vec<FindingChange> = removed.into_iter().map(|(_, f)| f).collect();
    for list in [&mut added, &mut removed] {
        list.sort_by_key(|f| std::cmp::Reverse(f.severity_level));
    }
    Changes { added, removed }
}
