//! BW508 apiserver-etcd-tls: the API server talks to etcd without TLS client authentication or without verifying etcd's certificate

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each, missing};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW508",
    name: "apiserver-etcd-tls",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.23", "cis:1.2.26", "nsa:control-plane:etcd"],
    summary: "The API server talks to etcd without TLS client authentication or without verifying etcd's certificate.",
    help: "set `--etcd-certfile`, `--etcd-keyfile` and `--etcd-cafile`, and use https:// etcd servers",
    docs: Docs {
        what: "Reports kube-apiserver instances without `--etcd-certfile` and `--etcd-keyfile`, without `--etcd-cafile`, or with an `http://` address in `--etcd-servers`.",
        why: "etcd holds every object of the cluster, Secrets included. A plain or unauthenticated connection lets anyone on the path read or rewrite the cluster's state.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --etcd-servers=http://127.0.0.1:2379\n",
        remediation: "Serve etcd over TLS with client certificates and give the API server its client pair and the etcd CA.",
        references: &["https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-communication"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        if flags.get("etcd-certfile").is_none() || flags.get("etcd-keyfile").is_none() {
            missing(
                c,
                flags,
                "etcd-certfile",
                "/etc/kubernetes/pki/apiserver-etcd-client.crt",
                "does not authenticate to etcd with a client certificate (and `--etcd-keyfile`)",
            );
        }
        if flags.get("etcd-cafile").is_none() {
            missing(
                c,
                flags,
                "etcd-cafile",
                "/etc/kubernetes/pki/etcd/ca.crt",
                "does not verify etcd's certificate",
            );
        }
        if let Some(flag) = flags.get("etcd-servers") {
            if flag.value.split(',').any(|s| s.trim().starts_with("http://")) {
                let message = format!(
                    "kube-apiserver reaches etcd in clear text (`{}`): use https:// addresses",
                    flag.value
                );
                at_flag(c, flag, message);
            }
        }
    });
}
