//! BW531 controller-manager-hardening: the controller manager keeps terminated pods without a limit it chose, or stops kubelet serving certificates from rotating

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each, missing};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW531",
    name: "controller-manager-hardening",
    category: Category::ControlPlane,
    severity: Severity::Low,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.3.1", "cis:1.3.6"],
    summary: "The controller manager keeps terminated pods without a limit it chose, or stops kubelet serving certificates from rotating.",
    help: "set `--terminated-pod-gc-threshold` and leave the RotateKubeletServerCertificate feature gate on",
    docs: Docs {
        what: "Reports kube-controller-manager instances without `--terminated-pod-gc-threshold` (the default keeps 12,500 terminated pods), and those whose `--feature-gates` turn `RotateKubeletServerCertificate` off.",
        why: "Thousands of terminated pods fill etcd and slow the control plane; kubelet serving certificates that never rotate stay valid after a node is compromised.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.31.0\n    command:\n    - kube-controller-manager\n    - --feature-gates=RotateKubeletServerCertificate=false\n",
        remediation: "Set `--terminated-pod-gc-threshold` to a few hundred or thousand, and remove `RotateKubeletServerCertificate=false`.",
        references: &["https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ControllerManager, |c, flags| {
        if flags.get("terminated-pod-gc-threshold").is_none() {
            missing(
                c,
                flags,
                "terminated-pod-gc-threshold",
                "1000",
                "keeps up to 12,500 terminated pods",
            );
        }
        if let Some(flag) = flags.get("feature-gates") {
            if flags
                .list("feature-gates")
                .iter()
                .any(|g| g.replace(' ', "") == "RotateKubeletServerCertificate=false")
            {
                let message = "kube-controller-manager stops kubelet serving certificates from rotating: remove `RotateKubeletServerCertificate=false`".to_owned();
                at_flag(c, flag, message);
            }
        }
    });
}
