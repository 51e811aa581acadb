//! BW519 kubelet-tls: the kubelet's TLS is weak: self-signed serving certificate, no rotation, old TLS versions or weak ciphers

use crate::model::FieldPath;
use crate::source::{Node, Value};

use super::config::is_kubelet_config;
use super::tls::{below_tls12, weak_ciphers};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW519",
    name: "kubelet-tls",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:4.2.9", "cis:4.2.10", "cis:4.2.11", "cis:4.2.12"],
    summary: "The kubelet's TLS is weak: self-signed serving certificate, no rotation, old TLS versions or weak ciphers.",
    help: "use `serverTLSBootstrap: true` (or tlsCertFile/tlsPrivateKeyFile), `rotateCertificates: true`, TLS 1.2 or later and strong cipher suites",
    docs: Docs {
        what: "Reports KubeletConfiguration files without `tlsCertFile`/`tlsPrivateKeyFile` and without `serverTLSBootstrap: true`, without `rotateCertificates: true`, with the `RotateKubeletServerCertificate` feature gate off, with `tlsMinVersion` below TLS 1.2, or with weak `tlsCipherSuites`.",
        why: "A self-signed serving certificate cannot be verified by the API server, so exec and log traffic can be intercepted; certificates that do not rotate expire or stay valid after a node is compromised.",
        example: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nrotateCertificates: false\ntlsMinVersion: VersionTLS10\n",
        remediation: "Set `serverTLSBootstrap: true` and `rotateCertificates: true`, approve the serving certificate signing requests, and use `tlsMinVersion: VersionTLS12` with strong cipher suites.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !is_kubelet_config(c.object) {
        return;
    }
    let root = &c.object.root;
    let is_true = |key: &str| {
        root.get(key)
            .is_some_and(|n| matches!(n.value, Value::Bool(true)))
    };
    if root.get("tlsCertFile").is_none() && !is_true("serverTLSBootstrap") {
        c.report(FieldPath::root(), "the kubelet serves a self-signed certificate: set `serverTLSBootstrap: true` (or tlsCertFile and tlsPrivateKeyFile)".to_owned());
    }
    if !is_true("rotateCertificates") {
        c.report(
            FieldPath::keys(&["rotateCertificates"]),
            "the kubelet's client certificate does not rotate: set `rotateCertificates: true`".to_owned(),
        );
    }
    let gate = ["featureGates", "RotateKubeletServerCertificate"];
    if root
        .get_path(&gate)
        .is_some_and(|n| matches!(n.value, Value::Bool(false)))
    {
        c.report(
            FieldPath::keys(&gate),
            "the kubelet's serving certificate does not rotate: remove the gate or set it to true".to_owned(),
        );
    }
    if let Some(version) = root
        .get("tlsMinVersion")
        .and_then(Node::as_str)
        .filter(|v| below_tls12(v))
    {
        c.report(
            FieldPath::keys(&["tlsMinVersion"]),
            format!("the kubelet accepts `{version}`: set `VersionTLS12` or later"),
        );
    }
    let ciphers: Vec<&str> = root
        .get("tlsCipherSuites")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_str)
        .collect();
    let weak = weak_ciphers(&ciphers);
    if !weak.is_empty() {
        c.report(
            FieldPath::keys(&["tlsCipherSuites"]),
            format!("the kubelet offers weak cipher suites: {}", weak.join(", ")),
        );
    }
}
