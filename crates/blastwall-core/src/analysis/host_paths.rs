//! Which host paths are dangerous to mount, shared by the host-path rules.

use crate::model::{FieldPath, PodSpec};
use crate::source::Node;

/// Container runtime sockets: whoever reaches one starts privileged containers on the node.
const RUNTIME_SOCKETS: [&str; 8] = [
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/var/run/containerd/containerd.sock",
    "/run/containerd/containerd.sock",
    "/var/run/crio/crio.sock",
    "/run/crio/crio.sock",
    "/var/run/cri-dockerd.sock",
    "/run/cri-dockerd.sock",
];

/// Socket file names that identify a runtime wherever it lives.
const RUNTIME_SOCKET_NAMES: [&str; 4] = ["docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock"];

/// Directories whose content gives away the node: credentials, kernel interfaces, kubelet state.
const SENSITIVE_DIRS: [&str; 13] = [
    "/etc",
    "/proc",
    "/sys",
    "/dev",
    "/boot",
    "/root",
    "/var/lib/kubelet",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/var/lib/etcd",
    "/etc/kubernetes",
    "/usr",
    "/lib",
];

/// Public data inside sensitive directories: CA trust stores and time zones. Mounting them, as control-plane
/// pods and many agents do, gives nothing away.
const PUBLIC_DIRS: [&str; 8] = [
    "/etc/ssl/certs",
    "/etc/ca-certificates",
    "/usr/share/ca-certificates",
    "/usr/local/share/ca-certificates",
    "/etc/pki/ca-trust",
    "/etc/pki/tls/certs",
    "/usr/share/zoneinfo",
    "/etc/localtime",
];

/// A hostPath volume of a pod spec.
pub(crate) struct HostPathVolume<'a> {
    /// Path to the volume's `hostPath.path`.
    pub path: FieldPath,
    /// The volume's name.
    pub name: &'a str,
    /// The host path, normalised (`//` and `.` removed, no trailing slash).
    pub host_path: String,
}

/// Every hostPath volume of a pod spec.
pub(crate) fn host_path_volumes<'a>(pod: &PodSpec<'a>) -> Vec<HostPathVolume<'a>> {
    let Some((volumes_path, volumes)) = pod.field("volumes") else {
        return Vec::new();
    };
    let Some(items) = volumes.as_seq() else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let raw = v.get_path(&["hostPath", "path"]).and_then(Node::as_str)?;
            Some(HostPathVolume {
                path: volumes_path.item(i, v).join(&["hostPath", "path"]),
                name: v.get("name").and_then(Node::as_str).unwrap_or(""),
                host_path: normalise(raw),
            })
        })
        .collect()
}

/// `/var//run/./docker.sock/` → `/var/run/docker.sock`; `..` is resolved lexically, as the kubelet sees it.
#[must_use]
pub(crate) fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn is_within(path: &str, dir: &str) -> bool {
    path == dir || (path.starts_with(dir) && path.as_bytes().get(dir.len()) == Some(&b'/')) || dir == "/"
}

/// The runtime socket a host path exposes: the socket itself, or a directory holding one (`/var/run`).
/// The root directory is left to the sensitive-path rule.
#[must_use]
pub(crate) fn exposed_runtime_socket(path: &str) -> Option<&'static str> {
    if path == "/" {
        return None;
    }
    if let Some(socket) = RUNTIME_SOCKETS.iter().find(|s| is_within(s, path)) {
        return Some(socket);
    }
    let file = path.rsplit('/').next().unwrap_or("");
    RUNTIME_SOCKET_NAMES.iter().find(|n| **n == file).copied()
}

/// Why a host path (not a runtime socket) is sensitive: the sensitive directory it is, contains or is in.
#[must_use]
pub(crate) fn sensitive_reason(path: &str) -> Option<String> {
    if path == "/" {
        return Some("the node's whole filesystem".into());
    }
    if PUBLIC_DIRS.iter().any(|d| is_within(path, d)) {
        return None;
    }
    if let Some(dir) = SENSITIVE_DIRS.iter().find(|d| is_within(path, d)) {
        return Some(format!("inside {dir}"));
    }
    SENSITIVE_DIRS
        .iter()
        .find(|d| is_within(d, path))
        .map(|dir| format!("a parent of {dir}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_paths_like_the_kubelet() {
        assert_eq!(normalise("/var//run/./docker.sock/"), "/var/run/docker.sock");
        assert_eq!(normalise("/etc/../etc/kubernetes"), "/etc/kubernetes");
        assert_eq!(normalise("/"), "/");
    }

    #[test]
    fn runtime_sockets_and_their_directories() {
        assert_eq!(
            exposed_runtime_socket("/var/run/docker.sock"),
            Some("/var/run/docker.sock")
        );
        assert_eq!(exposed_runtime_socket("/var/run"), Some("/var/run/docker.sock"));
        assert_eq!(
            exposed_runtime_socket("/run/containerd"),
            Some("/run/containerd/containerd.sock")
        );
        assert_eq!(exposed_runtime_socket("/custom/crio.sock"), Some("crio.sock"));
        assert_eq!(exposed_runtime_socket("/var/log"), None);
        assert_eq!(exposed_runtime_socket("/"), None);
        assert_eq!(exposed_runtime_socket("/var/run/dockersock"), None);
    }

    #[test]
    fn sensitive_directories_their_parents_and_children() {
        assert!(sensitive_reason("/").is_some());
        assert!(sensitive_reason("/etc").is_some());
        assert!(sensitive_reason("/etc/kubernetes/pki").is_some());
        assert!(sensitive_reason("/var").is_some(), "a parent of /var/lib/kubelet");
        assert!(sensitive_reason("/var/lib/kubelet/pods").is_some());
        assert_eq!(sensitive_reason("/var/log"), None);
        assert_eq!(sensitive_reason("/data/cache"), None);
        assert_eq!(sensitive_reason("/etcd-backup"), None, "a prefix is not a parent");
        assert_eq!(sensitive_reason("/etc/ssl/certs"), None, "public CA certificates");
        assert_eq!(sensitive_reason("/usr/share/ca-certificates/mozilla"), None);
        assert!(
            sensitive_reason("/etc/ssl").is_some(),
            "holds private keys beside the certificates"
        );
        assert!(sensitive_reason("/etc/pki").is_some());
    }
}
