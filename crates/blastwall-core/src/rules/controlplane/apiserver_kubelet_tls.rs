//! BW510 apiserver-kubelet-tls: the API server connects to kubelets without a client certificate or without verifying theirs

use crate::analysis::controlplane::Component;

use super::flag::{each, missing};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW510",
    name: "apiserver-kubelet-tls",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.4", "cis:1.2.5"],
    summary: "The API server connects to kubelets without a client certificate or without verifying theirs.",
    help: "set `--kubelet-client-certificate`, `--kubelet-client-key` and `--kubelet-certificate-authority`",
    docs: Docs {
        what: "Reports kube-apiserver instances without `--kubelet-client-certificate` and `--kubelet-client-key`, or without `--kubelet-certificate-authority`.",
        why: "The API server calls kubelets for logs, exec and port-forward. Without a client certificate the kubelets cannot require authentication; without verifying their certificates, anyone who can impersonate a node address receives exec sessions and their credentials.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt\n    - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key\n",
        remediation: "Issue kubelet serving certificates from a CA (kubelet serving certificate bootstrap) and pass that CA with `--kubelet-certificate-authority`, with the client pair.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        if flags.get("kubelet-client-certificate").is_none() || flags.get("kubelet-client-key").is_none() {
            missing(
                c,
                flags,
                "kubelet-client-certificate",
                "/etc/kubernetes/pki/apiserver-kubelet-client.crt",
                "has no client certificate (and `--kubelet-client-key`) for kubelets",
            );
        }
        if flags.get("kubelet-certificate-authority").is_none() {
            missing(
                c,
                flags,
                "kubelet-certificate-authority",
                "/etc/kubernetes/pki/ca.crt",
                "does not verify the kubelets' serving certificates",
            );
        }
    });
}
