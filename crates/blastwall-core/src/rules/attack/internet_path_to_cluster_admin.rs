//! BW601 internet-path-to-cluster-admin: a workload the internet reaches has a path to cluster-admin power.

use crate::analysis::attack::{one_line, EdgeKind, Vertex};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW601",
    name: "internet-path-to-cluster-admin",
    category: Category::AttackPath,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["mitre:T1190", "mitre:T1078", "mitre:T1611"],
    summary: "A workload reachable from the internet has a path to cluster-admin power.",
    help: "cut the path at its cheapest step: stop mounting the token, drop the permission or the escape, or close the way in",
    docs: Docs {
        what: "Joins the exposure engine (load balancers, node ports, external IPs, Ingresses, host ports and host \
network, only where NetworkPolicies admit the traffic) with the attack graph: from each exposed workload (its \
running containers: an init container has exited before the pod serves), the shortest path (up to eight \
steps) to full power over the cluster, through its service account's token and what RBAC lets that account do, or through an escape to the node and the tokens of the pods the node can run. The \
message carries the path; `blastwall paths --from NS/WORKLOAD` prints each step with its evidence.",
        why: "A remote code execution in an exposed service is the most common start of a cluster breach. When \
that workload leads to cluster-admin, one bug in one service is the whole cluster.",
        example: "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  type: LoadBalancer\n  selector: {app: web}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\nspec:\n  serviceAccountName: web\n  containers: [{name: web, image: registry.example/web:1, ports: [{containerPort: 80}]}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: web-admin}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: ServiceAccount, name: web, namespace: shop}]\n",
        remediation: "Break the path where it is cheapest: set `automountServiceAccountToken: false` on a workload \
that does not call the API, give its account only what it uses, remove the privileged settings that reach the \
node, or restrict the way in (loadBalancerSourceRanges, an ingress NetworkPolicy).",
        references: &["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    if c.pods.is_empty() {
        return;
    }
    let (built, toward) = c.analyses.attack();
    let graph = &built.graph;
    // The internet lands in the running containers where only an init container takes the node.
    let Some((door, path)) = [Vertex::Serving(c.id), Vertex::Workload(c.id)]
        .iter()
        .filter_map(|v| graph.find(v))
        .find_map(|me| {
            let door = graph.into[me as usize]
                .iter()
                .map(|&e| &graph.edges[e as usize])
                .find(|e| e.kind == EdgeKind::Exposed)?;
            Some((door, toward.path(graph, me)?))
        })
    else {
        return;
    };
    let way_in = door.evidence.first().map_or(String::new(), |e| e.note.clone());
    let at = c.pods[0].path.clone();
    c.report(
        at,
        format!(
            "{way_in}; from there cluster-admin in {} steps: {}",
            path.steps.len(),
            one_line(&path, graph, c.inventory)
        ),
    );
}
