//! BW504 apiserver-admission-plugins: the API server's admission plugins let requests through that should be checked

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each, missing};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW504",
    name: "apiserver-admission-plugins",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.3", "cis:1.2.9", "cis:1.2.10", "cis:1.2.11", "cis:1.2.12", "cis:1.2.13", "cis:1.2.14", "nsa:control-plane:admission"],
    summary: "The API server's admission plugins let requests through that should be checked.",
    help: "enable NodeRestriction (and DenyServiceExternalIPs, EventRateLimit), never AlwaysAdmit, and keep ServiceAccount, NamespaceLifecycle and PodSecurity enabled",
    docs: Docs {
        what: "Reports kube-apiserver instances that enable `AlwaysAdmit`, do not enable `NodeRestriction`, or disable one of the default plugins `ServiceAccount`, `NamespaceLifecycle` and `PodSecurity`; and, as one finding, those that enable none of `DenyServiceExternalIPs`, `EventRateLimit` and `AlwaysPullImages`, which the CIS benchmark recommends.",
        why: "Without NodeRestriction a compromised kubelet can label its node and edit any pod or node object; AlwaysAdmit disables every admission check; without PodSecurity the namespaces' Pod Security labels enforce nothing; DenyServiceExternalIPs stops Service-based traffic interception (CVE-2020-8554).",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --authorization-mode=Node,RBAC\n    - --enable-admission-plugins=AlwaysAdmit\n",
        remediation: "List `NodeRestriction` (and `DenyServiceExternalIPs`, `EventRateLimit` with its configuration) in `--enable-admission-plugins`, remove `AlwaysAdmit`, and keep the default plugins out of `--disable-admission-plugins`.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/"],
    },
    optional: false,
};

/// Default plugins that must stay on.
const KEEP: &[&str] = &["ServiceAccount", "NamespaceLifecycle", "PodSecurity"];

/// Plugins the CIS benchmark recommends adding.
const RECOMMENDED: &[&str] = &["DenyServiceExternalIPs", "EventRateLimit", "AlwaysPullImages"];

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        let enabled = flags.list("enable-admission-plugins");
        if let (Some(flag), true) = (
            flags.get("enable-admission-plugins"),
            enabled.contains(&"AlwaysAdmit"),
        ) {
            let message =
                "kube-apiserver enables `AlwaysAdmit`, which admits every request unchecked: remove it"
                    .to_owned();
            at_flag(c, flag, message);
        }
        if !enabled.contains(&"NodeRestriction") {
            missing(
                c,
                flags,
                "enable-admission-plugins",
                "NodeRestriction",
                "does not enable `NodeRestriction`, so a kubelet may modify any node and pod",
            );
        }
        if let Some(flag) = flags.get("disable-admission-plugins") {
            let disabled: Vec<&str> = flags
                .list("disable-admission-plugins")
                .into_iter()
                .filter(|p| KEEP.contains(p))
                .collect();
            if !disabled.is_empty() {
                let message = format!(
                    "kube-apiserver disables {}: remove them from `--disable-admission-plugins`",
                    disabled.join(", ")
                );
                at_flag(c, flag, message);
            }
        }
        if !RECOMMENDED.iter().any(|p| enabled.contains(p)) {
            missing(
                c,
                flags,
                "enable-admission-plugins",
                "NodeRestriction,DenyServiceExternalIPs,EventRateLimit",
                "enables none of DenyServiceExternalIPs, EventRateLimit and AlwaysPullImages",
            );
        }
    });
}
