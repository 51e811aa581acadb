//! BW110 host-path-volume: any other hostPath volume (the sensitive ones have their own rules).

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;
use crate::source::{Node, Value};

use crate::analysis::host_paths::{exposed_runtime_socket, normalise, sensitive_reason};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW110",
    name: "host-path-volume",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:hostPathVolumes", "cis:5.2.12", "nsa:pod-security:host-path", "mitre:T1611"],
    summary: "A pod mounts a directory or file of the node (hostPath).",
    help: "use an emptyDir, ConfigMap, Secret or persistent volume instead of the node's filesystem",
    docs: Docs {
        what: "Reports hostPath volumes, which the baseline Pod Security Standard forbids, except those that \
`sensitive-host-path` and `container-runtime-socket` already report with a higher severity: together the \
three rules report every hostPath volume exactly once.",
        why: "A hostPath volume ties the pod to the node's filesystem: it can read what other workloads left \
there, fill the node's disk, and, when writable, plant files that the node or other pods will run. It is the \
most common first step of an escape from a container to its node.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  containers:\n  - name: cache\n    image: registry.example/cache:1\n  volumes:\n  - name: data\n    hostPath:\n      path: /data/cache\n",
        remediation: "Use an `emptyDir` for scratch space, a PersistentVolumeClaim for data, a ConfigMap or Secret \
for configuration. If a node agent must read host files, mount the narrowest path with `readOnly: true`, keep \
it in a namespace reserved for node agents, and suppress the finding with a reason.",
        references: &[
            "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    for pod in c.pods {
        let Some((volumes_path, volumes)) = pod.field("volumes") else {
            continue;
        };
        for (i, volume) in volumes.as_seq().unwrap_or_default().iter().enumerate() {
            let Some(host_path) = volume.get("hostPath").filter(|h| !matches!(h.value, Value::Null)) else {
                continue;
            };
            let name = volume.get("name").and_then(Node::as_str).unwrap_or("");
            let message = match host_path.get("path").and_then(Node::as_str).map(normalise) {
                Some(p) if exposed_runtime_socket(&p).is_some() || sensitive_reason(&p).is_some() => continue,
                Some(p) => format!("hostPath volume `{name}` mounts {p} from the node"),
                None => format!("hostPath volume `{name}` mounts a path of the node"),
            };
            c.report(volumes_path.item(i, volume).key("hostPath"), message);
        }
    }
}
