//! BW521 encryption-identity-first: an EncryptionConfiguration stores Secrets unencrypted: `identity` is the first provider

use crate::model::FieldPath;
use crate::source::Node;

use super::config::is_config;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW521",
    name: "encryption-identity-first",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.28", "nsa:control-plane:encryption"],
    summary: "An EncryptionConfiguration stores Secrets unencrypted: `identity` is the first provider.",
    help: "put `kms` (v2), `secretbox` or `aescbc` before `identity` for `secrets`",
    docs: Docs {
        what: "Reports EncryptionConfiguration files whose first provider is `identity` for a resource list that covers Secrets (`secrets`, `*.` or `*.*`). The first provider encrypts new writes; the others only decrypt.",
        why: "With `identity` first, the configuration exists but every Secret is still written in clear text to etcd and its backups.",
        example: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: [secrets]\n  providers:\n  - identity: {}\n  - aescbc:\n      keys:\n      - name: key1\n        secret: c2VjcmV0IGlzIHNlY3VyZSwgb3IgaXMgaXQ/Cg==\n",
        remediation: "Move `identity` last (it is needed only while existing Secrets are re-encrypted), prefer `kms` v2, then rewrite all Secrets.",
        references: &["https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !is_config(c.object, &["apiserver.config.k8s.io"], "EncryptionConfiguration") {
        return;
    }
    for (i, entry) in c
        .object
        .root
        .get("resources")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let names: Vec<&str> = entry
            .get("resources")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::as_str)
            .collect();
        if !names.iter().any(|n| matches!(*n, "secrets" | "*." | "*.*")) {
            continue;
        }
        let first = entry
            .get("providers")
            .and_then(Node::as_seq)
            .and_then(|p| p.first());
        if first
            .and_then(Node::as_map)
            .is_some_and(|m| m.get("identity").is_some())
        {
            c.report(
                FieldPath::keys(&["resources"]).index(i).key("providers").index(0),
                format!(
                    "`identity` is the first provider for {}: Secrets are written in clear text",
                    names.join(", ")
                ),
            );
        }
    }
}
