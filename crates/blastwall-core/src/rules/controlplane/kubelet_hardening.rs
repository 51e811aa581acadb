//! BW520 kubelet-hardening: the kubelet keeps idle streams forever, does not manage its iptables chains, or lets pods fork without limit

use crate::model::FieldPath;
use crate::source::{Node, Value};

use super::config::is_kubelet_config;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW520",
    name: "kubelet-hardening",
    category: Category::ControlPlane,
    severity: Severity::Low,
    responsibility: Responsibility::Platform,
    standards: &["cis:4.2.5", "cis:4.2.6", "cis:4.2.13"],
    summary: "The kubelet keeps idle streams forever, does not manage its iptables chains, or lets pods fork without limit.",
    help: "keep `streamingConnectionIdleTimeout` above 0, `makeIPTablesUtilChains: true`, and set `podPidsLimit`",
    docs: Docs {
        what: "Reports KubeletConfiguration files with `streamingConnectionIdleTimeout` of zero, `makeIPTablesUtilChains: false`, or without a positive `podPidsLimit`.",
        why: "Streams that never time out keep exec sessions open after their user has gone; unmanaged iptables chains drift from what the kubelet expects; a pod without a PID limit can exhaust the node's process table (a fork bomb takes the node down).",
        example: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstreamingConnectionIdleTimeout: 0s\npodPidsLimit: 4096\n",
        remediation: "Use the defaults for the first two (4h and true) and set `podPidsLimit` to what the workloads need (for example 4096).",
        references: &["https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !is_kubelet_config(c.object) {
        return;
    }
    let root = &c.object.root;
    if let Some(timeout) = root.get("streamingConnectionIdleTimeout").and_then(Node::as_str) {
        if timeout
            .split(|ch: char| !ch.is_ascii_digit())
            .all(|digits| digits.chars().all(|d| d == '0'))
        {
            c.report(
                FieldPath::keys(&["streamingConnectionIdleTimeout"]),
                format!("`{timeout}` keeps idle streams open forever: use a duration such as 4h"),
            );
        }
    }
    if root
        .get("makeIPTablesUtilChains")
        .is_some_and(|n| matches!(n.value, Value::Bool(false)))
    {
        c.report(
            FieldPath::keys(&["makeIPTablesUtilChains"]),
            "the kubelet does not manage its iptables chains: set it to true".to_owned(),
        );
    }
    if root
        .get("podPidsLimit")
        .and_then(Node::as_i64)
        .is_none_or(|l| l <= 0)
    {
        c.report(
            FieldPath::keys(&["podPidsLimit"]),
            "pods may create processes without limit: set `podPidsLimit`".to_owned(),
        );
    }
}
