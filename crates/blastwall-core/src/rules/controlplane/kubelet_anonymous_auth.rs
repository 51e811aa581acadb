//! BW516 kubelet-anonymous-auth: the kubelet accepts anonymous requests

use crate::model::FieldPath;
use crate::source::Value;

use super::config::is_kubelet_config;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW516",
    name: "kubelet-anonymous-auth",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:4.2.1", "nsa:node:kubelet"],
    summary: "The kubelet accepts anonymous requests.",
    help: "set `authentication.anonymous.enabled: false` in the KubeletConfiguration",
    docs: Docs {
        what: "Reports KubeletConfiguration files with `authentication.anonymous.enabled: true` (the file's default is false; the command-line flag's is true).",
        why: "The kubelet API runs commands in containers, reads their logs and lists pods; anonymous access to it is access to every pod of the node.",
        example: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: true\n",
        remediation: "Set `authentication.anonymous.enabled: false` and keep webhook authentication on.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !is_kubelet_config(c.object) {
        return;
    }
    let field = ["authentication", "anonymous", "enabled"];
    if c.object
        .root
        .get_path(&field)
        .is_some_and(|n| matches!(n.value, Value::Bool(true)) || n.as_str() == Some("true"))
    {
        c.report(
            FieldPath::keys(&field),
            "the kubelet serves anonymous requests: set it to false".to_owned(),
        );
    }
}
