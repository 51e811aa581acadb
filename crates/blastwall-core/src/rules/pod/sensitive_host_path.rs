//! BW105 sensitive-host-path: a hostPath volume over node credentials, kernel interfaces or kubelet state.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use crate::analysis::host_paths::{exposed_runtime_socket, host_path_volumes, sensitive_reason};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW105",
    name: "sensitive-host-path",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:hostPathVolumes", "cis:5.2.12", "nsa:pod-security:host-path", "mitre:T1611"],
    summary: "A hostPath volume mounts a sensitive part of the node's filesystem.",
    help: "use a ConfigMap, Secret, emptyDir or persistent volume instead of the node's files",
    docs: Docs {
        what: "Reports hostPath volumes whose path is the node's root, lies inside `/etc`, `/proc`, `/sys`, `/dev`, \
`/boot`, `/root`, `/usr`, `/lib`, `/var/lib/kubelet`, `/var/lib/docker`, `/var/lib/containerd` or `/var/lib/etcd`, \
or is a parent of one of them (mounting `/var` exposes `/var/lib/kubelet`). Paths are normalised first, so \
`/etc/../etc` and `/etc/` count. Public data inside those directories is not reported: the CA trust stores \
(`/etc/ssl/certs`, `/etc/ca-certificates`, `/usr/share/ca-certificates`, `/usr/local/share/ca-certificates`, \
`/etc/pki/ca-trust`, `/etc/pki/tls/certs`) and time zones (`/usr/share/zoneinfo`, `/etc/localtime`). Runtime sockets have their own rule, `container-runtime-socket`.",
        why: "These paths hold the node's credentials (kubelet client certificates, service account tokens of every \
pod on the node under `/var/lib/kubelet/pods`, etcd data, SSH keys) and its kernel interfaces. A container that \
mounts them can read every secret on the node or change its configuration, and a writable mount is a direct \
escape to the host. The Pod Security Standards forbid hostPath volumes from the baseline level up.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: backup\nspec:\n  containers:\n  - name: backup\n    image: registry.example/backup:3\n    volumeMounts:\n    - name: etc\n      mountPath: /host/etc\n  volumes:\n  - name: etc\n    hostPath:\n      path: /etc\n",
        remediation: "Give the workload what it needs through the API instead: configuration in a ConfigMap, \
credentials in a Secret, scratch space in an `emptyDir`, data in a PersistentVolumeClaim. A node agent that \
must read host files should mount the narrowest path, `readOnly: true`, from a namespace reserved for node \
agents, with a suppression that says why.",
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
            if exposed_runtime_socket(&volume.host_path).is_some() {
                continue;
            }
            if let Some(reason) = sensitive_reason(&volume.host_path) {
                c.report(
                    volume.path,
                    format!(
                        "hostPath volume `{}` mounts {} ({reason})",
                        volume.name, volume.host_path
                    ),
                );
            }
        }
    }
}
