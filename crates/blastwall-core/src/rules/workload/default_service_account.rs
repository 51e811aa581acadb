//! BW208 default-service-account: pods that run with the namespace's `default` service account token.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW208",
    name: "default-service-account",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &["cis:5.1.5", "nsa:authentication:service-accounts"],
    summary: "Pods run as the namespace's `default` service account, with its token mounted.",
    help: "create a service account for the workload (`serviceAccountName`), or set `automountServiceAccountToken: false`",
    docs: Docs {
        what: "Reports pod specs that use the `default` service account (no `serviceAccountName`, or `default`) \
while its token is mounted: neither the pod nor a `default` ServiceAccount in the inputs sets \
`automountServiceAccountToken: false`. Static pods (mirror pods, and the control plane's own pods) get no \
token and are not reported.",
        why: "Every pod of the namespace shares the `default` account: any permission granted to it for one \
workload is granted to all, and a breach of any pod can use it.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: report\n  namespace: shop\nspec:\n  containers:\n  - name: report\n    image: registry.example/report:1\n",
        remediation: "Give each workload its own ServiceAccount with only the permissions it needs; if it needs \
none, set `automountServiceAccountToken: false` on the pod.",
        references: &["https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    // A control-plane component's pod is a static pod: the kubelet runs it from a file, with no token.
    if !c.components.is_empty() {
        return;
    }
    let object = c.object;
    for pod in c.pods {
        if pod.service_account() == "default"
            && pod.mounts_token(c.inventory, object.oref.namespace.as_deref())
        {
            let path = pod.path_to("serviceAccountName");
            c.report(
                path,
                "the pods run as the `default` service account with its token mounted".to_owned(),
            );
        }
    }
}
