//! BW511 apiserver-encryption-at-rest: the API server stores Secrets in etcd unencrypted (`--encryption-provider-config` is not set)

use crate::analysis::controlplane::Component;

use super::flag::{each, missing};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW511",
    name: "apiserver-encryption-at-rest",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.27", "nsa:control-plane:encryption"],
    summary: "The API server stores Secrets in etcd unencrypted (`--encryption-provider-config` is not set).",
    help: "set `--encryption-provider-config` to an EncryptionConfiguration that encrypts `secrets` (kms v2 or aescbc/secretbox)",
    docs: Docs {
        what: "Reports kube-apiserver instances without `--encryption-provider-config`.",
        why: "Without encryption at rest every Secret is stored in clear text in etcd and in its backups: anyone with a copy of the etcd data directory or a snapshot reads them all.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --authorization-mode=Node,RBAC\n",
        remediation: "Write an EncryptionConfiguration whose first provider for `secrets` is `kms` (v2), `secretbox` or `aescbc`, point the flag at it, and rewrite existing Secrets (`kubectl get secrets -A -o json | kubectl replace -f -`).",
        references: &["https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        if flags.get("encryption-provider-config").is_none() {
            missing(
                c,
                flags,
                "encryption-provider-config",
                "/etc/kubernetes/encryption.yaml",
                "stores Secrets in etcd in clear text",
            );
        }
    });
}
