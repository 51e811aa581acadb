//! BW527 kubeconfig-plain-http: a kubeconfig talks to the API server over plain http

use crate::source::Node;

use super::config::kubeconfig_entries;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW527",
    name: "kubeconfig-plain-http",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["nsa:control-plane:tls", "mitre:T1040"],
    summary: "A kubeconfig talks to the API server over plain http.",
    help: "use the API server's https:// address",
    docs: Docs {
        what: "Reports clusters of kubeconfig files whose `server` is an `http://` URL.",
        why: "Every request, with its token or password, crosses the network in clear text.",
        example: "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: http://203.0.113.10:8080\ncontexts:\n- name: prod\n  context: {cluster: prod, user: admin}\ncurrent-context: prod\nusers:\n- name: admin\n  user:\n    token: redacted\n",
        remediation: "Point `server` at the API server's TLS port (`https://...:6443`) with the cluster CA.",
        references: &["https://kubernetes.io/docs/concepts/security/controlling-access/#transport-security"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for (at, _, cluster) in kubeconfig_entries(c.object, "clusters") {
        let server = cluster
            .get_path(&["cluster", "server"])
            .and_then(Node::as_str)
            .unwrap_or("");
        if server.starts_with("http://") {
            c.report(
                at.key("cluster").key("server"),
                format!("`{server}` carries credentials in clear text: use https://"),
            );
        }
    }
}
