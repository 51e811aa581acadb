//! How a container takes over its node: a privileged container; the node's processes shared with a
//! capability that enters or traces them; a capability that escapes alone; or a host path that holds the
//! node's credentials, kernel interfaces, logs or container runtime.

use crate::analysis::host_paths::{exposed_runtime_socket, host_path_volumes, sensitive_reason};
use crate::model::{FieldPath, PodSpec};
use crate::source::Node;

/// Capabilities that escape alone: mount and cgroup tricks, kernel modules, reading any host file by handle.
const ESCAPING_CAPABILITIES: [&str; 4] = ["SYS_ADMIN", "SYS_MODULE", "DAC_READ_SEARCH", "ALL"];

/// One way out: the field that opens it and what it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escape {
    /// The field.
    pub path: FieldPath,
    /// What it gives, in words.
    pub how: String,
}

fn is_true(node: Option<&Node>) -> bool {
    node.and_then(Node::as_bool) == Some(true)
}

/// Capability names as runtimes read them: `CAP_SYS_ADMIN` and `SYS_ADMIN` alike.
fn capability(name: &str) -> &str {
    name.strip_prefix("CAP_").unwrap_or(name)
}

/// Every way out of the pods of `pod`, field by field.
#[must_use]
pub fn escapes(pod: &PodSpec<'_>) -> Vec<Escape> {
    let mut out = Vec::new();
    let host_pid = pod.field("hostPID").filter(|(_, n)| n.as_bool() == Some(true));
    for container in pod.containers() {
        let who = container.describe();
        if let Some((path, node)) = container.security_context("privileged") {
            if is_true(Some(node)) {
                out.push(Escape {
                    path,
                    how: format!("{who} is privileged: it mounts the node's disks and loads kernel modules"),
                });
            }
        }
        let added = container
            .node
            .get_path(&["securityContext", "capabilities", "add"])
            .and_then(Node::as_seq)
            .unwrap_or_default();
        let list = container.path.join(&["securityContext", "capabilities", "add"]);
        for (i, cap) in added.iter().enumerate() {
            let Some(name) = cap.as_str().map(capability) else {
                continue;
            };
            let how = if ESCAPING_CAPABILITIES.contains(&name) {
                format!("{who} adds {name}, a known way out of the container")
            } else if name == "SYS_PTRACE" && host_pid.is_some() {
                format!("{who} adds SYS_PTRACE beside hostPID: it injects code into the node's processes")
            } else {
                continue;
            };
            out.push(Escape {
                path: list.index(i),
                how,
            });
        }
    }
    if let Some((path, _)) = host_pid {
        let enters = pod.containers().iter().any(|c| {
            is_true(c.node.get_path(&["securityContext", "privileged"]))
                || c.node
                    .get_path(&["securityContext", "capabilities", "add"])
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(Node::as_str)
                    .any(|n| matches!(capability(n), "SYS_ADMIN" | "ALL"))
        });
        if enters {
            out.push(Escape {
                path,
                how: "hostPID with a privileged container: `nsenter -t 1` enters the node".to_owned(),
            });
        }
    }
    for volume in host_path_volumes(pod) {
        let path = &volume.host_path;
        let how = if let Some(socket) = exposed_runtime_socket(path) {
            format!(
                "hostPath `{path}` exposes the container runtime ({socket}): it starts privileged containers"
            )
        } else if path == "/var/log" || path.starts_with("/var/log/") {
            format!("hostPath `{path}`: symlinks in the node's logs let the kubelet read any node file")
        } else if let Some(reason) = sensitive_reason(path) {
            format!("hostPath `{path}` ({reason}) gives away the node's credentials or kernel")
        } else {
            continue;
        };
        out.push(Escape {
            path: volume.path,
            how,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{pod_specs, Inventory};
    use crate::source::Source;

    fn escapes_of(spec: &str) -> Vec<String> {
        let text = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{spec}\n");
        let source = Source::new("p.yaml".into(), None, text.into_bytes()).expect("a source");
        let docs = source.documents();
        let mut inventory = Inventory::default();
        inventory.add(source, docs);
        pod_specs(&inventory.objects[0])
            .iter()
            .flat_map(escapes)
            .map(|e| e.path.to_string())
            .collect()
    }

    /// (spec, the fields that escape, why)
    #[test]
    fn ways_out_and_near_misses() {
        let rows: [(&str, &[&str], &str); 9] = [
            (
                "  containers: [{name: c, image: i, securityContext: {privileged: true}}]",
                &["spec.containers[name=c].securityContext.privileged"],
                "privileged",
            ),
            (
                "  containers: [{name: c, image: i, securityContext: {privileged: false}}]",
                &[],
                "privileged: false",
            ),
            ("  hostPID: true\n  containers: [{name: c, image: i}]", &[], "hostPID alone sees, cannot enter"),
            (
                "  hostPID: true\n  containers: [{name: c, image: i, securityContext: {capabilities: {add: [SYS_PTRACE]}}}]",
                &["spec.containers[name=c].securityContext.capabilities.add[0]"],
                "SYS_PTRACE beside hostPID",
            ),
            (
                "  containers: [{name: c, image: i, securityContext: {capabilities: {add: [SYS_PTRACE, NET_ADMIN]}}}]",
                &[],
                "SYS_PTRACE without hostPID traces only the pod",
            ),
            (
                "  containers: [{name: c, image: i, securityContext: {capabilities: {add: [CAP_SYS_ADMIN]}}}]",
                &["spec.containers[name=c].securityContext.capabilities.add[0]"],
                "the CAP_ prefix is read as runtimes read it",
            ),
            (
                "  volumes: [{name: v, hostPath: {path: /var/run/containerd}}]\n  containers: [{name: c, image: i}]",
                &["spec.volumes[name=v].hostPath.path"],
                "runtime socket directory",
            ),
            (
                "  volumes: [{name: v, hostPath: {path: /var/log}}]\n  containers: [{name: c, image: i}]",
                &["spec.volumes[name=v].hostPath.path"],
                "the node's logs",
            ),
            (
                "  volumes: [{name: v, hostPath: {path: /data/cache}}]\n  containers: [{name: c, image: i}]",
                &[],
                "an ordinary data directory",
            ),
        ];
        for (spec, expected, why) in rows {
            assert_eq!(escapes_of(spec), expected, "{why}");
        }
    }
}
