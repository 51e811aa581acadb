//! BW522 audit-policy-logs-secrets: an audit policy records the bodies of Secret requests: the audit log then holds the Secrets

use crate::model::FieldPath;
use crate::source::Node;

use super::config::is_config;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW522",
    name: "audit-policy-logs-secrets",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:3.2.2", "nsa:control-plane:audit"],
    summary: "An audit policy records the bodies of Secret requests: the audit log then holds the Secrets.",
    help: "log `secrets` (and `configmaps`, `tokenreviews`) at `Metadata` level, before any rule that logs bodies",
    docs: Docs {
        what: "Reports audit Policy rules at `Request` or `RequestResponse` level that reach Secrets (rules naming `secrets` in the core group, or not restricting resources) when no earlier rule catches Secret requests at `Metadata` or `None` level. Audit policy rules apply in order: the first match decides.",
        why: "Audit logs are shipped to log stores many people can read; a body-level rule for Secrets copies every Secret's value there.",
        example: "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: RequestResponse\n",
        remediation: "Start the policy with `- level: Metadata` for `resources: [{group: \\\"\\\", resources: [secrets, configmaps]}]`, then the broader rules.",
        references: &["https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy"],
    },
    optional: false,
};

/// True when the rule applies to Secrets: no resource restriction, or the core group's `secrets` (or `*`).
fn reaches_secrets(rule: &Node) -> bool {
    let Some(groups) = rule
        .get("resources")
        .and_then(Node::as_seq)
        .filter(|g| !g.is_empty())
    else {
        return true;
    };
    groups.iter().any(|g| {
        let core = g.get("group").and_then(Node::as_str).unwrap_or("").is_empty()
            || g.get("group").and_then(Node::as_str) == Some("*");
        let names = g.get("resources").and_then(Node::as_seq).unwrap_or_default();
        core && (names.is_empty()
            || names
                .iter()
                .filter_map(Node::as_str)
                .any(|n| n == "secrets" || n == "*"))
    })
}

/// True when the rule applies to every Secret request (no user, group, verb or namespace restriction).
fn unconditional(rule: &Node) -> bool {
    ["users", "userGroups", "verbs", "namespaces", "nonResourceURLs"]
        .iter()
        .all(|k| rule.get(k).and_then(Node::as_seq).is_none_or(<[Node]>::is_empty))
}

pub(super) fn check(c: &mut Check<'_>) {
    if !is_config(c.object, &["audit.k8s.io"], "Policy") {
        return;
    }
    for (i, rule) in c
        .object
        .root
        .get("rules")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if !reaches_secrets(rule) {
            continue;
        }
        let level = rule.get("level").and_then(Node::as_str).unwrap_or("");
        if matches!(level, "Request" | "RequestResponse") {
            c.report(
                FieldPath::keys(&["rules"]).index(i).key("level"),
                format!(
                    "this rule logs Secret requests at `{level}` level: their values end up in the audit log"
                ),
            );
            return;
        }
        if unconditional(rule) {
            return;
        }
    }
}
