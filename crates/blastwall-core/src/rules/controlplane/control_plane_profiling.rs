//! BW505 control-plane-profiling: a control-plane component serves profiling data (`--profiling` is not false)

use crate::analysis::controlplane::Component;

use super::flag::{each, require_bool};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW505",
    name: "control-plane-profiling",
    category: Category::ControlPlane,
    severity: Severity::Low,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.15", "cis:1.3.2", "cis:1.4.1"],
    summary: "A control-plane component serves profiling data (`--profiling` is not false).",
    help: "set `--profiling=false` on kube-apiserver, kube-controller-manager and kube-scheduler",
    docs: Docs {
        what: "Reports kube-apiserver, kube-controller-manager and kube-scheduler instances whose `--profiling` is `true` or unset (the default is `true`).",
        why: "The pprof endpoints reveal the component's internals and can be used to slow it down; they are for debugging sessions, not production.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.31.0\n    command:\n    - kube-scheduler\n    - --bind-address=127.0.0.1\n",
        remediation: "Add `--profiling=false` to each component (in kubeadm, under each section's `extraArgs`).",
        references: &["https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for component in [
        Component::ApiServer,
        Component::ControllerManager,
        Component::Scheduler,
    ] {
        each(c, component, |c, flags| {
            require_bool(c, flags, "profiling", false, true, "serves profiling data");
        });
    }
}
