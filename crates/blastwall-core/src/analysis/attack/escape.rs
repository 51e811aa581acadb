//! How a container takes over its node: a privileged container; the node's processes shared with a
//! capability that enters or traces them; a capability that escapes alone; or a host path that holds the
//! node's credentials, kernel interfaces, logs or container runtime. Asked of a pod as a whole (any of its
//! containers, as whoever changes or creates its pods gets) or of its running containers only (what a
//! connection to the pod reaches: init containers have exited before it serves anything).

use crate::analysis::host_paths::{exposed_runtime_socket, host_path_volumes, sensitive_reason};
use crate::model::{Container, ContainerKind, FieldPath, PodSpec};
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

/// Whether the container runs while the pod serves: a regular or ephemeral container, or an init container
/// that restarts always (a sidecar). Other init containers have exited by then.
fn is_running(container: &Container<'_>) -> bool {
    container.kind != ContainerKind::Init
        || container.node.get("restartPolicy").and_then(Node::as_str) == Some("Always")
}

/// Every way out of the pods of `pod`, field by field: what any of its containers can use, and every
/// sensitive host path it declares (a container added to the pod may mount it).
#[must_use]
pub fn escapes(pod: &PodSpec<'_>) -> Vec<Escape> {
    ways_out(pod, Whose::Any)
}

/// The ways out that the running containers of `pod` can use: their own settings, and the host paths they
/// mount.
#[must_use]
pub fn running_escapes(pod: &PodSpec<'_>) -> Vec<Escape> {
    ways_out(pod, Whose::Running)
}

/// Whose ways out are counted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Whose {
    /// Any container of the pod, or one added to it: every host path the pod declares counts.
    Any,
    /// The running containers: a host path counts where one of them mounts it.
    Running,
}

fn ways_out(pod: &PodSpec<'_>, whose: Whose) -> Vec<Escape> {
    let mut out = Vec::new();
    let host_pid = pod.field("hostPID").filter(|(_, n)| n.as_bool() == Some(true));
    let containers: Vec<&Container<'_>> = pod
        .containers()
        .iter()
        .filter(|c| whose == Whose::Any || is_running(c))
        .collect();
    for container in &containers {
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
        let enters = containers.iter().any(|c| {
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
    let mounts = |name: &str| {
        containers.iter().any(|c| {
            c.list("volumeMounts")
                .iter()
                .any(|m| m.get("name").and_then(Node::as_str) == Some(name))
        })
    };
    for volume in host_path_volumes(pod) {
        if whose == Whose::Running && !mounts(volume.name) {
            continue;
        }
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
        ways_out_of(spec, escapes)
    }

    fn ways_out_of(spec: &str, ways: fn(&PodSpec<'_>) -> Vec<Escape>) -> Vec<String> {
        let text = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{spec}\n");
        let source = Source::new("p.yaml".into(), None, text.into_bytes()).expect("a source");
        let docs = source.documents();
        let mut inventory = Inventory::default();
        inventory.add(source, docs);
        pod_specs(&inventory.objects[0])
            .iter()
            .flat_map(ways)
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

    /// (spec, the fields the running containers escape by, why)
    #[test]
    fn running_containers_leave_finished_init_containers_out() {
        let rows: [(&str, &[&str], &str); 5] = [
            (
                "  initContainers: [{name: sysctl, image: i, securityContext: {privileged: true}}]\n  containers: [{name: c, image: i}]",
                &[],
                "an init container has exited before the pod serves",
            ),
            (
                "  initContainers: [{name: proxy, image: i, restartPolicy: Always, securityContext: {privileged: true}}]\n  containers: [{name: c, image: i}]",
                &["spec.initContainers[name=proxy].securityContext.privileged"],
                "a sidecar runs beside the containers",
            ),
            (
                "  volumes: [{name: root, hostPath: {path: /}}]\n  initContainers: [{name: copy, image: i, volumeMounts: [{name: root, mountPath: /host}]}]\n  containers: [{name: c, image: i}]",
                &[],
                "a host path only an init container mounts",
            ),
            (
                "  volumes: [{name: root, hostPath: {path: /}}]\n  containers: [{name: c, image: i, volumeMounts: [{name: root, mountPath: /host}]}]",
                &["spec.volumes[name=root].hostPath.path"],
                "a host path a running container mounts",
            ),
            (
                "  hostPID: true\n  initContainers: [{name: setup, image: i, securityContext: {privileged: true}}]\n  containers: [{name: c, image: i}]",
                &[],
                "hostPID with only a finished container that could enter",
            ),
        ];
        for (spec, expected, why) in rows {
            assert_eq!(ways_out_of(spec, running_escapes), expected, "{why}");
            assert!(
                !escapes_of(spec).is_empty(),
                "the pod as a whole still escapes: {why}"
            );
        }
    }
}
