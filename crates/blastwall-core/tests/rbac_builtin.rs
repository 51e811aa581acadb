//! Kubernetes' built-in roles and bindings as part of every policy: manifests that bind `edit` or `view`
//! grant what those roles grant in a cluster, aggregation reaches them, the groups every user carries get
//! their default grants, inputs replace built-ins of the same name, and `--no-default-rbac` leaves them out.
//! Each row says which Kubernetes behaviour it pins.

use blastwall_core::analysis::rbac::{policy_of, KubeVersion, Policy, Request, User};
use blastwall_core::load::{load, Input};

fn policy(yaml: &str, defaults: Option<KubeVersion>) -> Policy {
    let input = Input::Text {
        name: "rbac.yaml".into(),
        bytes: yaml.as_bytes().to_vec(),
    };
    let inventory = load(vec![input], &std::sync::atomic::AtomicUsize::new(0));
    policy_of(&inventory, defaults)
}

fn resource(verb: &str, group: &str, resource: &str, namespace: &str) -> Request {
    let (resource, subresource) = resource.split_once('/').unwrap_or((resource, ""));
    Request::Resource {
        verb: verb.into(),
        api_group: group.into(),
        resource: resource.into(),
        subresource: subresource.into(),
        name: String::new(),
        namespace: namespace.into(),
    }
}

fn url(verb: &str, path: &str) -> Request {
    Request::NonResource {
        verb: verb.into(),
        path: path.into(),
    }
}

const WORKER_BINDINGS: &str = r"
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: worker-edit, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: ServiceAccount, name: worker}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: auditor-view, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: auditor}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: lead-admin, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: lead}]
";

#[test]
fn bindings_to_built_in_roles_grant_what_those_roles_grant() {
    let p = policy(WORKER_BINDINGS, Some(KubeVersion::LATEST));
    let worker = User::authenticated("system:serviceaccount:shop:worker", &[]);
    let auditor = User::authenticated("auditor", &[]);
    let lead = User::authenticated("lead", &[]);
    let rows: &[(&User, Request, bool, &str)] = &[
        (
            &worker,
            resource("create", "", "pods", "shop"),
            true,
            "edit creates pods",
        ),
        (
            &worker,
            resource("create", "", "pods", "other"),
            false,
            "a RoleBinding stays in its namespace",
        ),
        (
            &worker,
            resource("get", "", "secrets", "shop"),
            true,
            "edit reads secrets",
        ),
        (
            &worker,
            resource("create", "apps", "deployments", "shop"),
            true,
            "edit writes deployments",
        ),
        (
            &worker,
            resource("impersonate", "", "serviceaccounts", "shop"),
            true,
            "edit impersonates service accounts",
        ),
        (
            &worker,
            resource("create", "", "pods/exec", "shop"),
            true,
            "edit execs into pods",
        ),
        (
            &worker,
            resource("create", "rbac.authorization.k8s.io", "rolebindings", "shop"),
            false,
            "edit cannot write RoleBindings",
        ),
        (
            &worker,
            resource("update", "", "endpoints", "shop"),
            false,
            "edit no longer writes Endpoints",
        ),
        (
            &worker,
            resource("get", "", "nodes", ""),
            false,
            "edit grants nothing cluster-scoped",
        ),
        (
            &auditor,
            resource("list", "", "pods", "shop"),
            true,
            "view lists pods",
        ),
        (
            &auditor,
            resource("get", "", "secrets", "shop"),
            false,
            "view never reads secrets",
        ),
        (
            &auditor,
            resource("create", "", "pods", "shop"),
            false,
            "view writes nothing",
        ),
        (
            &auditor,
            resource("get", "", "pods/log", "shop"),
            true,
            "view reads pod logs",
        ),
        (
            &lead,
            resource("create", "rbac.authorization.k8s.io", "rolebindings", "shop"),
            true,
            "admin writes RoleBindings",
        ),
        (
            &lead,
            resource(
                "create",
                "authorization.k8s.io",
                "localsubjectaccessreviews",
                "shop",
            ),
            true,
            "admin asks access reviews",
        ),
        (
            &lead,
            resource("get", "", "secrets", "shop"),
            true,
            "admin holds edit through aggregation",
        ),
        (
            &lead,
            resource("create", "", "namespaces", ""),
            false,
            "admin bound in a namespace cannot create namespaces",
        ),
    ];
    for (user, request, expected, why) in rows {
        assert_eq!(p.allows(user, request).is_some(), *expected, "{why}: {request:?}");
    }
}

#[test]
fn every_identity_gets_the_default_grants_of_its_groups() {
    let p = policy("", Some(KubeVersion::LATEST));
    let anonymous = User::authenticated("system:anonymous", &[]);
    let alice = User::authenticated("alice", &[]);
    let rows: &[(&User, Request, bool, &str)] = &[
        (
            &alice,
            url("get", "/api"),
            true,
            "authenticated users read discovery",
        ),
        (
            &alice,
            url("get", "/apis/apps/v1"),
            true,
            "discovery covers /apis/*",
        ),
        (
            &alice,
            resource("create", "authorization.k8s.io", "selfsubjectaccessreviews", ""),
            true,
            "basic-user asks its own access",
        ),
        (
            &alice,
            resource("create", "authentication.k8s.io", "selfsubjectreviews", ""),
            true,
            "basic-user asks who it is",
        ),
        (
            &alice,
            resource("list", "", "pods", "default"),
            false,
            "nothing else by default",
        ),
        (
            &anonymous,
            url("get", "/healthz"),
            true,
            "public-info-viewer is open to the unauthenticated",
        ),
        (
            &anonymous,
            url("get", "/version"),
            true,
            "public-info-viewer covers /version",
        ),
        (
            &anonymous,
            url("get", "/api"),
            false,
            "discovery is for authenticated users only since 1.14",
        ),
        (
            &anonymous,
            resource("create", "authorization.k8s.io", "selfsubjectaccessreviews", ""),
            false,
            "basic-user is for authenticated users only",
        ),
    ];
    for (user, request, expected, why) in rows {
        assert_eq!(p.allows(user, request).is_some(), *expected, "{why}: {request:?}");
    }
}

#[test]
fn roles_labelled_for_aggregation_extend_the_built_in_roles() {
    let yaml = r#"
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: crontabs-view
  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
rules: [{apiGroups: [stable.example.com], resources: [crontabs], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dev-edit, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: User, name: dev}]
"#;
    let p = policy(yaml, Some(KubeVersion::LATEST));
    let dev = User::authenticated("dev", &[]);
    // view aggregates into edit, which aggregates into admin: the label reaches all three.
    assert!(p
        .allows(&dev, &resource("list", "stable.example.com", "crontabs", "team"))
        .is_some());
    let view = p
        .roles
        .iter()
        .find(|r| r.name == "view" && r.object.is_none())
        .expect("view");
    assert!(
        view.rules.iter().any(|r| r.resources == ["crontabs"]),
        "view gathers the labelled role"
    );
}

#[test]
fn inputs_replace_built_ins_of_the_same_name_and_can_leave_them_out() {
    let yaml = r"
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view}
rules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: auditor-view, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: auditor}]
";
    let auditor = User::authenticated("auditor", &[]);
    let p = policy(yaml, Some(KubeVersion::LATEST));
    assert!(
        p.allows(&auditor, &resource("get", "", "secrets", "shop"))
            .is_some(),
        "the input's view wins"
    );
    assert!(
        p.allows(&auditor, &resource("list", "", "pods", "shop"))
            .is_none(),
        "the built-in view is gone"
    );
    assert_eq!(p.roles.iter().filter(|r| r.name == "view").count(), 1, "one view");

    let p = policy(WORKER_BINDINGS, None);
    let worker = User::authenticated("system:serviceaccount:shop:worker", &[]);
    assert!(
        p.allows(&worker, &resource("create", "", "pods", "shop"))
            .is_none(),
        "without defaults edit is missing"
    );
    assert!(
        p.allows(&worker, &url("get", "/api")).is_none(),
        "without defaults nobody reads discovery"
    );
}

#[test]
fn system_components_hold_their_bootstrap_grants() {
    let p = policy("", Some(KubeVersion::LATEST));
    let scheduler = User::authenticated("system:kube-scheduler", &[]);
    let proxy = User::authenticated("system:kube-proxy", &[]);
    let rows: &[(&User, Request, bool, &str)] = &[
        (
            &scheduler,
            resource("create", "", "pods/binding", "any"),
            true,
            "the scheduler binds pods",
        ),
        (
            &scheduler,
            resource("get", "", "secrets", "any"),
            false,
            "the scheduler reads no secrets",
        ),
        (
            &proxy,
            resource("list", "discovery.k8s.io", "endpointslices", ""),
            true,
            "kube-proxy lists EndpointSlices",
        ),
    ];
    for (user, request, expected, why) in rows {
        assert_eq!(p.allows(user, request).is_some(), *expected, "{why}: {request:?}");
    }
}

#[test]
fn kubernetes_versions_read_as_kubectl_prints_them() {
    let ok: &[(&str, u32)] = &[
        ("1.30", 30),
        ("v1.30", 30),
        ("1.30.4", 30),
        ("latest", blastwall_core::analysis::rbac::NEWEST_MINOR),
        ("1.99", blastwall_core::analysis::rbac::NEWEST_MINOR),
    ];
    for (text, minor) in ok {
        assert_eq!(
            text.parse::<KubeVersion>().map(KubeVersion::minor),
            Ok(*minor),
            "{text}"
        );
    }
    for bad in ["1", "2.30", "1.x", "1.30.x", "", "v1.", "1.10"] {
        assert!(bad.parse::<KubeVersion>().is_err(), "{bad} is refused");
    }
}

/// `everyone` must agree with `RulesFor` for every subject in every namespace: the index by subject is an
/// optimisation, not a second semantics. Checked on the examples with the built-in policy, where groups,
/// users, service accounts, RoleBindings and ClusterRoleBindings all occur.
#[test]
fn every_subject_at_once_agrees_with_rules_for() {
    use blastwall_core::analysis::rbac::{everyone, SubjectKey};
    use std::collections::BTreeSet;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/shop");
    let inputs = std::fs::read_dir(&dir)
        .expect("examples")
        .map(|e| Input::File(e.expect("entry").path()))
        .collect();
    let inventory = load(inputs, &std::sync::atomic::AtomicUsize::new(0));
    let p = policy_of(&inventory, Some(KubeVersion::LATEST));
    let mut namespaces: BTreeSet<&str> = p.bindings.iter().filter_map(|b| b.namespace.as_deref()).collect();
    namespaces.insert("");
    let extra = [SubjectKey::ServiceAccount("nowhere".into(), "nobody".into())];
    let all = everyone(&p, extra.clone());
    assert!(
        all.iter().any(|e| e.subject == extra[0]),
        "extra subjects are listed"
    );
    assert!(
        all.len() > 20,
        "the examples and built-ins name many subjects: {}",
        all.len()
    );
    for e in &all {
        for ns in &namespaces {
            let expected: BTreeSet<*const _> = p
                .rules_for(&e.user, ns)
                .filter_map(|g| g.binding.map(std::ptr::from_ref))
                .collect();
            let got: BTreeSet<*const _> = e
                .grants
                .iter()
                .filter(|(b, _)| b.namespace.as_deref().is_none_or(|bn| bn == *ns))
                .filter(|(_, r)| !r.rules.is_empty())
                .map(|(b, _)| std::ptr::from_ref(*b))
                .collect();
            assert_eq!(got, expected, "{:?} in namespace `{ns}`", e.subject);
        }
    }
}

#[test]
fn the_built_in_policy_follows_the_release() {
    let worker = User::authenticated("system:serviceaccount:shop:worker", &[]);
    let alice = User::authenticated("alice", &[]);
    let at = |v: &str| policy(WORKER_BINDINGS, Some(v.parse().expect("version")));
    let mint = resource("create", "", "serviceaccounts/token", "shop");
    assert!(
        at("1.23").allows(&worker, &mint).is_none(),
        "edit mints tokens only from 1.24"
    );
    assert!(
        at("1.24").allows(&worker, &mint).is_some(),
        "edit mints tokens from 1.24"
    );
    let whoami = resource("create", "authentication.k8s.io", "selfsubjectreviews", "");
    assert!(
        at("1.26").allows(&alice, &whoami).is_none(),
        "selfsubjectreviews is on by default from 1.27"
    );
    assert!(
        at("1.27").allows(&alice, &whoami).is_some(),
        "basic-user asks who it is from 1.27"
    );
    let claims = resource("create", "resource.k8s.io", "resourceclaims", "shop");
    assert!(
        at("1.33").allows(&worker, &claims).is_none(),
        "DRA is off by default before 1.34"
    );
    assert!(
        at("1.34").allows(&worker, &claims).is_some(),
        "edit writes ResourceClaims from 1.34"
    );
}
