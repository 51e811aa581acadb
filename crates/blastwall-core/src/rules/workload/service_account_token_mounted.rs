//! BW209 service-account-token-mounted: a workload's own service account token mounted by default.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW209",
    name: "service-account-token-mounted",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &["cis:5.1.6", "nsa:authentication:service-accounts", "mitre:T1528"],
    summary: "Pods get an API token mounted without asking for it.",
    help: "set `automountServiceAccountToken: false` on the pod (or the ServiceAccount) unless it calls the API",
    docs: Docs {
        what: "Reports pod specs with a named service account whose token is mounted by default: neither the pod \
nor that ServiceAccount (when it is among the inputs) sets `automountServiceAccountToken`. Pods using the \
`default` account are reported by `default-service-account` instead. An explicit `true` is a decision and is not \
reported.",
        why: "Most applications never call the Kubernetes API, yet every pod gets a token by default. A breach of \
the pod hands that token, and every permission bound to the account, to the attacker.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n  - name: web\n    image: registry.example/web:1\n",
        remediation: "Set `automountServiceAccountToken: false` on the ServiceAccount or the pod. Workloads that call \
the API keep the token and get a Role with exactly the verbs they use.",
        references: &["https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    for pod in c.pods {
        let account = pod.service_account();
        let namespace = object.oref.namespace.as_deref();
        if account == "default" || pod.explicit_automount(c.inventory, namespace).is_some() {
            continue;
        }
        c.report(
            pod.path.key("serviceAccountName"),
            format!("the pods mount the token of service account `{account}` without asking for it"),
        );
    }
}
