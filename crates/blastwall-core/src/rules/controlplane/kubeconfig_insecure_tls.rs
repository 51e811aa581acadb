//! BW526 kubeconfig-insecure-tls: a kubeconfig skips verifying the API server's certificate (`insecure-skip-tls-verify: true`)

use crate::source::Value;

use super::config::kubeconfig_entries;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW526",
    name: "kubeconfig-insecure-tls",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["nsa:control-plane:tls", "mitre:T1557"],
    summary: "A kubeconfig skips verifying the API server's certificate (`insecure-skip-tls-verify: true`).",
    help: "remove `insecure-skip-tls-verify` and set `certificate-authority` (or `-data`) to the cluster's CA",
    docs: Docs {
        what: "Reports clusters of kubeconfig files (`kind: Config`) with `insecure-skip-tls-verify: true`.",
        why: "Without verification, anyone on the network path can pose as the API server and collect the credentials the client sends with every request.",
        example: "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://203.0.113.10:6443\n    insecure-skip-tls-verify: true\ncontexts:\n- name: prod\n  context: {cluster: prod, user: admin}\ncurrent-context: prod\nusers:\n- name: admin\n  user:\n    client-certificate: /home/me/.kube/admin.crt\n    client-key: /home/me/.kube/admin.key\n",
        remediation: "Put the cluster CA in `certificate-authority-data` and remove the flag.",
        references: &["https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for (at, name, cluster) in kubeconfig_entries(c.object, "clusters") {
        let skip = cluster.get_path(&["cluster", "insecure-skip-tls-verify"]);
        if skip.is_some_and(|n| matches!(n.value, Value::Bool(true))) {
            c.report(
                at.key("cluster").key("insecure-skip-tls-verify"),
                format!("cluster `{name}`: the API server's certificate is not verified"),
            );
        }
    }
}
