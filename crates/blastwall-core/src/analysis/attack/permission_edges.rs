//! The edges RBAC opens from one position (an identity, or a role an attacker bound to itself), each
//! decided by the authorizer's rule matching over the position's grants: run pods as the namespace's
//! service accounts (and take a node where Pod Security admits it), exec into or rewrite running pods and
//! workloads, read Secrets and token Secrets, create token Secrets, mint tokens, impersonate, bind or
//! escalate roles, the kubelet API, client certificates, admission webhooks and hostPath volumes.

use std::sync::Arc;

use super::grants::{Ask, Grant, Grants, Scopes};
use super::graph::{EdgeKind, Evidence, Evidences, NewEdges, RoleKey, Vertex};
use super::world::World;
use crate::analysis::rbac::{covers, PolicyRule, Role, SubjectKey};

const RBAC: &str = "rbac.authorization.k8s.io";
const CERTIFICATES: &str = "certificates.k8s.io";
const ADMISSION: &str = "admissionregistration.k8s.io";
const WRITE: &[&str] = &["update", "patch"];
const CREATE: &[&str] = &["create"];
const READ: &[&str] = &["get", "list", "watch"];

/// The kinds that make pods: (group, resource).
const POD_MAKERS: [(&str, &str); 8] = [
    ("", "pods"),
    ("apps", "deployments"),
    ("apps", "replicasets"),
    ("apps", "statefulsets"),
    ("apps", "daemonsets"),
    ("batch", "jobs"),
    ("batch", "cronjobs"),
    ("", "replicationcontrollers"),
];

fn ask<'a>(verbs: &'a [&'a str], group: &'a str, resource: &'a str) -> Ask<'a> {
    Ask {
        verbs,
        group,
        resource,
        name: "",
    }
}

/// Both lists of evidence, each piece once.
fn join(a: &Evidences, b: &Evidences) -> Evidences {
    let mut out: Vec<Evidence> = a.to_vec();
    for e in b.iter() {
        if !out.contains(e) {
            out.push(e.clone());
        }
    }
    out.into()
}

/// A scope as the hub of its namespace (`None`: every namespace).
fn scoped(namespace: Option<&str>) -> Option<String> {
    namespace.map(str::to_owned)
}

/// Adds every edge `grants` open from `from`; returns the roles it can bind to itself, as positions whose
/// own edges are still to be added.
pub fn add_permission_edges(
    graph: &mut NewEdges,
    from: &Vertex,
    grants: &Grants<'_>,
    world: &World<'_>,
) -> Vec<Vertex> {
    if let Some(why) = grants.cluster(&ask(&["*"], "*", "*")) {
        graph.edge(EdgeKind::Holds, from.clone(), Vertex::ClusterAdmin, &why);
        return Vec::new();
    }
    let makers: Vec<Ask<'_>> = POD_MAKERS.iter().map(|(g, r)| ask(CREATE, g, r)).collect();
    let create = grants.scopes(&makers);
    let rewriters: Vec<Ask<'_>> = POD_MAKERS[1..].iter().map(|(g, r)| ask(WRITE, g, r)).collect();
    let rewrite = grants.scopes(&rewriters);
    pod_edges(graph, from, &create, EdgeKind::CreatePod, world);
    pod_edges(graph, from, &rewrite, EdgeKind::ModifyWorkload, world);
    for (ns, why) in rewrite.each() {
        graph.edge(
            EdgeKind::ModifyWorkload,
            from.clone(),
            Vertex::WorkloadsOf(scoped(ns)),
            why,
        );
    }
    running_pod_edges(graph, from, grants, world);
    secret_edges(graph, from, grants, world);
    token_edges(graph, from, grants, world);
    relabel_edges(graph, from, grants, &create, world);
    cluster_edges(graph, from, grants, &create, world);
    let mut gained = escalate_edges(graph, from, grants);
    gained.extend(bind_edges(graph, from, grants, world));
    gained
}

/// Pods made in a scope run as any of its service accounts and mount any of its Secrets, and take a node
/// where Pod Security admits it.
fn pod_edges(graph: &mut NewEdges, from: &Vertex, scopes: &Scopes, kind: EdgeKind, world: &World<'_>) {
    for (ns, why) in scopes.each() {
        graph.edge(kind, from.clone(), Vertex::AccountsOf(scoped(ns)), why);
        graph.edge(kind, from.clone(), Vertex::Secrets(scoped(ns)), why);
        let admitted = match ns {
            None => world.any_admitting().map(|(_, a)| a),
            Some(ns) => world.admits(ns),
        };
        if let Some(admitted) = admitted {
            graph.edge(
                EdgeKind::PrivilegedPod,
                from.clone(),
                Vertex::Node,
                &join(why, admitted),
            );
        }
    }
}

/// Exec, attach and debug containers, and rewriting a running pod's image: code in the namespace's pods.
fn running_pod_edges(graph: &mut NewEdges, from: &Vertex, grants: &Grants<'_>, world: &World<'_>) {
    let exec = grants.scopes(&[
        ask(world.exec_verbs, "", "pods/exec"),
        ask(world.exec_verbs, "", "pods/attach"),
        ask(WRITE, "", "pods/ephemeralcontainers"),
    ]);
    for (ns, why) in exec.each() {
        graph.edge(EdgeKind::Exec, from.clone(), Vertex::WorkloadsOf(scoped(ns)), why);
    }
    for (ns, why) in grants.scopes(&[ask(WRITE, "", "pods")]).each() {
        graph.edge(
            EdgeKind::ModifyPod,
            from.clone(),
            Vertex::WorkloadsOf(scoped(ns)),
            why,
        );
    }
}

/// Reading Secrets, the token Secrets among them, and creating token Secrets that can be read back.
fn secret_edges(graph: &mut NewEdges, from: &Vertex, grants: &Grants<'_>, world: &World<'_>) {
    let read = grants.scopes(&[ask(READ, "", "secrets")]);
    for (ns, why) in read.each() {
        graph.edge(
            EdgeKind::ReadSecrets,
            from.clone(),
            Vertex::Secrets(scoped(ns)),
            why,
        );
    }
    for (ns, account) in &world.accounts.token_secrets {
        if let Some(why) = read.in_namespace(ns) {
            let to = Vertex::Identity(SubjectKey::ServiceAccount(ns.clone(), account.clone()));
            graph.edge(EdgeKind::ReadTokenSecret, from.clone(), to, why);
        }
    }
    let create = grants.scopes(&[ask(CREATE, "", "secrets")]);
    for (ns, why) in create.each() {
        let readable: Vec<(Option<&str>, &Evidences)> = match ns {
            Some(ns) => read.in_namespace(ns).map(|r| (Some(ns), r)).into_iter().collect(),
            None => read.each(),
        };
        for (where_, read_why) in readable {
            let to = Vertex::AccountsOf(scoped(where_));
            graph.edge(
                EdgeKind::CreateTokenSecret,
                from.clone(),
                to,
                &join(why, read_why),
            );
        }
    }
}

/// Minting tokens for and impersonating service accounts: any of a scope's, or those rules name.
fn token_edges(graph: &mut NewEdges, from: &Vertex, grants: &Grants<'_>, world: &World<'_>) {
    for (kind, verbs, resource) in [
        (EdgeKind::MintToken, CREATE, "serviceaccounts/token"),
        (EdgeKind::Impersonate, &["impersonate"][..], "serviceaccounts"),
    ] {
        let any = ask(verbs, "", resource);
        for (ns, why) in grants.scopes(&[any]).each() {
            graph.edge(kind, from.clone(), Vertex::AccountsOf(scoped(ns)), why);
        }
        for (ns, name, why) in grants.named(&any) {
            let namespaces: Vec<String> = match ns {
                Some(ns) => vec![ns],
                None => world
                    .accounts
                    .by_namespace
                    .iter()
                    .filter(|(_, names)| names.contains(&name))
                    .map(|(ns, _)| ns.clone())
                    .collect(),
            };
            for ns in namespaces {
                let to = Vertex::Identity(SubjectKey::ServiceAccount(ns, name.clone()));
                graph.edge(kind, from.clone(), to, &why);
            }
        }
    }
}

/// Where Pod Security refuses a pod that takes its node, relabelling the namespace (a RoleBinding there
/// can grant `patch` on the Namespace object itself) and then creating one.
fn relabel_edges(
    graph: &mut NewEdges,
    from: &Vertex,
    grants: &Grants<'_>,
    create: &Scopes,
    world: &World<'_>,
) {
    if create.is_empty() || graph.reaches(&Vertex::Node) {
        return;
    }
    for (ns, admits) in &world.namespaces {
        if admits.is_some() {
            continue;
        }
        let Some(create_why) = create.in_namespace(ns) else {
            continue;
        };
        let relabel = Ask {
            name: ns,
            ..ask(WRITE, "", "namespaces")
        };
        let cluster = grants.cluster(&relabel);
        let local = grants.scopes(&[relabel]).namespaces.get(ns).cloned();
        if let Some(why) = cluster.or(local) {
            graph.edge(
                EdgeKind::RelabelNamespace,
                from.clone(),
                Vertex::Node,
                &join(create_why, &why),
            );
            return;
        }
    }
}

/// Requests only a ClusterRoleBinding grants: impersonating users and groups, the kubelet API, client
/// certificates, admission webhooks and hostPath PersistentVolumes.
fn cluster_edges(
    graph: &mut NewEdges,
    from: &Vertex,
    grants: &Grants<'_>,
    create: &Scopes,
    world: &World<'_>,
) {
    let impersonate = |resource: &str, name: &str| {
        grants.cluster(&Ask {
            name,
            ..ask(&["impersonate"], "", resource)
        })
    };
    let some_user = grants.cluster(&ask(&["impersonate"], "", "users")).is_some()
        || !grants.named(&ask(&["impersonate"], "", "users")).is_empty()
        || grants
            .cluster(&ask(&["impersonate"], "", "serviceaccounts"))
            .is_some()
        || !grants
            .named(&ask(&["impersonate"], "", "serviceaccounts"))
            .is_empty();
    for user in &world.users {
        if let Some(why) = impersonate("users", user) {
            graph.edge(
                EdgeKind::Impersonate,
                from.clone(),
                Vertex::Identity(SubjectKey::User(user.clone())),
                &why,
            );
        }
    }
    if some_user {
        if let Some(why) = impersonate("groups", "system:masters") {
            graph.edge(EdgeKind::Impersonate, from.clone(), Vertex::ClusterAdmin, &why);
        }
        for group in world.groups.iter().filter(|g| *g != "system:masters") {
            if let Some(why) = impersonate("groups", group) {
                let to = Vertex::Identity(SubjectKey::Group(group.clone()));
                graph.edge(EdgeKind::Impersonate, from.clone(), to, &why);
            }
        }
    }
    if let Some(why) = grants.cluster(&ask(&["get", "create"], "", "nodes/proxy")) {
        graph.edge(
            EdgeKind::KubeletApi,
            from.clone(),
            Vertex::WorkloadsOf(None),
            &why,
        );
    }
    let csr = [
        grants.cluster(&ask(CREATE, CERTIFICATES, "certificatesigningrequests")),
        grants.cluster(&ask(WRITE, CERTIFICATES, "certificatesigningrequests/approval")),
        grants.cluster(&Ask {
            name: "kubernetes.io/kube-apiserver-client",
            ..ask(&["approve"], CERTIFICATES, "signers")
        }),
    ];
    if let [Some(a), Some(b), Some(c)] = &csr {
        graph.edge(
            EdgeKind::ClientCertificate,
            from.clone(),
            Vertex::ClusterAdmin,
            &join(&join(a, b), c),
        );
    }
    let webhook = |resource| grants.cluster(&ask(&["create", "update", "patch"], ADMISSION, resource));
    if let Some(why) = webhook("mutatingwebhookconfigurations") {
        graph.edge(
            EdgeKind::AdmissionWebhook,
            from.clone(),
            Vertex::WorkloadsOf(None),
            &why,
        );
    }
    if let Some(why) = webhook("validatingwebhookconfigurations") {
        graph.edge(
            EdgeKind::AdmissionWebhook,
            from.clone(),
            Vertex::Secrets(None),
            &why,
        );
    }
    if let (Some(pv), Some((_, pod_why))) = (
        grants.cluster(&ask(CREATE, "", "persistentvolumes")),
        create.each().first().copied(),
    ) {
        graph.edge(
            EdgeKind::HostPathVolume,
            from.clone(),
            Vertex::Node,
            &join(&pv, pod_why),
        );
    }
}

/// A role bound to the position that it may both rewrite and `escalate`: every permission in that
/// binding's scope. Returns the positions gained.
fn escalate_edges(graph: &mut NewEdges, from: &Vertex, grants: &Grants<'_>) -> Vec<Vertex> {
    let mut out = Vec::new();
    for grant in &grants.0 {
        let Some(role) = grant.role else { continue };
        let (resource, cluster_role) = match &role.namespace {
            None => ("clusterroles", true),
            Some(_) => ("roles", false),
        };
        if cluster_role && role.aggregation.is_some() {
            continue; // the aggregation controller rewrites its rules
        }
        let named = |verbs| Ask {
            name: &role.name,
            ..ask(verbs, RBAC, resource)
        };
        let allowed = |verbs| {
            let a = named(verbs);
            if cluster_role && grant.cluster {
                grants.cluster(&a)
            } else {
                let ns = role
                    .namespace
                    .as_deref()
                    .or(grant.namespace.as_deref())
                    .unwrap_or("");
                grants.scopes(&[a]).in_namespace(ns).cloned()
            }
        };
        if let (Some(escalate), Some(write)) = (allowed(&["escalate"]), allowed(WRITE)) {
            let to = Vertex::Holding {
                role: None,
                namespace: grant.namespace.clone(),
            };
            let kind = if cluster_role { "ClusterRole" } else { "Role" };
            let rewrite = Evidence::fact(format!(
                "rewrites {kind} {} (bound to it) with every permission",
                role.name
            ));
            let mut first = vec![rewrite];
            first.extend(grant.evidence.iter().cloned());
            let why = join(&join(&Arc::from(first), &escalate), &write);
            graph.edge(EdgeKind::EscalateRole, from.clone(), to.clone(), &why);
            out.push(to);
        }
    }
    out
}

/// Roles the position may bind to itself: `bind` on the role beside the right to write a binding there
/// (holding a role's permissions already also lets it be bound, but gains nothing, so covered roles are left
/// out; where a role of every permission can be bound, it stands for all). Returns the positions gained,
/// whose own edges are still to be added.
fn bind_edges(graph: &mut NewEdges, from: &Vertex, grants: &Grants<'_>, world: &World<'_>) -> Vec<Vertex> {
    let may_bind = grants.0.iter().flat_map(|g| g.rules).any(|rule| {
        rule.verbs.iter().any(|v| v == "bind" || v == "*")
            && rule
                .resources
                .iter()
                .any(|r| matches!(r.as_str(), "*" | "roles" | "clusterroles"))
    });
    if !may_bind {
        return Vec::new();
    }
    let write = ["create", "update", "patch"];
    // Where a binding can be written: `None` a ClusterRoleBinding, `*` a RoleBinding in any namespace.
    let mut places: Vec<(Option<String>, Evidences)> = Vec::new();
    if let Some(why) = grants.cluster(&ask(&write, RBAC, "clusterrolebindings")) {
        places.push((None, why));
    }
    for (ns, why) in grants.scopes(&[ask(&write, RBAC, "rolebindings")]).each() {
        places.push((Some(ns.unwrap_or("*").to_owned()), Arc::clone(why)));
    }
    let mut out = Vec::new();
    for (place, write_why) in places {
        let bind_why = |role: &Role| -> Option<Evidences> {
            let resource = if role.namespace.is_some() {
                "roles"
            } else {
                "clusterroles"
            };
            let bind = Ask {
                name: &role.name,
                ..ask(&["bind"], RBAC, resource)
            };
            match place.as_deref() {
                None => grants.cluster(&bind),
                Some("*") => grants.scopes(&[bind]).anywhere,
                Some(ns) => grants.scopes(&[bind]).in_namespace(ns).cloned(),
            }
        };
        let fits = |role: &Role| match (place.as_deref(), role.namespace.as_deref()) {
            (None, Some(_)) => false,
            (Some(ns), Some(own)) => ns == "*" || ns == own,
            _ => true,
        };
        let everything = world
            .everything
            .map(|i| &world.policy.roles[i])
            .and_then(|role| bind_why(role).map(|why| (role, why)));
        let chosen: Vec<(&Role, Evidences)> = if let Some(found) = everything {
            vec![found]
        } else {
            let held = held_rules(grants, place.as_deref());
            world
                .bindable
                .iter()
                .map(|&i| &world.policy.roles[i])
                .filter(|role| fits(role) && !covers(&held, &role.rules).0)
                .filter_map(|role| bind_why(role).map(|why| (role, why)))
                .collect()
        };
        for (role, bind_why) in chosen {
            let namespace = match (place.as_deref(), role.namespace.as_deref()) {
                (Some("*"), Some(own)) => Some(own.to_owned()),
                _ => place.clone(),
            };
            let to = Vertex::Holding {
                role: Some(RoleKey {
                    namespace: role.namespace.clone(),
                    name: role.name.clone(),
                }),
                namespace,
            };
            graph.edge(
                EdgeKind::BindRole,
                from.clone(),
                to.clone(),
                &join(&write_why, &bind_why),
            );
            out.push(to);
        }
    }
    out
}

/// The rules a position holds where a binding at `place` grants (`None`: cluster-wide; `*`: in whatever
/// namespace it picks, so only what it holds everywhere).
fn held_rules(grants: &Grants<'_>, place: Option<&str>) -> Vec<PolicyRule> {
    grants
        .0
        .iter()
        .filter(|g| match (place, g.namespace.as_deref()) {
            (None, _) => g.cluster,
            (Some(_), None) => true,
            (Some(ns), Some(own)) => ns == own,
        })
        .flat_map(|g| g.rules.iter().cloned())
        .collect()
}

/// Whether a role grants anything the graph follows, so that binding it to oneself could matter.
#[must_use]
pub fn worth_binding(role: &crate::analysis::rbac::Role, exec_verbs: &[&str]) -> bool {
    let grants = Grants(vec![Grant {
        rules: &role.rules,
        namespace: None,
        cluster: true,
        role: None,
        evidence: Vec::new(),
    }]);
    let asks = [
        ask(CREATE, "", "pods"),
        ask(CREATE, "apps", "deployments"),
        ask(exec_verbs, "", "pods/exec"),
        ask(READ, "", "secrets"),
        ask(CREATE, "", "serviceaccounts/token"),
        ask(&["impersonate"], "", "users"),
        ask(&["impersonate"], "", "serviceaccounts"),
        ask(&["get", "create"], "", "nodes/proxy"),
        ask(&["bind", "escalate"], RBAC, "clusterroles"),
        ask(WRITE, "", "pods"),
    ];
    !grants.scopes(&asks).is_empty()
}
