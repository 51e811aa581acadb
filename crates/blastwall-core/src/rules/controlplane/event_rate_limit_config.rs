//! BW533 event-rate-limit-config: the EventRateLimit admission plugin's configuration limits nothing

use crate::model::FieldPath;
use crate::source::Node;

use super::config::is_config;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW533",
    name: "event-rate-limit-config",
    category: Category::ControlPlane,
    severity: Severity::Low,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.9"],
    summary: "The EventRateLimit admission plugin's configuration limits nothing.",
    help: "give the EventRateLimit configuration limits with positive `qps` and `burst` (at least of type Server and Namespace)",
    docs: Docs {
        what: "Reports AdmissionConfiguration files whose `EventRateLimit` plugin has no configuration, a configuration without `limits`, or limits without a positive `qps` and `burst`.",
        why: "Without working limits, any client allowed to create Events can flood the API server and etcd with them and slow down the whole control plane.",
        example: "apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: EventRateLimit\n  configuration:\n    apiVersion: eventratelimit.admission.k8s.io/v1alpha1\n    kind: Configuration\n    limits: []\n",
        remediation: "Add limits such as `{type: Server, qps: 50, burst: 100}` and `{type: Namespace, qps: 10, burst: 50}`, and enable the plugin with `--enable-admission-plugins`.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#eventratelimit"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !is_config(
        c.object,
        &["apiserver.config.k8s.io", "apiserver.k8s.io"],
        "AdmissionConfiguration",
    ) {
        return;
    }
    for (i, plugin) in c
        .object
        .root
        .get("plugins")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if plugin.get("name").and_then(Node::as_str) != Some("EventRateLimit") {
            continue;
        }
        let at = FieldPath::keys(&["plugins"]).index(i);
        if plugin.get("path").is_some() {
            continue;
        }
        let Some(limits) = plugin
            .get_path(&["configuration", "limits"])
            .and_then(Node::as_seq)
            .filter(|l| !l.is_empty())
        else {
            c.report(
                at.key("configuration"),
                "EventRateLimit has no limits: it limits nothing".to_owned(),
            );
            continue;
        };
        for (k, limit) in limits.iter().enumerate() {
            let positive = |key: &str| limit.get(key).and_then(Node::as_i64).is_some_and(|v| v > 0);
            if !positive("qps") || !positive("burst") {
                c.report(
                    at.key("configuration").key("limits").index(k),
                    "this limit needs a positive `qps` and `burst`".to_owned(),
                );
            }
        }
    }
}
