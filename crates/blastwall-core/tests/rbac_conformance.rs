//! RBAC semantics against the upstream authorizer's own test tables, transcribed as data in
//! `../shared/conformance/rbac-upstream/`: rule matching, the authorizer over roles and bindings, subject
//! matching, rule resolution, aggregation, `Covers`, and request sequences with the binding escalation
//! check. Skips with a reason when the data is absent.

use std::path::{Path, PathBuf};

use blastwall_core::analysis::rbac::{
    aggregate, applies_to, covers, non_resource_url_covers, rule_allows, Binding, Policy, PolicyRule,
    Request, Role, RoleRef, Subject, User,
};
use blastwall_core::model::LabelSelector;
use blastwall_core::source::{Outcome, Source};
use serde_json::Value;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/rbac-upstream")
}

fn load(file: &str) -> Value {
    let path = data_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("json")
}

fn rule(v: &Value) -> PolicyRule {
    serde_json::from_value(v.clone()).expect("a policy rule")
}

fn rules(v: &Value) -> Vec<PolicyRule> {
    v.as_array()
        .map(|a| a.iter().map(rule).collect())
        .unwrap_or_default()
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_owned()
}

fn request(v: &Value) -> Request {
    if v["resourceRequest"].as_bool().unwrap_or(true) {
        Request::Resource {
            verb: text(v, "verb"),
            api_group: text(v, "apiGroup"),
            resource: text(v, "resource"),
            subresource: text(v, "subresource"),
            name: text(v, "name"),
            namespace: text(v, "namespace"),
        }
    } else {
        Request::NonResource {
            verb: text(v, "verb"),
            path: text(v, "path"),
        }
    }
}

fn selector(v: &Value) -> LabelSelector {
    let yaml = serde_json::to_string(v).expect("json");
    let source = Source::new("selector".into(), None, yaml.into_bytes()).expect("decodes");
    match source.documents().remove(0).parsed.outcome {
        Outcome::Value(node) => LabelSelector::from_node(&node),
        other => panic!("{other:?}"),
    }
}

fn role(v: &Value, namespace: Option<String>) -> Role {
    Role {
        namespace,
        name: text(v, "name"),
        labels: v
            .get("labels")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        rules: rules(&v["rules"]),
        aggregation: v.get("aggregationRule").map(|a| {
            a["clusterRoleSelectors"]
                .as_array()
                .map(|s| s.iter().map(selector).collect())
                .unwrap_or_default()
        }),
        object: None,
    }
}

fn binding(v: &Value, cluster: bool) -> Binding {
    Binding {
        namespace: if cluster { None } else { Some(text(v, "namespace")) },
        name: text(v, "name"),
        role_ref: serde_json::from_value::<RoleRef>(v["roleRef"].clone()).expect("roleRef"),
        subjects: serde_json::from_value::<Vec<Subject>>(v["subjects"].clone()).unwrap_or_default(),
        object: None,
    }
}

fn policy(v: &Value) -> Policy {
    let list = |key: &str| v.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let mut roles: Vec<Role> = list("roles")
        .iter()
        .map(|r| role(r, Some(text(r, "namespace"))))
        .collect();
    roles.extend(list("clusterRoles").iter().map(|r| role(r, None)));
    let mut bindings: Vec<Binding> = list("roleBindings").iter().map(|b| binding(b, false)).collect();
    bindings.extend(list("clusterRoleBindings").iter().map(|b| binding(b, true)));
    Policy::new(roles, bindings)
}

#[test]
#[cfg_attr(not(shared_conformance), ignore = "../shared/conformance is absent")]
fn rule_matches() {
    let data = load("rule_matches.json");
    let mut checked = 0;
    for case in data["cases"].as_array().expect("cases") {
        let r = rule(&case["rule"]);
        for req in case["requests"].as_array().expect("requests") {
            let want = req["expected"].as_bool().expect("expected");
            assert_eq!(rule_allows(&r, &request(req)), want, "{}: {req}", case["name"]);
            checked += 1;
        }
    }
    println!("rule_matches: {checked} requests");
}

#[test]
#[cfg_attr(not(shared_conformance), ignore = "../shared/conformance is absent")]
fn authorizer() {
    let data = load("authorizer.json");
    let mut checked = 0;
    for case in data["cases"].as_array().expect("cases") {
        let p = policy(case);
        for (key, want) in [("should_allow", true), ("should_deny", false)] {
            for req in case[key].as_array().into_iter().flatten() {
                let groups: Vec<String> = req["groups"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|g| g.as_str().map(str::to_owned))
                    .collect();
                let user = User {
                    name: text(req, "user"),
                    groups,
                };
                let r = request(req);
                assert_eq!(
                    p.allows(&user, &r).is_some(),
                    want,
                    "{} {key}: {req}",
                    case["name"]
                );
                checked += 1;
            }
        }
    }
    println!("authorizer: {checked} requests");
}

#[test]
#[cfg_attr(not(shared_conformance), ignore = "../shared/conformance is absent")]
fn subjects_apply() {
    let data = load("applies_to.json");
    for case in data["cases"].as_array().expect("cases") {
        let subjects: Vec<Subject> = serde_json::from_value(case["subjects"].clone()).expect("subjects");
        let user: User = serde_json::from_value(case["user"].clone()).expect("user");
        let got = applies_to(&user, &subjects, &text(case, "namespace"));
        let want = case["applies"]
            .as_bool()
            .expect("applies")
            .then(|| case["index"].as_u64().unwrap_or(0) as usize);
        assert_eq!(got, want, "{}", case["name"]);
    }
}

#[test]
#[cfg_attr(not(shared_conformance), ignore = "../shared/conformance is absent")]
fn rules_for() {
    let data = load("rules_for.json");
    let p = policy(&data["objects"]);
    for case in data["cases"].as_array().expect("cases") {
        let user: User = serde_json::from_value(case["user"].clone()).expect("user");
        let namespace = text(case, "namespace");
        let mut got: Vec<String> = p
            .rules_for(&user, &namespace)
            .filter_map(|g| g.rule)
            .map(|r| format!("{r:?}"))
            .collect();
        let mut want: Vec<String> = rules(&case["effective_rules"])
            .iter()
            .map(|r| format!("{r:?}"))
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{:?} in {namespace:?}", user.name);
    }
}

#[test]
#[cfg_attr(not(shared_conformance), ignore = "../shared/conformance is absent")]
fn aggregation() {
    let data = load("aggregation.json");
    for case in data["cases"].as_array().expect("cases") {
        let mut roles: Vec<Role> = case["clusterRoles"]
            .as_array()
            .expect("roles")
            .iter()
            .map(|r| role(r, None))
            .collect();
        aggregate(&mut roles);
        let combined = roles
            .iter()
            .find(|r| r.name == "combined")
            .expect("the aggregated role");
        assert_eq!(combined.rules, rules(&case["expected_rules"]), "{}", case["name"]);
    }
}

#[test]
#[cfg_attr(not(shared_conformance), ignore = "../shared/conformance is absent")]
fn covers_like_the_escalation_check() {
    let data = load("covers.json");
    for case in data["cases"].as_array().expect("cases") {
        let (covered, uncovered) = covers(&rules(&case["owner_rules"]), &rules(&case["servant_rules"]));
        assert_eq!(
            covered,
            case["expected_covered"].as_bool().expect("bool"),
            "{}",
            case["name"]
        );
        let mut got: Vec<String> = uncovered.iter().map(|r| format!("{r:?}")).collect();
        let mut want: Vec<String> = rules(&case["expected_uncovered_rules"])
            .iter()
            .map(|r| format!("{r:?}"))
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}", case["name"]);
    }
    let urls = load("nonresourceurl_covers.json");
    for case in urls["cases"].as_array().expect("cases") {
        let got = non_resource_url_covers(&text(case, "owner"), &text(case, "requested"));
        assert_eq!(got, case["expected"].as_bool().expect("bool"), "{case}");
    }
}

#[test]
#[cfg_attr(not(shared_conformance), ignore = "../shared/conformance is absent")]
fn escalation_prevention_for_roles() {
    use blastwall_core::analysis::rbac::may_write_role;
    let data = load("escalate.json");
    let p = policy(&data["objects"]);
    let new_rules = vec![PolicyRule {
        verbs: vec!["get".into()],
        api_groups: vec![String::new()],
        resources: vec!["pods".into()],
        ..PolicyRule::default()
    }];
    for case in data["cases"].as_array().expect("cases") {
        let user: User = serde_json::from_value(case["user"].clone()).expect("user");
        // The upstream test's stand-in authorizer lets steve do anything and nobody else.
        let stub = |u: &User, _: &Request| u.name == "steve";
        let allowed = may_write_role(&p, &user, "myrole", Some("myns"), &new_rules, stub);
        assert_eq!(
            allowed,
            case["expect_allowed"].as_bool().expect("bool"),
            "{}",
            user.name
        );
    }
}

/// The user a request line names: `superuser (groups: system:masters)` or a bare name without groups, as the
/// upstream integration test authenticates them.
fn request_user(line: &str) -> User {
    match line.split_once(" (groups: ") {
        Some((name, groups)) => User {
            name: name.to_owned(),
            groups: groups
                .trim_end_matches(')')
                .split(", ")
                .map(str::to_owned)
                .collect(),
        },
        None => User {
            name: line.to_owned(),
            groups: Vec::new(),
        },
    }
}

/// One HTTP request of the sequence, answered as an API server with only RBAC would: authorization first (an
/// update or apply of a missing object also needs `create`), then the escalation check on RoleBindings, then
/// the store. `store` holds `namespace/resource/name` of the objects that exist.
fn serve(policy: &Policy, store: &mut std::collections::BTreeSet<String>, r: &Value) -> u16 {
    let user = request_user(&text(r, "user"));
    let (namespace, resource) = (text(r, "namespace"), text(r, "resource"));
    let body_name = text(r, "body").rsplit(' ').next().unwrap_or("").to_owned();
    let name = match text(r, "name") {
        n if n.is_empty() && text(r, "http_verb") == "POST" => body_name.clone(),
        n => n,
    };
    // The RoleBinding body is always "pi" in the transcription.
    let name = if text(r, "body") == "write-jobs-rolebinding" {
        "pi".into()
    } else {
        name
    };
    let key = format!("{namespace}/{resource}/{name}");
    let exists = store.contains(&key);
    let allowed = |verb: &str, name: &str| {
        let req = Request::Resource {
            verb: verb.into(),
            api_group: text(r, "apiGroup"),
            resource: resource.clone(),
            subresource: String::new(),
            name: name.into(),
            namespace: namespace.clone(),
        };
        policy.allows(&user, &req).is_some()
    };
    match text(r, "http_verb").as_str() {
        "GET" if text(r, "name").is_empty() => {
            if allowed("list", "") {
                200
            } else {
                403
            }
        }
        "GET" => match (allowed("get", &name), exists) {
            (false, _) => 403,
            (true, true) => 200,
            (true, false) => 404,
        },
        "DELETE" => match (allowed("delete", &name), store.remove(&key)) {
            (false, _) => 403,
            (true, true) => 200,
            (true, false) => 404,
        },
        "POST" => {
            if !allowed("create", "") {
                return 403;
            }
            if resource == "rolebindings" {
                let pi = Binding {
                    namespace: Some(namespace.clone()),
                    name: "pi".into(),
                    role_ref: RoleRef {
                        kind: "ClusterRole".into(),
                        name: "write-jobs".into(),
                    },
                    subjects: vec![Subject {
                        kind: "User".into(),
                        name: "admin".into(),
                        namespace: None,
                    }],
                    object: None,
                };
                if !blastwall_core::analysis::rbac::may_write_binding(policy, &user, &pi) {
                    return 403;
                }
            }
            if store.insert(key) {
                201
            } else {
                409
            }
        }
        verb @ ("PUT" | "PATCH") => {
            let rbac_verb = if verb == "PUT" { "update" } else { "patch" };
            if !allowed(rbac_verb, &name) || (!exists && !allowed("create", &name)) {
                return 403;
            }
            if store.insert(key) {
                201
            } else {
                200
            }
        }
        other => panic!("unexpected HTTP verb {other}"),
    }
}

#[test]
#[cfg_attr(not(shared_conformance), ignore = "../shared/conformance is absent")]
fn request_sequences_with_binding_escalation_and_create_on_update() {
    let data = load("bind_and_create_on_update.json");
    let mut checked = 0;
    for case in data["cases"].as_array().expect("cases") {
        let p = policy(case);
        let mut store = std::collections::BTreeSet::new();
        for r in case["requests"].as_array().expect("requests") {
            let got = serve(&p, &mut store, r);
            assert_eq!(
                u64::from(got),
                r["expected_status"].as_u64().expect("status"),
                "{}: {r}",
                text(case, "name")
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 47, "every request of the four upstream cases runs");
}
