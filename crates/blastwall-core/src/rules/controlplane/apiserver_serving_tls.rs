//! BW509 apiserver-serving-tls: the API server's TLS is incomplete or weak: no serving certificate, no client CA, old TLS versions or weak ciphers

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each, missing};
use super::tls::{below_tls12, weak_ciphers};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW509",
    name: "apiserver-serving-tls",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.24", "cis:1.2.25", "cis:1.2.29", "nsa:control-plane:tls"],
    summary: "The API server's TLS is incomplete or weak: no serving certificate, no client CA, old TLS versions or weak ciphers.",
    help: "set `--tls-cert-file`, `--tls-private-key-file`, `--client-ca-file`, `--tls-min-version=VersionTLS12` and strong `--tls-cipher-suites`",
    docs: Docs {
        what: "Reports kube-apiserver instances without `--tls-cert-file` and `--tls-private-key-file` (it then serves a self-signed certificate), without `--client-ca-file` (no client certificates are accepted), with `--tls-min-version` below TLS 1.2, or with cipher suites outside the AEAD, forward-secret set.",
        why: "Clients that cannot verify the API server's certificate can be intercepted; old protocol versions and ciphers let a network attacker read or alter traffic carrying tokens and Secrets.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --tls-min-version=VersionTLS10\n",
        remediation: "Give the API server a certificate from the cluster CA, the client CA, `--tls-min-version=VersionTLS12` or later, and only strong cipher suites.",
        references: &["https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        if flags.get("tls-cert-file").is_none() || flags.get("tls-private-key-file").is_none() {
            missing(
                c,
                flags,
                "tls-cert-file",
                "/etc/kubernetes/pki/apiserver.crt",
                "has no serving certificate (and `--tls-private-key-file`) and serves a self-signed one",
            );
        }
        if flags.get("client-ca-file").is_none() {
            missing(
                c,
                flags,
                "client-ca-file",
                "/etc/kubernetes/pki/ca.crt",
                "accepts no client certificates",
            );
        }
        if let Some(flag) = flags.get("tls-min-version").filter(|f| below_tls12(&f.value)) {
            let message = format!(
                "kube-apiserver accepts `{}`: set `--tls-min-version=VersionTLS12` or later",
                flag.value
            );
            at_flag(c, flag, message);
        }
        if let Some(flag) = flags.get("tls-cipher-suites") {
            let weak = weak_ciphers(&flags.list("tls-cipher-suites"));
            if !weak.is_empty() {
                let message = format!("kube-apiserver offers weak cipher suites: {}", weak.join(", "));
                at_flag(c, flag, message);
            }
        }
    });
}
