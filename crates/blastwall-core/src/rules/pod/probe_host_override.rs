//! BW117 probe-host-override: a probe or lifecycle handler aimed at another host.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;
use crate::source::Node;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW117",
    name: "probe-host-override",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:hostProbesAndHostLifecycle", "mitre:T1090"],
    summary: "A probe or lifecycle handler sends the kubelet's requests to another host.",
    help: "remove `host` from the probe or handler; the kubelet then targets the pod's own IP",
    docs: Docs {
        what: "Reports `httpGet.host` and `tcpSocket.host` in liveness, readiness and startup probes and in \
`postStart`/`preStop` handlers of every container, as the `hostProbesAndHostLifecycle` check of the baseline Pod \
Security Standard does from policy v1.34, except loopback addresses on pods that use the host network \
(kubeadm's control-plane pods probe `127.0.0.1` that way): there the kubelet only reaches the pod itself.",
        why: "The kubelet runs probes from the node. A `host` field turns it into a proxy that reaches any address \
the node can reach, such as a cloud metadata service or another node's kubelet, on behalf of whoever writes pod \
specs.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: probe\nspec:\n  containers:\n  - name: app\n    image: registry.example/app:1\n    livenessProbe:\n      httpGet:\n        host: 169.254.169.254\n        path: /latest/meta-data/\n        port: 80\n",
        remediation: "Remove `host`; probe the container's own port. To check a dependency, do it from inside the \
application and report the result on the container's own health endpoint.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    report_check(c, &pss::HOST_PROBES_AND_HOST_LIFECYCLE, |pod, v| {
        // On the host network, loopback is the pod itself: nothing is reached on anyone's behalf (and the
        // host network is host-network's finding).
        let host_network = pod.spec.get("hostNetwork").and_then(Node::as_bool) == Some(true);
        let host = v.path.resolve(&object.root).and_then(Node::as_str).unwrap_or("");
        !(host_network && is_loopback(host))
    });
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}
