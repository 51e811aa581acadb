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
mod apiserver_request_timeout;
mod apiserver_service_account_tokens;
mod apiserver_serving_tls;
mod apiserver_token_auth_file;
mod audit_policy_logs_secrets;
mod authentication_config_anonymous;
mod authorization_config_always_allow;
mod config;
mod control_plane_bind_address;
mod control_plane_profiling;
mod controller_manager_hardening;
mod controller_manager_service_accounts;
mod encryption_identity_first;
mod etcd_client_tls;
mod etcd_peer_tls;
mod etcd_shared_ca;
mod event_rate_limit_config;
mod flag;
mod kubeconfig_embedded_credentials;
mod kubeconfig_exec_writable_path;
mod kubeconfig_insecure_tls;
mod kubeconfig_plain_http;
mod kubelet_anonymous_auth;
mod kubelet_authorization;
mod kubelet_hardening;
mod kubelet_read_only_port;
mod kubelet_tls;
mod pod_security_admission_defaults;
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
    &apiserver_request_timeout::RULE,
    &controller_manager_hardening::RULE,
    &etcd_shared_ca::RULE,
    &kubelet_anonymous_auth::RULE,
    &kubelet_authorization::RULE,
    &kubelet_read_only_port::RULE,
    &kubelet_tls::RULE,
    &kubelet_hardening::RULE,
    &encryption_identity_first::RULE,
    &audit_policy_logs_secrets::RULE,
    &pod_security_admission_defaults::RULE,
    &event_rate_limit_config::RULE,
    &authorization_config_always_allow::RULE,
    &authentication_config_anonymous::RULE,
    &kubeconfig_insecure_tls::RULE,
    &kubeconfig_plain_http::RULE,
    &kubeconfig_embedded_credentials::RULE,
    &kubeconfig_exec_writable_path::RULE,
];
