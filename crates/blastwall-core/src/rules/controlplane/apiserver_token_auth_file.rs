//! BW502 apiserver-token-auth-file: the API server authenticates static tokens from a file (`--token-auth-file`)

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW502",
    name: "apiserver-token-auth-file",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.2", "nsa:control-plane:authentication"],
    summary: "The API server authenticates static tokens from a file (`--token-auth-file`).",
    help: "remove `--token-auth-file`; use client certificates, OIDC or service-account tokens",
    docs: Docs {
        what: "Reports kube-apiserver instances started with `--token-auth-file`.",
        why: "Static tokens never expire, cannot be revoked without restarting the API server, and sit in clear text in a file on every control-plane node.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --token-auth-file=/etc/kubernetes/tokens.csv\n",
        remediation: "Remove the flag and move its users to OIDC, client certificates or bound service-account tokens.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        if let Some(flag) = flags.get("token-auth-file") {
            let message = format!(
                "kube-apiserver reads never-expiring tokens from `{}`: remove `--token-auth-file`",
                flag.value
            );
            at_flag(c, flag, message);
        }
    });
}
