//! The control plane's configuration as the components read it: the command-line flags of kube-apiserver,
//! kube-controller-manager, kube-scheduler and etcd, from static pod manifests (flags in `command` or `args`,
//! `--flag=value` or `--flag value`, full binary paths) and from kubeadm's `ClusterConfiguration`
//! (`extraArgs` over kubeadm's own flags).

mod flags;
mod kubeadm;

pub(crate) use flags::component_flags;
pub use flags::{Component, ComponentFlags, Flag, Origin};
