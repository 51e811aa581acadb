//! BW528 kubeconfig-embedded-credentials: a kubeconfig holds a static token, a password or a private key in the file itself

use crate::source::Value;

use super::config::kubeconfig_entries;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW528",
    name: "kubeconfig-embedded-credentials",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["nsa:control-plane:authentication", "mitre:T1552"],
    summary: "A kubeconfig holds a static token, a password or a private key in the file itself.",
    help: "use an exec credential plugin (OIDC, cloud IAM) or short-lived certificates instead of stored secrets",
    docs: Docs {
        what: "Reports users of kubeconfig files with `token`, `password` or `client-key-data`.",
        why: "Whoever reads the file, from a laptop backup, a CI log or a repository, holds the credential; static tokens and keys rarely expire and are hard to revoke.",
        example: "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://203.0.113.10:6443\ncontexts:\n- name: prod\n  context: {cluster: prod, user: admin}\ncurrent-context: prod\nusers:\n- name: admin\n  user:\n    token: eyJhbGciOiJSUzI1NiJ9.example\n",
        remediation: "Authenticate through an exec plugin (kubelogin, aws eks get-token, gke-gcloud-auth-plugin) so that only short-lived tokens exist, and keep kubeconfig files out of repositories.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for (at, name, user) in kubeconfig_entries(c.object, "users") {
        for key in ["token", "password", "client-key-data"] {
            let value = user.get_path(&["user", key]);
            if value.is_some_and(|v| !matches!(v.value, Value::Null) && v.as_str() != Some("")) {
                c.report(
                    at.key("user").key(key),
                    format!("user `{name}` keeps its `{key}` in the file"),
                );
            }
        }
    }
}
