//! BW518 kubelet-read-only-port: the kubelet serves its read-only port without authentication

use crate::model::FieldPath;
use crate::source::Node;

use super::config::is_kubelet_config;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW518",
    name: "kubelet-read-only-port",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:4.2.4", "nsa:node:kubelet"],
    summary: "The kubelet serves its read-only port without authentication.",
    help: "set `readOnlyPort: 0` in the KubeletConfiguration",
    docs: Docs {
        what: "Reports KubeletConfiguration files with a non-zero `readOnlyPort` (the file's default is 0).",
        why: "The read-only port (usually 10255) answers without any authentication: pod specs with their environment variables, node details and metrics to anyone who reaches the node.",
        example: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 10255\n",
        remediation: "Set `readOnlyPort: 0` and read metrics through the authenticated port 10250.",
        references: &["https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !is_kubelet_config(c.object) {
        return;
    }
    if let Some(port) = c
        .object
        .root
        .get("readOnlyPort")
        .and_then(Node::as_i64)
        .filter(|p| *p != 0)
    {
        c.report(
            FieldPath::keys(&["readOnlyPort"]),
            format!("the kubelet serves port {port} without authentication: set `readOnlyPort: 0`"),
        );
    }
}
