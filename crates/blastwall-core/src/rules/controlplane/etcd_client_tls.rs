//! BW514 etcd-client-tls: etcd serves clients without TLS, without client certificates, or with self-signed certificates

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each, missing, require_bool};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW514",
    name: "etcd-client-tls",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:2.1", "cis:2.2", "cis:2.3", "nsa:control-plane:etcd"],
    summary: "etcd serves clients without TLS, without client certificates, or with self-signed certificates.",
    help: "set `--cert-file`, `--key-file`, `--client-cert-auth=true` and `--trusted-ca-file`; never `--auto-tls`",
    docs: Docs {
        what: "Reports etcd instances without `--cert-file` and `--key-file`, without `--client-cert-auth=true`, with `--auto-tls=true`, or listening for clients on `http://` addresses.",
        why: "Whoever can talk to etcd owns the cluster: it can read every Secret and rewrite any object, RBAC included. Only the API server, with its client certificate, should get in.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:v1.31.0\n    command:\n    - etcd\n    - --listen-client-urls=http://0.0.0.0:2379\n",
        remediation: "Serve clients over TLS with certificates from a dedicated etcd CA and require client certificates from that CA.",
        references: &["https://etcd.io/docs/v3.5/op-guide/security/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::Etcd, |c, flags| {
        if flags.get("cert-file").is_none() || flags.get("key-file").is_none() {
            missing(
                c,
                flags,
                "cert-file",
                "/etc/kubernetes/pki/etcd/server.crt",
                "serves clients without TLS (and `--key-file`)",
            );
        }
        require_bool(
            c,
            flags,
            "client-cert-auth",
            true,
            false,
            "lets clients in without a certificate",
        );
        if let Some(flag) = flags.get("auto-tls").filter(|f| f.value == "true") {
            let message =
                "etcd `--auto-tls=true` serves self-signed certificates nobody can verify: remove it"
                    .to_owned();
            at_flag(c, flag, message);
        }
        if let Some(flag) = flags.get("listen-client-urls") {
            if flag.value.split(',').any(|u| u.trim().starts_with("http://")) {
                let message = format!(
                    "etcd listens for clients in clear text (`{}`): use https://",
                    flag.value
                );
                at_flag(c, flag, message);
            }
        }
    });
}
