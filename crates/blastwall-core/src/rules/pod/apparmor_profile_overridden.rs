//! BW111 apparmor-profile-overridden: `AppArmor` turned off or replaced by something other than the runtime
//! default or a profile loaded on the node.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW111",
    name: "apparmor-profile-overridden",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:appArmorProfile", "nsa:pod-security:apparmor", "mitre:T1611"],
    summary: "A pod or container runs unconfined by AppArmor.",
    help: "remove the AppArmor override, or set type RuntimeDefault or Localhost",
    docs: Docs {
        what: "Reports `appArmorProfile.type` values other than `RuntimeDefault` and `Localhost` at pod or \
container level, and `container.apparmor.security.beta.kubernetes.io/*` annotations other than \
`runtime/default` and `localhost/*`, as the `appArmorProfile` check of the baseline Pod Security Standard does.",
        why: "On nodes with AppArmor, the runtime's default profile blocks mounting filesystems, writing to \
`/proc/sys` and other escape techniques. `Unconfined` removes that layer for the whole container.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: tool\nspec:\n  containers:\n  - name: tool\n    image: registry.example/tool:1\n    securityContext:\n      appArmorProfile:\n        type: Unconfined\n",
        remediation: "Remove the override (the runtime default applies), or load a specific profile on the nodes \
and reference it with `type: Localhost` and `localhostProfile`.",
        references: &[
            "https://kubernetes.io/docs/tutorials/security/apparmor/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::APP_ARMOR_PROFILE, |_, _| true);
}
