//! Permissions added and removed per subject: each rule a subject holds through the bindings of the tree
//! (its groups' included), with where it holds it, compared as sets. A permission that moves from one
//! binding to another is no change.

use std::collections::BTreeSet;

use serde::Serialize;

use super::sides::{SetChanges, Tree};
use crate::analysis::rbac::{accounts_of, everyone, policy_of, SubjectKey};

/// A permission that appears or disappears.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PermissionChange {
    /// `ServiceAccount ns/name`, `User name` or `Group name`.
    pub subject: String,
    /// `cluster-wide` or `in NAMESPACE`.
    pub scope: String,
    /// The rule: verbs, then resources or URLs.
    pub rule: String,
    /// The binding and role that grant it (in the tree the change belongs to).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub via: String,
}

impl PermissionChange {
    /// The line `diff: allow-permissions` patterns match: `SUBJECT SCOPE: RULE`.
    #[must_use]
    pub fn line(&self) -> String {
        format!("{} {}: {}", self.subject, self.scope, self.rule)
    }
}

/// Every permission of every subject, the built-in roles and bindings of the tree's release included (so
/// that a binding to `view` grants what `view` holds).
fn permissions(tree: &Tree<'_>) -> Vec<PermissionChange> {
    let report = tree.report;
    let policy = policy_of(&report.inventory, tree.default_rbac);
    let accounts = accounts_of(&report.inventory, &policy);
    let defined = accounts.by_namespace.iter().flat_map(|(ns, names)| {
        names
            .iter()
            .map(|n| SubjectKey::ServiceAccount(ns.clone(), n.clone()))
    });
    let mut out = Vec::new();
    for effective in everyone(&policy, defined) {
        for (binding, role) in &effective.grants {
            let scope = binding
                .namespace
                .as_ref()
                .map_or_else(|| "cluster-wide".to_owned(), |ns| format!("in {ns}"));
            let kind = if role.namespace.is_some() {
                "Role"
            } else {
                "ClusterRole"
            };
            let via = match &binding.namespace {
                Some(ns) => format!("RoleBinding {ns}/{} -> {kind} {}", binding.name, role.name),
                None => format!("ClusterRoleBinding {} -> {kind} {}", binding.name, role.name),
            };
            for rule in &role.rules {
                out.push(PermissionChange {
                    subject: effective.subject.describe(),
                    scope: scope.clone(),
                    rule: rule.summary(),
                    via: via.clone(),
                });
            }
        }
    }
    out
}

pub(super) fn compare(base: &Tree<'_>, head: &Tree<'_>) -> SetChanges<PermissionChange> {
    let (before, after) = (permissions(base), permissions(head));
    let lines =
        |list: &[PermissionChange]| -> BTreeSet<String> { list.iter().map(PermissionChange::line).collect() };
    let (in_base, in_head) = (lines(&before), lines(&after));
    let changed = |list: Vec<PermissionChange>, other: &BTreeSet<String>| {
        let mut seen = BTreeSet::new();
        let mut out: Vec<PermissionChange> = list
            .into_iter()
            .filter(|p| !other.contains(&p.line()) && seen.insert(p.line()))
            .collect();
        out.sort();
        out
    };
    SetChanges {
        added: changed(after, &in_base),
        removed: changed(before, &in_head),
    }
}
