//! The API server as the oracle of NetworkPolicy validation: random policies (selectors with good and bad
//! keys, values and operators; policyTypes; peers with ipBlocks in strict and lax forms and excepts inside
//! and outside; ports by number, name and range) are created with a server-side dry run, and whether the
//! server accepts each is compared with whether blastwall reports it as one the API server refuses.

mod common;

use std::sync::atomic::AtomicUsize;

use blastwall_core::analysis::netpol::network_of;
use blastwall_core::load::{load, Input};
use common::Rng;
use serde_json::{json, Value};

const POLICIES: usize = 1_200;

/// Each choice is refused one time in `ODD` or so: most policies stay valid, so both answers are common.
const ODD: u64 = 10;

fn selector(rng: &mut Rng) -> Value {
    if !rng.chance(ODD) {
        return rng
            .pick(&[
                json!({}),
                json!({"matchLabels": {"app": "web"}}),
                json!({"matchLabels": {"app.kubernetes.io/name": "web", "tier": ""}}),
                json!({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]}),
                json!({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}),
            ])
            .clone();
    }
    rng.pick(&[
        json!({"matchLabels": {"bad key": "web"}}),
        json!({"matchLabels": {"app": "-web"}}),
        json!({"matchLabels": {"Example.com/app": "web"}}),
        json!({"matchExpressions": [{"key": "tier", "operator": "In", "values": []}]}),
        json!({"matchExpressions": [{"key": "tier", "operator": "Exists", "values": ["a"]}]}),
        json!({"matchExpressions": [{"key": "tier", "operator": "Has"}]}),
        json!({"matchExpressions": [{"key": "example.com/tier", "operator": "NotIn", "values": ["a b"]}]}),
    ])
    .clone()
}

const CIDRS: &[&str] = &[
    "10.0.0.1/8",
    "10.0.0.0/08",
    "10.0.0.0/33",
    "::ffff:10.0.0.0/104",
    "",
    "not-a-cidr",
];

fn cidr(rng: &mut Rng) -> &'static str {
    let valid: &[&'static str] = &["10.0.0.0/8", "2001:db8::/32", "0.0.0.0/0", "192.168.0.0/16"];
    let choices = if rng.chance(ODD) { CIDRS } else { valid };
    choices[rng.below(choices.len())]
}

fn peer(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 if rng.chance(ODD) => json!({}),
        1 => json!({"podSelector": selector(rng)}),
        2 => json!({"namespaceSelector": selector(rng), "podSelector": selector(rng)}),
        3 if rng.chance(ODD) => json!({"ipBlock": {"cidr": cidr(rng)}, "podSelector": {}}),
        0 | 3 => json!({"podSelector": {}}),
        _ => {
            let mut block = json!({"cidr": cidr(rng)});
            if rng.chance(60) {
                let except = [
                    "10.1.0.0/16",
                    "10.0.0.0/8",
                    "192.168.0.0/16",
                    "10.1.2.3/16",
                    "2001:db8:1::/48",
                    "10.1.0.0/016",
                ];
                block["except"] = json!([rng.pick(&except)]);
            }
            json!({"ipBlock": block})
        }
    }
}

fn port(rng: &mut Rng) -> Value {
    if !rng.chance(ODD) {
        return rng
            .pick(&[
                json!({"port": 80}),
                json!({"port": "http"}),
                json!({"port": 80, "endPort": 90}),
                json!({"protocol": "UDP", "port": 53}),
                json!({"protocol": "SCTP", "port": 1}),
            ])
            .clone();
    }
    rng.pick(&[
        json!({"port": "HTTP"}),
        json!({"port": "80"}),
        json!({"port": "web--ui"}),
        json!({"port": 0}),
        json!({"port": 70000}),
        json!({"port": 90, "endPort": 80}),
        json!({"endPort": 90}),
        json!({"port": "http", "endPort": 90}),
        json!({"protocol": "ICMP"}),
    ])
    .clone()
}

fn rule(rng: &mut Rng, peers_key: &str) -> Value {
    let mut rule = json!({});
    if rng.chance(70) {
        rule[peers_key] = json!((0..=rng.below(2)).map(|_| peer(rng)).collect::<Vec<_>>());
    }
    if rng.chance(60) {
        rule["ports"] = json!((0..=rng.below(2)).map(|_| port(rng)).collect::<Vec<_>>());
    }
    rule
}

fn policy(rng: &mut Rng, n: usize, namespace: &str) -> Value {
    let mut spec = json!({"podSelector": selector(rng)});
    if rng.chance(50) {
        spec["policyTypes"] = rng
            .pick(&[
                json!(["Ingress"]),
                json!(["Egress"]),
                json!(["Ingress", "Egress"]),
                json!([]),
            ])
            .clone();
        if rng.chance(ODD) {
            spec["policyTypes"] = rng
                .pick(&[json!(["Ingress", "Egress", "Ingress"]), json!(["Sideways"])])
                .clone();
        }
    }
    if rng.chance(70) {
        spec["ingress"] = json!((0..=rng.below(1)).map(|_| rule(rng, "from")).collect::<Vec<_>>());
    }
    if rng.chance(40) {
        spec["egress"] = json!((0..=rng.below(1)).map(|_| rule(rng, "to")).collect::<Vec<_>>());
    }
    json!({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
        "metadata": {"name": format!("p{n}"), "namespace": namespace}, "spec": spec})
}

/// Compares the server's verdict on each object with blastwall's: every object answered, neither all
/// accepted nor all refused, and no difference (the first 30 printed).
fn assert_same_verdicts(what: &str, objects: &[Value], answers: Vec<Result<bool, String>>) {
    let (mut accepted, mut differences) = (0, Vec::new());
    for (object, answer) in objects.iter().zip(answers) {
        let server = answer.expect("the server answers 200 or 422");
        accepted += usize::from(server);
        let ours = blastwall_accepts(object);
        if ours != server {
            differences.push(format!("server accepts {server}, blastwall {ours}: {object}"));
        }
    }
    let count = objects.len();
    println!(
        "compared {count} {what} ({accepted} accepted) with the API server's validation: {} differences",
        differences.len()
    );
    for d in differences.iter().take(30) {
        eprintln!("{d}");
    }
    assert!(
        accepted * 10 > count && accepted * 10 < count * 9,
        "neither all accepted nor all refused"
    );
    assert!(
        differences.is_empty(),
        "{} differences; the first: {}",
        differences.len(),
        differences[0]
    );
}

/// blastwall's answer: the object is one the API server accepts (no invalid manifest, no policy problem).
fn blastwall_accepts(object: &Value) -> bool {
    let input = Input::Text {
        name: "object.json".into(),
        bytes: serde_json::to_vec(object).expect("JSON"),
    };
    let inventory = load(vec![input], &AtomicUsize::new(0));
    let (_, problems) = network_of(&inventory, false);
    inventory.invalid.is_empty() && problems.is_empty()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
async fn network_policies_are_refused_as_the_api_server_refuses_them() {
    let mut rng = Rng::from_env(20_261_205);
    let namespace = format!("valid{:x}", common::run_id());
    let client = common::client().await;
    common::create_all(
        &client,
        &[json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}})],
    )
    .await;
    let policies: Vec<Value> = (0..POLICIES).map(|n| policy(&mut rng, n, &namespace)).collect();
    let answers = common::dry_run_all(&client, &policies, |status| status.code == 422).await;
    assert_same_verdicts("NetworkPolicies", &policies, answers);
}

const RBAC_OBJECTS: usize = 800;

fn rbac_rule(rng: &mut Rng, cluster: bool) -> Value {
    let mut rule = if cluster && rng.chance(20) {
        json!({"nonResourceURLs": ["/healthz"], "verbs": ["get"]})
    } else {
        json!({"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]})
    };
    if rng.chance(ODD) {
        match rng.below(5) {
            0 => rule["verbs"] = json!([]),
            1 => rule
                .as_object_mut()
                .expect("a rule")
                .remove("apiGroups")
                .map_or((), |_| ()),
            2 => rule["resources"] = json!([]),
            3 => rule["nonResourceURLs"] = json!(["/metrics"]),
            _ => rule["resourceNames"] = json!(["x"]),
        }
    }
    rule
}

fn subject(rng: &mut Rng, cluster: bool) -> Value {
    let mut subject = match rng.below(3) {
        0 => json!({"kind": "User", "name": "alice", "apiGroup": "rbac.authorization.k8s.io"}),
        1 => json!({"kind": "Group", "name": "dev"}),
        _ => json!({"kind": "ServiceAccount", "name": "robot", "namespace": "shop"}),
    };
    if rng.chance(ODD) {
        match rng.below(5) {
            0 => subject["kind"] = json!("Robot"),
            1 => subject["name"] = json!(""),
            2 => {
                subject["apiGroup"] = json!(if subject["kind"] == "ServiceAccount" {
                    "v1"
                } else {
                    "example.com"
                });
            }
            3 if cluster => subject
                .as_object_mut()
                .expect("a subject")
                .remove("namespace")
                .map_or((), |_| ()),
            _ => {
                subject["name"] = json!(if subject["kind"] == "ServiceAccount" {
                    "Robot_1"
                } else {
                    "any name"
                });
            }
        }
    }
    subject
}

fn rbac_object(rng: &mut Rng, n: usize, namespace: &str, run: u64) -> Value {
    let api_version = "rbac.authorization.k8s.io/v1";
    let kind = *rng.pick(&["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);
    let cluster = kind.starts_with("Cluster");
    let mut object =
        json!({"apiVersion": api_version, "kind": kind, "metadata": {"name": format!("v{run:x}-{n}")}});
    if !cluster {
        object["metadata"]["namespace"] = json!(namespace);
    }
    if kind.ends_with("Role") {
        object["rules"] = json!((0..=rng.below(2))
            .map(|_| rbac_rule(rng, cluster))
            .collect::<Vec<_>>());
        if cluster && rng.chance(15) {
            let selectors = if rng.chance(ODD) {
                json!([])
            } else {
                json!([{"matchLabels": {"example.com/aggregate": "true"}}])
            };
            object["aggregationRule"] = json!({"clusterRoleSelectors": selectors});
        }
        return object;
    }
    let mut role_ref =
        json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"});
    if !cluster && rng.chance(40) {
        role_ref["kind"] = json!("Role");
        role_ref["name"] = json!("reader");
    }
    if rng.chance(ODD) {
        match rng.below(5) {
            0 => role_ref["apiGroup"] = json!("rbac.example.com"),
            1 => role_ref["apiGroup"] = json!(""),
            2 => role_ref["kind"] = json!(if cluster { "Role" } else { "Thing" }),
            3 => role_ref["name"] = json!(""),
            _ => role_ref["name"] = json!("a/b"),
        }
    }
    object["roleRef"] = role_ref;
    object["subjects"] = json!((0..=rng.below(2))
        .map(|_| subject(rng, cluster))
        .collect::<Vec<_>>());
    object
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
async fn rbac_objects_are_refused_as_the_api_server_refuses_them() {
    let mut rng = Rng::from_env(20_261_205);
    let run = common::run_id();
    let namespace = format!("rbacvalid{run:x}");
    let client = common::client().await;
    common::create_all(
        &client,
        &[json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}})],
    )
    .await;
    let objects: Vec<Value> = (0..RBAC_OBJECTS)
        .map(|n| rbac_object(&mut rng, n, &namespace, run))
        .collect();
    let answers = common::dry_run_all(&client, &objects, |status| status.code == 422).await;
    assert_same_verdicts("RBAC objects", &objects, answers);
}
