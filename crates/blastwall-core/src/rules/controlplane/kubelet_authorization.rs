//! BW517 kubelet-authorization: the kubelet authorizes every request, or cannot verify client certificates

use crate::model::FieldPath;
use crate::source::{Node, Value};

use super::config::is_kubelet_config;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW517",
    name: "kubelet-authorization",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:4.2.2", "cis:4.2.3", "nsa:node:kubelet"],
    summary: "The kubelet authorizes every request, or cannot verify client certificates.",
    help: "set `authorization.mode: Webhook` and `authentication.x509.clientCAFile` in the KubeletConfiguration",
    docs: Docs {
        what: "Reports KubeletConfiguration files with `authorization.mode: AlwaysAllow`, with webhook authentication turned off, or without `authentication.x509.clientCAFile`.",
        why: "With AlwaysAllow any authenticated client, every pod's service account included, may exec into the node's containers; without a client CA the API server's client certificate is not recognised and checks fall back to weaker paths.",
        example: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthorization:\n  mode: AlwaysAllow\nauthentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n",
        remediation: "Use `authorization.mode: Webhook`, keep `authentication.webhook.enabled: true`, and set `authentication.x509.clientCAFile` to the cluster CA.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !is_kubelet_config(c.object) {
        return;
    }
    let root = &c.object.root;
    if root.get_path(&["authorization", "mode"]).and_then(Node::as_str) == Some("AlwaysAllow") {
        c.report(
            FieldPath::keys(&["authorization", "mode"]),
            "the kubelet authorizes every request: set `Webhook`".to_owned(),
        );
    }
    let webhook = ["authentication", "webhook", "enabled"];
    if root
        .get_path(&webhook)
        .is_some_and(|n| matches!(n.value, Value::Bool(false)))
    {
        c.report(
            FieldPath::keys(&webhook),
            "the kubelet does not check bearer tokens with the API server: set it to true".to_owned(),
        );
    }
    if root
        .get_path(&["authentication", "x509", "clientCAFile"])
        .and_then(Node::as_str)
        .is_none_or(str::is_empty)
    {
        c.report(
            FieldPath::keys(&["authentication", "x509", "clientCAFile"]),
            "the kubelet has no client CA and cannot verify client certificates: set `authentication.x509.clientCAFile`".to_owned(),
        );
    }
}
