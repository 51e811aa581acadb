//! The API server as the oracle of RBAC: random worlds of Roles, ClusterRoles (aggregated ones too),
//! bindings to users, groups and service accounts (resourceNames, subresources, non-resource URLs,
//! wildcards, built-in roles, roles that do not exist) are created in the test bed, and the same questions go to blastwall's authorizer (on
//! the same objects read offline, with the built-in policy) and to the server's SubjectAccessReview. Any
//! difference is printed with its world and fails the test.

mod common;

use std::sync::atomic::AtomicUsize;

use blastwall_core::analysis::rbac::{policy_of, KubeVersion, Request, User};
use blastwall_core::load::{load, Input};
use common::Rng;
use futures::stream::{self, StreamExt};
use k8s_openapi::api::authorization::v1::{
    NonResourceAttributes, ResourceAttributes, SubjectAccessReview, SubjectAccessReviewSpec,
};
use kube::api::{Api, PostParams};
use serde_json::{json, Value};

const WORLDS: usize = 25;
const QUESTIONS_PER_WORLD: usize = 220;

const GROUPS: &[&str] = &["", "apps", "batch", "*"];
const RESOURCES: &[&str] = &[
    "pods",
    "pods/log",
    "pods/exec",
    "pods/*",
    "secrets",
    "configmaps",
    "deployments",
    "deployments/scale",
    "*/scale",
    "jobs",
    "namespaces",
    "*",
];
const VERBS: &[&str] = &[
    "get",
    "list",
    "watch",
    "create",
    "update",
    "patch",
    "delete",
    "deletecollection",
    "impersonate",
    "*",
];
const URLS: &[&str] = &["/healthz", "/logs/*", "/api/*", "/version", "*"];
const BUILT_IN_ROLES: &[&str] = &["view", "edit", "admin", "cluster-admin", "system:basic-user"];

/// The names of world `n`.
struct World {
    namespaces: [String; 2],
    users: Vec<String>,
    groups: Vec<String>,
    accounts: Vec<(String, String)>,
}

impl World {
    fn new(run: u64, n: usize) -> Self {
        let p = format!("r{run:x}w{n}");
        Self {
            namespaces: [format!("{p}-a"), format!("{p}-b")],
            users: vec![format!("{p}-alice"), format!("{p}-bob"), format!("{p}-carol")],
            groups: vec![format!("{p}-dev"), format!("{p}-ops")],
            accounts: vec![
                (format!("{p}-a"), "robot".into()),
                (format!("{p}-b"), "builder".into()),
            ],
        }
    }
}

fn rule(rng: &mut Rng, cluster: bool) -> Value {
    if cluster && rng.chance(15) {
        return json!({"nonResourceURLs": rng.some(URLS, 2), "verbs": rng.some(&["get", "post", "*"], 2)});
    }
    let mut rule = json!({
        "apiGroups": rng.some(GROUPS, 2),
        "resources": rng.some(RESOURCES, 3),
        "verbs": rng.some(VERBS, 3),
    });
    if rng.chance(20) {
        rule["resourceNames"] = json!(rng.some(&["x", "y"], 2));
    }
    rule
}

fn rules(rng: &mut Rng, cluster: bool) -> Vec<Value> {
    (0..=rng.below(3)).map(|_| rule(rng, cluster)).collect()
}

fn subjects(rng: &mut Rng, world: &World) -> Vec<Value> {
    (0..=rng.below(3))
        .map(|_| match rng.below(3) {
            0 => json!({"kind": "User", "name": rng.pick(&world.users), "apiGroup": "rbac.authorization.k8s.io"}),
            1 => json!({"kind": "Group", "name": rng.pick(&world.groups), "apiGroup": "rbac.authorization.k8s.io"}),
            _ => {
                let (ns, name) = rng.pick(&world.accounts);
                json!({"kind": "ServiceAccount", "name": name, "namespace": ns})
            }
        })
        .collect()
}

/// The objects of a world: two namespaces, Roles and ClusterRoles, bindings (to them, to built-in roles and
/// to roles that do not exist).
fn objects(rng: &mut Rng, world: &World, p: &str) -> Vec<Value> {
    let mut out: Vec<Value> = world
        .namespaces
        .iter()
        .map(|ns| json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}))
        .collect();
    let mut cluster_roles: Vec<String> = (0..=rng.below(3)).map(|i| format!("{p}-cr{i}")).collect();
    let aggregate = format!("{p}-aggregate");
    for name in &cluster_roles {
        let mut role = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
            "metadata": {"name": name}, "rules": rules(rng, true)});
        if rng.chance(50) {
            role["metadata"]["labels"] = json!({&aggregate: "true"});
        }
        out.push(role);
    }
    // A ClusterRole made of the labelled ones by the controller-manager, as admin, edit and view are.
    out.push(
        json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
        "metadata": {"name": &aggregate},
        "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {&aggregate: "true"}}]}}),
    );
    cluster_roles.push(aggregate);
    let role_ref = |rng: &mut Rng, roles: &[String]| -> Value {
        match rng.below(10) {
            0 => {
                json!({"kind": "ClusterRole", "name": rng.pick(BUILT_IN_ROLES), "apiGroup": "rbac.authorization.k8s.io"})
            }
            1 => {
                json!({"kind": "ClusterRole", "name": format!("{p}-missing"), "apiGroup": "rbac.authorization.k8s.io"})
            }
            2..=4 if !roles.is_empty() => {
                json!({"kind": "Role", "name": rng.pick(roles), "apiGroup": "rbac.authorization.k8s.io"})
            }
            _ => {
                json!({"kind": "ClusterRole", "name": rng.pick(&cluster_roles), "apiGroup": "rbac.authorization.k8s.io"})
            }
        }
    };
    for ns in &world.namespaces {
        let roles: Vec<String> = (0..rng.below(3)).map(|i| format!("role{i}")).collect();
        for name in &roles {
            out.push(
                json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                "metadata": {"name": name, "namespace": ns}, "rules": rules(rng, false)}),
            );
        }
        for i in 0..=rng.below(3) {
            let reference = role_ref(rng, &roles);
            out.push(
                json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                "metadata": {"name": format!("binding{i}"), "namespace": ns},
                "subjects": subjects(rng, world), "roleRef": reference}),
            );
        }
    }
    for i in 0..rng.below(3) {
        let reference = role_ref(rng, &[]);
        out.push(json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": {"name": format!("{p}-crb{i}")}, "subjects": subjects(rng, world), "roleRef": reference}));
    }
    out
}

/// Who asks: a user with some of the world's groups (and sometimes `system:authenticated`), or a service
/// account with the groups the API server gives it.
fn asker(rng: &mut Rng, world: &World) -> User {
    if rng.chance(30) {
        let (ns, name) = rng.pick(&world.accounts).clone();
        return User {
            name: format!("system:serviceaccount:{ns}:{name}"),
            groups: vec![
                "system:serviceaccounts".into(),
                format!("system:serviceaccounts:{ns}"),
                "system:authenticated".into(),
            ],
        };
    }
    let mut groups: Vec<String> = world.groups.iter().filter(|_| rng.chance(40)).cloned().collect();
    if rng.chance(50) {
        groups.push("system:authenticated".into());
    }
    User {
        name: rng.pick(&world.users).clone(),
        groups,
    }
}

const ASKED: &[(&str, &str, &str)] = &[
    ("", "pods", ""),
    ("", "pods", "log"),
    ("", "pods", "exec"),
    ("", "secrets", ""),
    ("", "configmaps", ""),
    ("", "namespaces", ""),
    ("apps", "deployments", ""),
    ("apps", "deployments", "scale"),
    ("apps", "replicasets", "scale"),
    ("batch", "jobs", ""),
    ("rbac.authorization.k8s.io", "roles", ""),
    ("authorization.k8s.io", "selfsubjectaccessreviews", ""),
];

fn question(rng: &mut Rng, world: &World) -> Request {
    if rng.chance(12) {
        return Request::NonResource {
            verb: (*rng.pick(&["get", "post"])).to_owned(),
            path: (*rng.pick(&["/healthz", "/logs/app", "/api/v1", "/version", "/metrics"])).to_owned(),
        };
    }
    let (group, resource, subresource) = *rng.pick(ASKED);
    let namespace = match rng.below(5) {
        0 => String::new(),
        i => world.namespaces[i % 2].clone(),
    };
    Request::Resource {
        verb: (*rng.pick(&[
            "get",
            "list",
            "watch",
            "create",
            "update",
            "patch",
            "delete",
            "impersonate",
            "*",
        ]))
        .to_owned(),
        api_group: group.to_owned(),
        resource: resource.to_owned(),
        subresource: subresource.to_owned(),
        name: (*rng.pick(&["", "", "x", "z"])).to_owned(),
        namespace,
    }
}

fn review(user: &User, request: &Request) -> SubjectAccessReview {
    let mut spec = SubjectAccessReviewSpec {
        user: Some(user.name.clone()),
        groups: Some(user.groups.clone()),
        ..SubjectAccessReviewSpec::default()
    };
    match request {
        Request::Resource {
            verb,
            api_group,
            resource,
            subresource,
            name,
            namespace,
        } => {
            spec.resource_attributes = Some(ResourceAttributes {
                verb: Some(verb.clone()),
                group: Some(api_group.clone()),
                resource: Some(resource.clone()),
                subresource: Some(subresource.clone()),
                name: Some(name.clone()),
                namespace: Some(namespace.clone()),
                ..ResourceAttributes::default()
            });
        }
        Request::NonResource { verb, path } => {
            spec.non_resource_attributes = Some(NonResourceAttributes {
                verb: Some(verb.clone()),
                path: Some(path.clone()),
            });
        }
    }
    SubjectAccessReview {
        spec,
        ..SubjectAccessReview::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
async fn can_i_answers_as_the_api_server_does() {
    let mut rng = Rng::from_env(20_261_205);
    // Names differ from run to run (a test bed may serve several runs); the worlds and questions do not.
    let run = common::run_id();
    let client = common::client().await;
    let reviews: Api<SubjectAccessReview> = Api::all(client.clone());
    let (mut asked, mut allowed, mut differences) = (0, 0, Vec::new());
    for n in 0..WORLDS {
        let world = World::new(run, n);
        let prefix = format!("r{run:x}w{n}");
        let objects = objects(&mut rng, &world, &prefix);
        common::create_all(&client, &objects).await;
        common::wait_for_aggregation(&client, &objects).await;
        let text = common::as_documents(&objects);
        let input = Input::Text {
            name: format!("{prefix}.yaml"),
            bytes: text.clone().into_bytes(),
        };
        let inventory = load(vec![input], &AtomicUsize::new(0));
        let policy = policy_of(&inventory, Some(KubeVersion::LATEST));
        let questions: Vec<(User, Request)> = (0..QUESTIONS_PER_WORLD)
            .map(|_| (asker(&mut rng, &world), question(&mut rng, &world)))
            .collect();
        let answers: Vec<bool> = stream::iter(&questions)
            .map(|(user, request)| {
                let reviews = reviews.clone();
                async move {
                    let answer = reviews
                        .create(&PostParams::default(), &review(user, request))
                        .await
                        .expect("the server reviews");
                    answer.status.is_some_and(|s| s.allowed)
                }
            })
            .buffered(16)
            .collect()
            .await;
        for ((user, request), server) in questions.iter().zip(answers) {
            asked += 1;
            allowed += usize::from(server);
            let blastwall = policy.allows(user, request).is_some();
            if blastwall != server {
                differences.push(format!(
                    "--- world {prefix}:\n{text}\n--- {user:?} asks {request:?}: server {server}, blastwall {blastwall}"
                ));
            }
        }
    }
    println!(
        "compared {asked} questions ({allowed} allowed) with the API server's SubjectAccessReview: {} differences",
        differences.len()
    );
    assert!(asked >= 5_000, "only {asked} questions");
    assert!(
        allowed * 20 > asked && allowed * 20 < asked * 19,
        "the questions should be neither all yes nor all no"
    );
    // Each difference's question, then the first one's world in full.
    for d in differences.iter().take(50) {
        eprintln!("{}", d.lines().last().unwrap_or(""));
    }
    assert!(
        differences.is_empty(),
        "{} differences; the first:\n{}",
        differences.len(),
        differences[0]
    );
}
