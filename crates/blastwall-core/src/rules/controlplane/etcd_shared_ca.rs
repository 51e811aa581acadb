//! BW532 etcd-shared-ca: etcd trusts the same CA as the API server's clients: any cluster client certificate opens etcd

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW532",
    name: "etcd-shared-ca",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:2.7"],
    summary: "etcd trusts the same CA as the API server's clients: any cluster client certificate opens etcd.",
    help: "give etcd its own CA (`--trusted-ca-file`) distinct from the API server's `--client-ca-file`",
    docs: Docs {
        what: "Reports etcd instances whose `--trusted-ca-file` is the file the API server uses as `--client-ca-file`, when both are among the inputs.",
        why: "With one CA for both, every certificate the cluster CA signs, those of kubelets and administrators included, is also accepted by etcd, which then serves the whole database to them.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command: [kube-apiserver, --client-ca-file=/etc/kubernetes/pki/ca.crt]\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:v1.31.0\n    command:\n    - etcd\n    - --client-cert-auth=true\n    - --trusted-ca-file=/etc/kubernetes/pki/ca.crt\n",
        remediation: "Create a CA for etcd only (kubeadm uses /etc/kubernetes/pki/etcd/ca.crt), issue etcd's server and peer certificates and the API server's etcd client certificate from it.",
        references: &["https://kubernetes.io/docs/setup/best-practices/certificates/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if !c.components.iter().any(|f| f.component == Component::Etcd) {
        return;
    }
    let analyses = c.analyses;
    let client_cas: Vec<&str> = analyses
        .components(Component::ApiServer)
        .filter_map(|f| f.get("client-ca-file").map(|ca| ca.value.as_str()))
        .collect();
    each(c, Component::Etcd, |c, flags| {
        let Some(trusted) = flags.get("trusted-ca-file") else {
            return;
        };
        if client_cas.contains(&trusted.value.as_str()) {
            let message = format!(
                "etcd trusts `{}`, the API server's client CA: every cluster client certificate opens etcd",
                trusted.value
            );
            at_flag(c, trusted, message);
        }
    });
}
