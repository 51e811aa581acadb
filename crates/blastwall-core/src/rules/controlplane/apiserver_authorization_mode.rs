//! BW503 apiserver-authorization-mode: the API server's authorization mode allows everything, or leaves out Node or RBAC

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each, missing};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW503",
    name: "apiserver-authorization-mode",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.6", "cis:1.2.7", "cis:1.2.8", "nsa:control-plane:authorization"],
    summary: "The API server's authorization mode allows everything, or leaves out Node or RBAC.",
    help: "set `--authorization-mode=Node,RBAC` on kube-apiserver",
    docs: Docs {
        what: "Reports kube-apiserver instances whose `--authorization-mode` includes `AlwaysAllow`, is unset (the default is `AlwaysAllow`), or lacks `Node` or `RBAC`. With `--authorization-config`, the AuthorizationConfiguration file decides instead (see authorization-config-always-allow).",
        why: "AlwaysAllow lets every authenticated request do anything. Without RBAC no role or binding is enforced; without the Node authorizer every kubelet may read every Secret of the cluster instead of those of its own pods.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --authorization-mode=AlwaysAllow\n",
        remediation: "Use `--authorization-mode=Node,RBAC` (kubeadm's default), plus `Webhook` if an external authorizer is needed.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/authorization/#authorization-modules"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        if flags.get("authorization-config").is_some() {
            return;
        }
        let Some(flag) = flags.get("authorization-mode") else {
            missing(
                c,
                flags,
                "authorization-mode",
                "Node,RBAC",
                "defaults to `--authorization-mode=AlwaysAllow`, which authorizes every request",
            );
            return;
        };
        let modes = flags.list("authorization-mode");
        let mut problems = Vec::new();
        if modes.contains(&"AlwaysAllow") {
            problems.push("`AlwaysAllow` authorizes every request");
        }
        if !modes.contains(&"RBAC") {
            problems.push("without `RBAC` no role or binding is enforced");
        }
        if !modes.contains(&"Node") {
            problems.push("without `Node` every kubelet may read every Secret");
        }
        if !problems.is_empty() {
            let message = format!(
                "kube-apiserver `--authorization-mode={}`: {}; set `--authorization-mode=Node,RBAC`",
                flag.value,
                problems.join("; ")
            );
            at_flag(c, flag, message);
        }
    });
}
