//! BW513 control-plane-bind-address: the controller manager or scheduler listens on every address instead of loopback

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each, missing};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW513",
    name: "control-plane-bind-address",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.3.7", "cis:1.4.2"],
    summary: "The controller manager or scheduler listens on every address instead of loopback.",
    help: "set `--bind-address=127.0.0.1` on kube-controller-manager and kube-scheduler",
    docs: Docs {
        what: "Reports kube-controller-manager and kube-scheduler instances whose `--bind-address` is not `127.0.0.1` (unset means `0.0.0.0`).",
        why: "Their health, metrics and (with profiling) debug endpoints are meant for the node itself; on every address they are reachable from the whole node network.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.31.0\n    command:\n    - kube-scheduler\n    - --bind-address=0.0.0.0\n",
        remediation: "Use `--bind-address=127.0.0.1` and scrape metrics through an authenticated proxy on the node.",
        references: &["https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for component in [Component::ControllerManager, Component::Scheduler] {
        each(c, component, |c, flags| match flags.get("bind-address") {
            Some(flag) if flag.value == "127.0.0.1" || flag.value == "::1" => {}
            Some(flag) => {
                let message = format!(
                    "{} listens on `{}`: set `--bind-address=127.0.0.1`",
                    flags.component.binary(),
                    flag.value
                );
                at_flag(c, flag, message);
            }
            None => missing(
                c,
                flags,
                "bind-address",
                "127.0.0.1",
                "listens on every address by default",
            ),
        });
    }
}
