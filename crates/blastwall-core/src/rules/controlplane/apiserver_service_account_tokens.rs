//! BW507 apiserver-service-account-tokens: the API server does not check service-account tokens against existing accounts, or has no key to verify them

use crate::analysis::controlplane::Component;

use super::flag::{each, missing, require_bool};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW507",
    name: "apiserver-service-account-tokens",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.21", "cis:1.2.22"],
    summary: "The API server does not check service-account tokens against existing accounts, or has no key to verify them.",
    help: "keep `--service-account-lookup=true` and set `--service-account-key-file`",
    docs: Docs {
        what: "Reports kube-apiserver instances with `--service-account-lookup=false`, or without `--service-account-key-file` (or `--service-account-signing-key-file`, whose key is used when the other is absent).",
        why: "Without lookup, a token keeps working after its ServiceAccount or Secret is deleted; without a dedicated key, tokens are verified with the serving certificate's key, which cannot be rotated apart.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --service-account-lookup=false\n    - --service-account-key-file=/etc/kubernetes/pki/sa.pub\n",
        remediation: "Remove `--service-account-lookup=false` and point `--service-account-key-file` at the public key of the token signing key pair.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        require_bool(
            c,
            flags,
            "service-account-lookup",
            true,
            true,
            "accepts tokens of deleted accounts",
        );
        if flags.get("service-account-key-file").is_none()
            && flags.get("service-account-signing-key-file").is_none()
        {
            missing(
                c,
                flags,
                "service-account-key-file",
                "/etc/kubernetes/pki/sa.pub",
                "has no key of its own to verify service-account tokens",
            );
        }
    });
}
