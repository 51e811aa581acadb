//! BW506 apiserver-audit-log: the API server keeps no audit log, or keeps too little of it

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each, missing};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW506",
    name: "apiserver-audit-log",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.16", "cis:1.2.17", "cis:1.2.18", "cis:1.2.19", "nsa:control-plane:audit"],
    summary: "The API server keeps no audit log, or keeps too little of it.",
    help: "set `--audit-log-path`, `--audit-policy-file`, `--audit-log-maxage=30`, `--audit-log-maxbackup=10` and `--audit-log-maxsize=100`",
    docs: Docs {
        what: "Reports kube-apiserver instances without `--audit-log-path` (and no audit webhook), with a log but no `--audit-policy-file` (without a policy no event is recorded), and those that keep fewer than 30 days (`--audit-log-maxage`), 10 files (`--audit-log-maxbackup`) or 100 MB per file (`--audit-log-maxsize`).",
        why: "Without an audit log nobody can tell afterwards who read which Secret or created which pod; with short retention the trail is gone before an incident is noticed.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --authorization-mode=Node,RBAC\n",
        remediation: "Write the log to a file on a persistent volume (or send it with `--audit-webhook-config-file`), with an audit policy (`--audit-policy-file`) and the retention above.",
        references: &["https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        if flags.get("audit-log-path").is_none() {
            if flags.get("audit-webhook-config-file").is_none() {
                missing(
                    c,
                    flags,
                    "audit-log-path",
                    "/var/log/kubernetes/audit.log",
                    "keeps no audit log",
                );
            }
            return;
        }
        if flags.get("audit-policy-file").is_none() {
            missing(
                c,
                flags,
                "audit-policy-file",
                "/etc/kubernetes/audit-policy.yaml",
                "has an audit log but no audit policy, so it records no event",
            );
        }
        for (name, least) in [
            ("audit-log-maxage", 30),
            ("audit-log-maxbackup", 10),
            ("audit-log-maxsize", 100),
        ] {
            match flags.get(name) {
                Some(flag) if flag.value.parse::<u64>().is_ok_and(|v| v >= least) => {}
                Some(flag) => {
                    let message = format!(
                        "kube-apiserver `--{name}={}` keeps too little: set at least {least}",
                        flag.value
                    );
                    at_flag(c, flag, message);
                }
                None => missing(
                    c,
                    flags,
                    name,
                    &least.to_string(),
                    "does not bound audit retention",
                ),
            }
        }
    });
}
