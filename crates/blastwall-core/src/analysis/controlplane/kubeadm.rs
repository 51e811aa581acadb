//! kubeadm's ClusterConfiguration: the flags kubeadm itself gives each component, overridden by
//! `extraArgs` (a map in v1beta3, a list of `{name, value}` in v1beta4).

use super::flags::{Component, ComponentFlags, Flag, Origin};
use crate::model::{FieldPath, Object};
use crate::source::Node;

/// Flags kubeadm writes into the static pod manifests it generates (files under /etc/kubernetes/pki).
fn defaults(component: Component) -> &'static [(&'static str, &'static str)] {
    match component {
        Component::ApiServer => &[
            ("authorization-mode", "Node,RBAC"),
            ("enable-admission-plugins", "NodeRestriction"),
            ("client-ca-file", "/etc/kubernetes/pki/ca.crt"),
            ("tls-cert-file", "/etc/kubernetes/pki/apiserver.crt"),
            ("tls-private-key-file", "/etc/kubernetes/pki/apiserver.key"),
            (
                "kubelet-client-certificate",
                "/etc/kubernetes/pki/apiserver-kubelet-client.crt",
            ),
            (
                "kubelet-client-key",
                "/etc/kubernetes/pki/apiserver-kubelet-client.key",
            ),
            ("etcd-cafile", "/etc/kubernetes/pki/etcd/ca.crt"),
            ("etcd-certfile", "/etc/kubernetes/pki/apiserver-etcd-client.crt"),
            ("etcd-keyfile", "/etc/kubernetes/pki/apiserver-etcd-client.key"),
            ("service-account-key-file", "/etc/kubernetes/pki/sa.pub"),
            ("service-account-signing-key-file", "/etc/kubernetes/pki/sa.key"),
            ("enable-bootstrap-token-auth", "true"),
        ],
        Component::ControllerManager => &[
            ("use-service-account-credentials", "true"),
            ("root-ca-file", "/etc/kubernetes/pki/ca.crt"),
            ("service-account-private-key-file", "/etc/kubernetes/pki/sa.key"),
            ("bind-address", "127.0.0.1"),
            ("client-ca-file", "/etc/kubernetes/pki/ca.crt"),
        ],
        Component::Scheduler => &[("bind-address", "127.0.0.1")],
        Component::Etcd => &[
            ("cert-file", "/etc/kubernetes/pki/etcd/server.crt"),
            ("key-file", "/etc/kubernetes/pki/etcd/server.key"),
            ("client-cert-auth", "true"),
            ("trusted-ca-file", "/etc/kubernetes/pki/etcd/ca.crt"),
            ("peer-cert-file", "/etc/kubernetes/pki/etcd/peer.crt"),
            ("peer-key-file", "/etc/kubernetes/pki/etcd/peer.key"),
            ("peer-client-cert-auth", "true"),
            ("peer-trusted-ca-file", "/etc/kubernetes/pki/etcd/ca.crt"),
        ],
    }
}

fn extra_args(section: Option<&Node>, path: &FieldPath) -> Vec<Flag> {
    let Some(args) = section.and_then(|s| s.get("extraArgs")) else {
        return Vec::new();
    };
    let at = path.key("extraArgs");
    if let Some(map) = args.as_map() {
        return map
            .iter()
            .filter_map(|(k, v)| {
                Some(Flag {
                    name: k.text.to_string(),
                    value: v.as_str()?.to_owned(),
                    path: at.key(&k.text),
                    kubeadm_default: false,
                })
            })
            .collect();
    }
    args.as_seq()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            Some(Flag {
                name: entry.get("name")?.as_str()?.to_owned(),
                value: entry.get("value").and_then(Node::as_str).unwrap_or("").to_owned(),
                path: at.index(i).key("value"),
                kubeadm_default: false,
            })
        })
        .collect()
}

/// The four components a ClusterConfiguration configures (etcd only when kubeadm runs it: `etcd.local`).
pub(crate) fn flags(object: &Object) -> Vec<ComponentFlags> {
    let root = &object.root;
    let mut out = Vec::new();
    for (component, keys) in [
        (Component::ApiServer, &["apiServer"][..]),
        (Component::ControllerManager, &["controllerManager"][..]),
        (Component::Scheduler, &["scheduler"][..]),
        (Component::Etcd, &["etcd", "local"][..]),
    ] {
        if component == Component::Etcd && root.get("etcd").and_then(|e| e.get("external")).is_some() {
            continue;
        }
        let path = FieldPath::keys(keys);
        let section = root.get_path(keys);
        let mut flags: Vec<Flag> = defaults(component)
            .iter()
            .map(|(name, value)| Flag {
                name: (*name).to_owned(),
                value: (*value).to_owned(),
                path: path.clone(),
                kubeadm_default: true,
            })
            .collect();
        flags.extend(extra_args(section, &path));
        out.push(ComponentFlags {
            component,
            origin: Origin::Kubeadm(path.clone()),
            flags,
            missing_at: if section.and_then(|s| s.get("extraArgs")).is_some() {
                path.key("extraArgs")
            } else {
                path
            },
        });
    }
    out
}
