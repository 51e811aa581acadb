//! BW304 rbac-pod-exec: a Role or ClusterRole can run commands in pods (exec, attach, port-forward, debug containers).

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::grants::report_role_rules;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW304",
    name: "rbac-pod-exec",
    category: Category::Rbac,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["nsa:rbac:least-privilege", "mitre:T1609"],
    summary: "A Role or ClusterRole can run commands in pods (exec, attach, port-forward, debug containers).",
    help: "remove exec, attach and port-forward rights; debug through logs and metrics",
    docs: Docs {
        what: "Reports role rules that grant `create` or `get` on `pods/exec`, `pods/attach` or `pods/portforward` (a websocket upgrade arrives as `get`), or `update`/`patch` on `pods/ephemeralcontainers`. A binding to one of Kubernetes' built-in roles (other than cluster-admin) is reported at its `roleRef` with the first such rule of that role.",
        why: "Exec into a pod is the pod's identity: its service account token, its mounted Secrets and its network position, bypassing whatever the application checks.",
        example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debugger\n  namespace: shop\nrules:\n- apiGroups: [\"\"]\n  resources: [\"pods/exec\"]\n  verbs: [\"create\"]\n",
        remediation: "Remove the rule; grant break-glass exec access through a separate, audited role bound only when needed.",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_role_rules(c, |g| {
        let mut which: Vec<&str> = ["pods/exec", "pods/attach", "pods/portforward"]
            .into_iter()
            .filter(|r| g.grants_any(&["create", "get"], "", &[r]))
            .collect();
        if g.grants_any(&["update", "patch"], "", &["pods/ephemeralcontainers"]) {
            which.push("pods/ephemeralcontainers");
        }
        (!which.is_empty()).then(|| format!("can run commands in pods ({})", which.join(", ")))
    });
}
