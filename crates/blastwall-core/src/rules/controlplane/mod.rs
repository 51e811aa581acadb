//! Control-plane rules: the flags of kube-apiserver, kube-controller-manager, kube-scheduler and etcd (in
//! static pod manifests or kubeadm's ClusterConfiguration), the configuration files the API server and the
//! kubelet read, and kubeconfig files. Tagged with the CIS Kubernetes Benchmark items they decide.

mod apiserver_admission_plugins;
mod apiserver_anonymous_auth;
mod apiserver_audit_log;
mod apiserver_authorization_mode;
mod apiserver_encryption_at_rest;
mod apiserver_etcd_tls;
mod apiserver_kubelet_tls;
mod apiserver_service_account_tokens;
mod apiserver_serving_tls;
mod apiserver_token_auth_file;
mod control_plane_bind_address;
mod control_plane_profiling;
mod controller_manager_service_accounts;
mod etcd_client_tls;
mod etcd_peer_tls;
mod flag;
mod tls;

use super::Rule;

/// The rules of this category.
pub const RULES: &[&Rule] = &[
    &apiserver_anonymous_auth::RULE,
    &apiserver_token_auth_file::RULE,
    &apiserver_authorization_mode::RULE,
    &apiserver_admission_plugins::RULE,
    &control_plane_profiling::RULE,
    &apiserver_audit_log::RULE,
    &apiserver_service_account_tokens::RULE,
    &apiserver_etcd_tls::RULE,
    &apiserver_serving_tls::RULE,
    &apiserver_kubelet_tls::RULE,
    &apiserver_encryption_at_rest::RULE,
    &controller_manager_service_accounts::RULE,
    &control_plane_bind_address::RULE,
    &etcd_client_tls::RULE,
    &etcd_peer_tls::RULE,
];
