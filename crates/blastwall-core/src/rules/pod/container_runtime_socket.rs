//! BW106 container-runtime-socket: a hostPath volume exposes the Docker, containerd or CRI-O socket.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use crate::analysis::host_paths::{exposed_runtime_socket, host_path_volumes};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW106",
    name: "container-runtime-socket",
    category: Category::Pod,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:hostPathVolumes", "cis:5.2.12", "nsa:pod-security:host-path", "mitre:T1611"],
    summary: "A hostPath volume exposes the container runtime's socket.",
    help: "remove the runtime socket mount; build images with a daemonless builder and read metadata from the API",
    docs: Docs {
        what: "Reports hostPath volumes that mount a container runtime socket (Docker, containerd, CRI-O, \
cri-dockerd) or a directory holding one, such as `/var/run` or `/run/containerd`. Sockets are also recognised by \
file name anywhere.",
        why: "The runtime socket is the node's root shell: whoever can write to it starts a privileged container \
with the host's filesystem mounted, outside every Kubernetes control (admission, Pod Security, audit). A breach \
of the pod becomes a breach of the node and of every pod and secret on it.",
        example: "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: builder\nspec:\n  selector:\n    matchLabels: {app: builder}\n  template:\n    metadata:\n      labels: {app: builder}\n    spec:\n      containers:\n      - name: builder\n        image: registry.example/builder:5\n        volumeMounts:\n        - {name: docker, mountPath: /var/run/docker.sock}\n      volumes:\n      - name: docker\n        hostPath:\n          path: /var/run/docker.sock\n",
        remediation: "Remove the mount. Build images with a daemonless builder (BuildKit rootless, kaniko, buildah) \
and read container metadata from the Kubernetes API or the kubelet's read-only interfaces. A monitoring agent \
that must talk to the runtime belongs in a namespace reserved for node agents, with a suppression that says why.",
        references: &[
            "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let pods = c.pods;
    for pod in pods {
        for volume in host_path_volumes(pod) {
            if let Some(socket) = exposed_runtime_socket(&volume.host_path) {
                let what = if volume.host_path.ends_with(socket)
                    || socket.starts_with('/') && volume.host_path == socket
                {
                    format!("the container runtime socket {}", volume.host_path)
                } else {
                    format!(
                        "{}, which holds the container runtime socket {socket}",
                        volume.host_path
                    )
                };
                c.report(
                    volume.path,
                    format!("hostPath volume `{}` mounts {what}", volume.name),
                );
            }
        }
    }
}
