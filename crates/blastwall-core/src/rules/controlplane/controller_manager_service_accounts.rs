//! BW512 controller-manager-service-accounts: the controller manager runs every controller with its own broad credentials, or cannot sign and verify service-account tokens

use crate::analysis::controlplane::Component;

use super::flag::{each, missing, require_bool};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW512",
    name: "controller-manager-service-accounts",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.3.3", "cis:1.3.4", "cis:1.3.5"],
    summary: "The controller manager runs every controller with its own broad credentials, or cannot sign and verify service-account tokens.",
    help: "set `--use-service-account-credentials=true`, `--service-account-private-key-file` and `--root-ca-file`",
    docs: Docs {
        what: "Reports kube-controller-manager instances without `--use-service-account-credentials=true`, without `--service-account-private-key-file`, or without `--root-ca-file`.",
        why: "Without per-controller service accounts every controller acts with the controller manager's own, much broader identity. Without the private key it cannot sign tokens; without the root CA, pods cannot verify the API server's certificate.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.31.0\n    command:\n    - kube-controller-manager\n    - --service-account-private-key-file=/etc/kubernetes/pki/sa.key\n    - --root-ca-file=/etc/kubernetes/pki/ca.crt\n",
        remediation: "Add the three flags (kubeadm sets them by default).",
        references: &["https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ControllerManager, |c, flags| {
        require_bool(
            c,
            flags,
            "use-service-account-credentials",
            true,
            false,
            "runs every controller with the controller manager's own credentials",
        );
        if flags.get("service-account-private-key-file").is_none() {
            missing(
                c,
                flags,
                "service-account-private-key-file",
                "/etc/kubernetes/pki/sa.key",
                "has no key to sign service-account tokens",
            );
        }
        if flags.get("root-ca-file").is_none() {
            missing(
                c,
                flags,
                "root-ca-file",
                "/etc/kubernetes/pki/ca.crt",
                "gives pods no CA to verify the API server",
            );
        }
    });
}
