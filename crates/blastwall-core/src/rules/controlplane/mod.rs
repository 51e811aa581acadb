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

use super::check::Registered;

/// The rules of this category.
pub(crate) const RULES: &[Registered] = &[
    Registered::checked(&apiserver_anonymous_auth::RULE, apiserver_anonymous_auth::check),
    Registered::checked(&apiserver_token_auth_file::RULE, apiserver_token_auth_file::check),
    Registered::checked(
        &apiserver_authorization_mode::RULE,
        apiserver_authorization_mode::check,
    ),
    Registered::checked(
        &apiserver_admission_plugins::RULE,
        apiserver_admission_plugins::check,
    ),
    Registered::checked(&control_plane_profiling::RULE, control_plane_profiling::check),
    Registered::checked(&apiserver_audit_log::RULE, apiserver_audit_log::check),
    Registered::checked(
        &apiserver_service_account_tokens::RULE,
        apiserver_service_account_tokens::check,
    ),
    Registered::checked(&apiserver_etcd_tls::RULE, apiserver_etcd_tls::check),
    Registered::checked(&apiserver_serving_tls::RULE, apiserver_serving_tls::check),
    Registered::checked(&apiserver_kubelet_tls::RULE, apiserver_kubelet_tls::check),
    Registered::checked(
        &apiserver_encryption_at_rest::RULE,
        apiserver_encryption_at_rest::check,
    ),
    Registered::checked(
        &controller_manager_service_accounts::RULE,
        controller_manager_service_accounts::check,
    ),
    Registered::checked(
        &control_plane_bind_address::RULE,
        control_plane_bind_address::check,
    ),
    Registered::checked(&etcd_client_tls::RULE, etcd_client_tls::check),
    Registered::checked(&etcd_peer_tls::RULE, etcd_peer_tls::check),
    Registered::checked(&apiserver_request_timeout::RULE, apiserver_request_timeout::check),
    Registered::checked(
        &controller_manager_hardening::RULE,
        controller_manager_hardening::check,
    ),
    Registered::checked(&etcd_shared_ca::RULE, etcd_shared_ca::check).across_objects(),
    Registered::checked(&kubelet_anonymous_auth::RULE, kubelet_anonymous_auth::check),
    Registered::checked(&kubelet_authorization::RULE, kubelet_authorization::check),
    Registered::checked(&kubelet_read_only_port::RULE, kubelet_read_only_port::check),
    Registered::checked(&kubelet_tls::RULE, kubelet_tls::check),
    Registered::checked(&kubelet_hardening::RULE, kubelet_hardening::check),
    Registered::checked(&encryption_identity_first::RULE, encryption_identity_first::check),
    Registered::checked(&audit_policy_logs_secrets::RULE, audit_policy_logs_secrets::check),
    Registered::checked(
        &pod_security_admission_defaults::RULE,
        pod_security_admission_defaults::check,
    ),
    Registered::checked(&event_rate_limit_config::RULE, event_rate_limit_config::check),
    Registered::checked(
        &authorization_config_always_allow::RULE,
        authorization_config_always_allow::check,
    ),
    Registered::checked(
        &authentication_config_anonymous::RULE,
        authentication_config_anonymous::check,
    ),
    Registered::checked(&kubeconfig_insecure_tls::RULE, kubeconfig_insecure_tls::check),
    Registered::checked(&kubeconfig_plain_http::RULE, kubeconfig_plain_http::check),
    Registered::checked(
        &kubeconfig_embedded_credentials::RULE,
        kubeconfig_embedded_credentials::check,
    ),
    Registered::checked(
        &kubeconfig_exec_writable_path::RULE,
        kubeconfig_exec_writable_path::check,
    ),
];
