//! BW525 authentication-config-anonymous: an AuthenticationConfiguration lets anonymous requests reach every path

use crate::model::FieldPath;
use crate::source::{Node, Value};

use super::config::is_config;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW525",
    name: "authentication-config-anonymous",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.1", "nsa:control-plane:authentication"],
    summary: "An AuthenticationConfiguration lets anonymous requests reach every path.",
    help: "disable anonymous access, or limit it with `anonymous.conditions` to the health endpoints",
    docs: Docs {
        what: "Reports AuthenticationConfiguration files with `anonymous.enabled: true` and no `conditions`.",
        why: "Anonymous requests get whatever RBAC grants `system:anonymous` and `system:unauthenticated`; conditions can restrict them to /healthz, /livez and /readyz, which is all load balancers need.",
        example: "apiVersion: apiserver.config.k8s.io/v1beta1\nkind: AuthenticationConfiguration\nanonymous:\n  enabled: true\n",
        remediation: "Set `anonymous.enabled: false`, or keep it with `conditions: [{path: /livez}, {path: /readyz}, {path: /healthz}]`.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-authenticator-configuration"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !is_config(
        c.object,
        &["apiserver.config.k8s.io"],
        "AuthenticationConfiguration",
    ) {
        return;
    }
    let Some(anonymous) = c.object.root.get("anonymous") else {
        return;
    };
    let enabled = anonymous
        .get("enabled")
        .is_some_and(|n| matches!(n.value, Value::Bool(true)));
    let limited = anonymous
        .get("conditions")
        .and_then(Node::as_seq)
        .is_some_and(|c| !c.is_empty());
    if enabled && !limited {
        c.report(
            FieldPath::keys(&["anonymous", "enabled"]),
            "anonymous requests reach every path: add `conditions` for the health endpoints or disable it"
                .to_owned(),
        );
    }
}
