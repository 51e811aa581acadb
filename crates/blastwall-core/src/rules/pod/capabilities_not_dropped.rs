//! BW118 capabilities-not-dropped: a container keeps the runtime's default capabilities.

use crate::analysis::pss::{Violation, BASELINE_CAPABILITIES};
use crate::model::PodSpec;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW118",
    name: "capabilities-not-dropped",
    category: Category::Pod,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["pss:restricted:capabilities_restricted", "cis:5.2.10", "nsa:pod-security:capabilities"],
    summary: "A container does not drop ALL capabilities, or adds back more than NET_BIND_SERVICE.",
    help: "set `capabilities: {drop: [ALL]}` and add back only NET_BIND_SERVICE when a low port is needed",
    docs: Docs {
        what: "Reports containers that do not list `ALL` in `securityContext.capabilities.drop`, and added \
capabilities other than `NET_BIND_SERVICE`, as the `capabilities_restricted` check of the restricted Pod \
Security Standard does (Windows pods are exempt from policy v1.25). Capabilities outside the runtime's default \
set are reported by `dangerous-capabilities` instead, so each added capability is reported once.",
        why: "Even the runtime's default capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, NET_RAW...) let a \
compromised process change file ownership, bypass file permissions or forge packets. Most applications need \
none of them.",
        example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: registry.example/api:1\n",
        remediation: "Add `securityContext: {capabilities: {drop: [ALL]}}` to every container; if the process binds \
a port below 1024, add `NET_BIND_SERVICE` back (or listen on a high port).",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    report_check(
        c,
        &pss::CAPABILITIES_RESTRICTED,
        |_pod: &PodSpec<'_>, v: &Violation| {
            // An added capability outside the baseline set is dangerous-capabilities' finding.
            match v.path.resolve(&object.root).and_then(|n| n.as_str()) {
                Some(added) if v.path.to_string().contains(".add[") => baseline_allows(added),
                _ => true,
            }
        },
    );
}

fn baseline_allows(capability: &str) -> bool {
    BASELINE_CAPABILITIES.contains(&capability)
}
