//! BW501 apiserver-anonymous-auth: the API server accepts anonymous requests (`--anonymous-auth` is not false)

use crate::analysis::controlplane::Component;

use super::flag::{each, require_bool};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW501",
    name: "apiserver-anonymous-auth",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.1", "nsa:control-plane:authentication", "mitre:T1078"],
    summary: "The API server accepts anonymous requests (`--anonymous-auth` is not false).",
    help: "set `--anonymous-auth=false` on kube-apiserver (health checks can use an authenticated probe or the /livez endpoint's own access rules)",
    docs: Docs {
        what: "Reports kube-apiserver instances (static pod manifests or kubeadm's ClusterConfiguration) whose `--anonymous-auth` is `true` or unset, since the API server's default is `true`.",
        why: "Anonymous requests run as `system:anonymous` in group `system:unauthenticated`: whatever RBAC grants those subjects, anyone who reaches the API server gets, and a single careless binding opens the cluster to the internet.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --anonymous-auth=true\n",
        remediation: "Add `--anonymous-auth=false` (in kubeadm: `anonymous-auth: \"false\"` under `apiServer.extraArgs`). With an AuthenticationConfiguration file, allow anonymous access only for the health endpoints through `anonymous.conditions`.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        // With an AuthenticationConfiguration file, anonymous access is decided there (another rule).
        if flags.get("authentication-config").is_none() {
            require_bool(
                c,
                flags,
                "anonymous-auth",
                false,
                true,
                "lets anonymous requests in",
            );
        }
    });
}
