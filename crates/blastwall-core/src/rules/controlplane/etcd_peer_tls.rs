//! BW515 etcd-peer-tls: etcd members talk to each other without TLS, without certificates, or with self-signed ones

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each, missing, require_bool};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW515",
    name: "etcd-peer-tls",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:2.4", "cis:2.5", "cis:2.6", "nsa:control-plane:etcd"],
    summary: "etcd members talk to each other without TLS, without certificates, or with self-signed ones.",
    help: "set `--peer-cert-file`, `--peer-key-file`, `--peer-client-cert-auth=true` and `--peer-trusted-ca-file`; never `--peer-auto-tls`",
    docs: Docs {
        what: "Reports etcd instances without `--peer-cert-file` and `--peer-key-file`, without `--peer-client-cert-auth=true`, or with `--peer-auto-tls=true`.",
        why: "Replication traffic carries the whole database; a member accepted without a certificate can join the cluster and receive every Secret.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:v1.31.0\n    command:\n    - etcd\n    - --cert-file=/etc/kubernetes/pki/etcd/server.crt\n    - --key-file=/etc/kubernetes/pki/etcd/server.key\n    - --client-cert-auth=true\n",
        remediation: "Give each member a peer certificate from the etcd CA and require peer certificates.",
        references: &["https://etcd.io/docs/v3.5/op-guide/security/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::Etcd, |c, flags| {
        if flags.get("peer-cert-file").is_none() || flags.get("peer-key-file").is_none() {
            missing(
                c,
                flags,
                "peer-cert-file",
                "/etc/kubernetes/pki/etcd/peer.crt",
                "replicates without TLS (and `--peer-key-file`)",
            );
        }
        require_bool(
            c,
            flags,
            "peer-client-cert-auth",
            true,
            false,
            "lets peers in without a certificate",
        );
        if let Some(flag) = flags.get("peer-auto-tls").filter(|f| f.value == "true") {
            let message =
                "etcd `--peer-auto-tls=true` uses self-signed peer certificates: remove it".to_owned();
            at_flag(c, flag, message);
        }
    });
}
