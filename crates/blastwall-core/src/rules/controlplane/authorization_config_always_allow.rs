//! BW524 authorization-config-always-allow: an AuthorizationConfiguration allows every request, or leaves out the Node or RBAC authorizer

use crate::model::FieldPath;
use crate::source::Node;

use super::config::is_config;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW524",
    name: "authorization-config-always-allow",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.6", "cis:1.2.7", "cis:1.2.8", "nsa:control-plane:authorization"],
    summary: "An AuthorizationConfiguration allows every request, or leaves out the Node or RBAC authorizer.",
    help: "list `Node` and `RBAC` authorizers and no `AlwaysAllow`",
    docs: Docs {
        what: "Reports AuthorizationConfiguration files (the API server's `--authorization-config`) with an `AlwaysAllow` authorizer, or without a `Node` or an `RBAC` authorizer.",
        why: "The file replaces `--authorization-mode`; an `AlwaysAllow` entry authorizes whatever earlier authorizers had no opinion on, which is everything RBAC does not explicitly grant.",
        example: "apiVersion: apiserver.config.k8s.io/v1\nkind: AuthorizationConfiguration\nauthorizers:\n- type: RBAC\n  name: rbac\n- type: AlwaysAllow\n  name: everything\n",
        remediation: "Use `Node` and `RBAC` (and webhooks), never `AlwaysAllow`.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/authorization/#using-configuration-file-for-authorization"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !is_config(
        c.object,
        &["apiserver.config.k8s.io"],
        "AuthorizationConfiguration",
    ) {
        return;
    }
    let authorizers = c
        .object
        .root
        .get("authorizers")
        .and_then(Node::as_seq)
        .unwrap_or_default();
    let types: Vec<&str> = authorizers
        .iter()
        .map(|a| a.get("type").and_then(Node::as_str).unwrap_or(""))
        .collect();
    for (i, kind) in types.iter().enumerate() {
        if *kind == "AlwaysAllow" {
            c.report(
                FieldPath::keys(&["authorizers"]).index(i).key("type"),
                "this authorizer allows every request the ones before it do not decide".to_owned(),
            );
        }
    }
    let absent: Vec<&str> = ["Node", "RBAC"]
        .into_iter()
        .filter(|t| !types.contains(t))
        .collect();
    if !absent.is_empty() {
        c.report(
            FieldPath::keys(&["authorizers"]),
            format!("no {} authorizer: add it", absent.join(" or ")),
        );
    }
}
