//! BW414 exposed-workload-runs-as-root: a workload the outside can reach runs privileged or as root.

use crate::analysis::netpol::{Admission, Door};
use crate::analysis::pss::{evaluate, Level};
use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW414",
    name: "exposed-workload-runs-as-root",
    category: Category::Network,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["nsa:pod-security:non-root", "mitre:T1190", "mitre:T1611"],
    summary: "A workload reachable from outside the cluster runs privileged or may run as root.",
    help: "run the exposed containers as a non-root user without privileges (`runAsNonRoot: true`)",
    docs: Docs {
        what: "Reports workloads reachable from outside the cluster (through a LoadBalancer, NodePort or \
externalIPs Service, an Ingress, host networking or a host port, with NetworkPolicies that do not block it) \
whose containers are privileged, run as UID 0, or are not required to run as non-root.",
        why: "The exposed workload is the first one an attacker reaches; if it runs as root or privileged, a \
remote code execution becomes root in the container, and with privileges the node.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels: {app: web}\nspec:\n  containers:\n  - name: web\n    image: registry.example/web:1.0\n    securityContext:\n      privileged: true\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: LoadBalancer\n  selector: {app: web}\n  ports:\n  - port: 443\n",
        remediation: "Set `runAsNonRoot: true` and a non-zero `runAsUser`, drop `privileged`, and build the image \
with a non-root `USER`.",
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
    },
    optional: false,
};

fn door(d: &Door) -> &'static str {
    match d {
        Door::LoadBalancer { .. } => "a load balancer",
        Door::NodePort(_) => "a node port",
        Door::ExternalIp(_) => "an external IP",
        Door::Ingress { .. } => "an Ingress",
        Door::HostNetwork => "host networking",
        Door::HostPort(_) => "a host port",
    }
}

pub(super) fn check(c: &mut Check<'_>) {
    if c.pods.is_empty() {
        return;
    }
    let mut doors: Vec<&'static str> = c
        .exposures()
        .iter()
        .filter(|e| e.admission != Admission::Closed)
        .map(|e| door(&e.door))
        .collect();
    doors.sort_unstable();
    doors.dedup();
    if doors.is_empty() {
        return;
    }
    let mut reasons: Vec<&'static str> = Vec::new();
    for spec in c.pods {
        for v in evaluate(spec, Level::Restricted, c.pss_version) {
            let reason = match v.check {
                "privileged" => "privileged",
                "runAsUser" => "runs as UID 0",
                "runAsNonRoot" => "may run as root",
                _ => continue,
            };
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
    }
    if reasons.is_empty() {
        return;
    }
    c.report(
        FieldPath::keys(&["metadata", "name"]),
        format!(
            "reachable from outside the cluster through {} and {}",
            doors.join(", "),
            reasons.join(", ")
        ),
    );
}
