//! The webhook's router in process: every endpoint, every decision the issue of admission names, and every
//! kind of bad input, through the same routes and layers the server runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use blastwall_core::config::Exemptions;
use blastwall_core::finding::Severity;
use blastwall_core::settings::Settings;
use serde_json::{json, Value};
use tower::ServiceExt;

use super::args::Mode;
use super::judge::Judge;
use super::metrics::Metrics;
use super::router::{router, App, MAX_BODY};

fn app(mode: Mode, exemptions: Exemptions) -> Arc<App> {
    let settings = Settings {
        exemptions,
        ..Settings::default()
    };
    Arc::new(App {
        judge: Judge::new(settings, Severity::High, mode, None),
        metrics: Metrics::new(),
        ready: Arc::new(AtomicBool::new(true)),
        log_decisions: false,
        judge_off_thread: false,
    })
}

async fn call(app: &Arc<App>, method: &str, path: &str, body: Vec<u8>) -> (StatusCode, Vec<u8>) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("request");
    let response = router(Arc::clone(app), Duration::from_secs(5), 8)
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.expect("body");
    (status, bytes.to_vec())
}

/// The AdmissionReview response of one request.
async fn review(app: &Arc<App>, request: Value) -> Value {
    let body = json!({"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": request});
    let (status, bytes) = call(app, "POST", "/validate", serde_json::to_vec(&body).expect("json")).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&bytes));
    let value: Value = serde_json::from_slice(&bytes).expect("a JSON response");
    assert_eq!(value["apiVersion"], "admission.k8s.io/v1");
    assert_eq!(value["kind"], "AdmissionReview");
    value["response"].clone()
}

/// A pod that meets the restricted Pod Security level, with `change` applied to its only container.
fn pod(namespace: &str, change: impl FnOnce(&mut Value)) -> Value {
    let mut pod = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "app", "namespace": namespace},
        "spec": {
            "automountServiceAccountToken": false,
            "securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
            "containers": [{
                "name": "app", "image": "registry.example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                                     "capabilities": {"drop": ["ALL"]}},
                "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}, "limits": {"memory": "32Mi"}}
            }]
        }
    });
    change(&mut pod["spec"]["containers"][0]);
    pod
}

fn privileged(c: &mut Value) {
    c["securityContext"]["privileged"] = json!(true);
}

/// A medium finding only: capabilities are not all dropped.
fn keeps_capabilities(c: &mut Value) {
    c["securityContext"]["capabilities"] = json!({});
}

fn request(operation: &str, object: &Value, old: Option<&Value>) -> Value {
    json!({
        "uid": "3f0e-1", "kind": {"group": "", "version": "v1", "kind": object["kind"]},
        "resource": {"group": "", "version": "v1", "resource": "pods"},
        "namespace": object["metadata"]["namespace"], "name": object["metadata"]["name"],
        "operation": operation, "userInfo": {"username": "alice", "groups": ["dev"]},
        "object": object, "oldObject": old, "dryRun": false
    })
}

fn warnings(response: &Value) -> Vec<String> {
    response["warnings"]
        .as_array()
        .map(|w| w.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_privileged_pod_is_denied_naming_the_rule_the_field_and_the_fix() {
    let app = app(Mode::Enforce, Exemptions::default());
    let response = review(&app, request("CREATE", &pod("shop", privileged), None)).await;
    assert_eq!(response["uid"], "3f0e-1");
    assert_eq!(response["allowed"], false);
    assert_eq!(response["status"]["code"], 403);
    let message = response["status"]["message"].as_str().expect("a message");
    assert!(message.contains("[privileged-container]"), "{message}");
    assert!(
        message.contains("spec.containers[name=app].securityContext.privileged"),
        "{message}"
    );
    assert!(message.contains("Fix:"), "{message}");
    assert_eq!(response["auditAnnotations"]["decision"], "denied");
}

#[tokio::test]
async fn a_restricted_pod_is_admitted_and_a_medium_finding_comes_back_as_a_warning() {
    let app = app(Mode::Enforce, Exemptions::default());
    let clean = review(&app, request("CREATE", &pod("shop", |_| {}), None)).await;
    assert_eq!(clean["allowed"], true);
    assert!(clean.get("status").is_none(), "{clean}");
    let medium = review(&app, request("CREATE", &pod("shop", keeps_capabilities), None)).await;
    assert_eq!(medium["allowed"], true);
    let w = warnings(&medium);
    assert!(
        w.iter()
            .any(|w| w.starts_with("[capabilities-not-dropped] spec.containers[name=app]")),
        "{w:?}"
    );
}

#[tokio::test]
async fn dry_run_requests_are_judged_the_same() {
    let app = app(Mode::Enforce, Exemptions::default());
    let mut asked = request("CREATE", &pod("shop", privileged), None);
    asked["dryRun"] = json!(true);
    assert_eq!(review(&app, asked).await["allowed"], false);
}

#[tokio::test]
async fn an_update_keeps_what_the_stored_object_had_as_warnings_and_denies_what_it_adds() {
    let app = app(Mode::Enforce, Exemptions::default());
    let stored = pod("shop", privileged);
    let mut relabelled = stored.clone();
    relabelled["metadata"]["labels"] = json!({"tier": "web"});
    let response = review(&app, request("UPDATE", &relabelled, Some(&stored))).await;
    assert_eq!(response["allowed"], true, "{response}");
    let w = warnings(&response);
    assert!(
        w.iter().any(|w| w.starts_with("[privileged-container]")
            && w.ends_with("(already present before this update)")),
        "{w:?}"
    );
    let mut worse = stored.clone();
    worse["spec"]["hostPID"] = json!(true);
    let response = review(&app, request("UPDATE", &worse, Some(&stored))).await;
    assert_eq!(response["allowed"], false);
    let message = response["status"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("[host-pid]") && !message.contains("[privileged-container]"),
        "{message}"
    );
}

#[tokio::test]
async fn warn_mode_never_denies_and_audit_mode_only_annotates() {
    let warn = app(Mode::Warn, Exemptions::default());
    let response = review(&warn, request("CREATE", &pod("shop", privileged), None)).await;
    assert_eq!(response["allowed"], true);
    assert!(warnings(&response)
        .iter()
        .any(|w| w.starts_with("would be denied: [privileged-container]")));
    assert_eq!(response["auditAnnotations"]["decision"], "would-deny");
    let audit = app(Mode::Audit, Exemptions::default());
    let response = review(&audit, request("CREATE", &pod("shop", privileged), None)).await;
    assert_eq!(response["allowed"], true);
    assert!(warnings(&response).is_empty());
    let findings = response["auditAnnotations"]["findings"]
        .as_str()
        .unwrap_or_default();
    assert!(
        findings.contains("privileged-container@spec.containers[name=app].securityContext.privileged"),
        "{findings}"
    );
}

#[tokio::test]
async fn exempt_namespaces_users_and_runtime_classes_are_admitted_unjudged() {
    let exemptions = Exemptions {
        namespaces: vec!["ops".into()],
        usernames: vec!["system:serviceaccount:ci:deployer".into()],
        runtime_classes: vec!["kata".into()],
    };
    let app = app(Mode::Enforce, exemptions);
    let by_namespace = review(&app, request("CREATE", &pod("ops", privileged), None)).await;
    assert_eq!(
        (by_namespace["allowed"].clone(), warnings(&by_namespace).len()),
        (json!(true), 0)
    );
    let mut by_user = request("CREATE", &pod("shop", privileged), None);
    by_user["userInfo"]["username"] = json!("system:serviceaccount:ci:deployer");
    assert_eq!(review(&app, by_user).await["allowed"], true);
    let mut sandboxed = pod("shop", privileged);
    sandboxed["spec"]["runtimeClassName"] = json!("kata");
    assert_eq!(
        review(&app, request("CREATE", &sandboxed, None)).await["allowed"],
        true
    );
    assert_eq!(
        review(&app, request("CREATE", &pod("shop", privileged), None)).await["allowed"],
        false
    );
}

#[tokio::test]
async fn a_suppression_annotation_works_as_in_scan() {
    let app = app(Mode::Enforce, Exemptions::default());
    let mut accepted = pod("shop", privileged);
    accepted["metadata"]["annotations"] =
        json!({"blastwall.dev/ignore": "privileged-container: the CNI agent configures the node's network"});
    assert_eq!(
        review(&app, request("CREATE", &accepted, None)).await["allowed"],
        true
    );
}

#[tokio::test]
async fn deletes_subresources_and_unreadable_objects_are_admitted() {
    let app = app(Mode::Enforce, Exemptions::default());
    let privileged_pod = pod("shop", privileged);
    let mut delete = request("DELETE", &privileged_pod, None);
    delete["object"] = Value::Null;
    delete["oldObject"] = privileged_pod.clone();
    assert_eq!(review(&app, delete).await["allowed"], true);
    let mut status = request("UPDATE", &privileged_pod, Some(&privileged_pod));
    status["subResource"] = json!("status");
    assert_eq!(review(&app, status).await["allowed"], true);
    let mut ephemeral = request("UPDATE", &privileged_pod, Some(&pod("shop", |_| {})));
    ephemeral["subResource"] = json!("ephemeralcontainers");
    assert_eq!(review(&app, ephemeral).await["allowed"], false);
    let mut unreadable = request("CREATE", &privileged_pod, None);
    unreadable["object"] = json!(["not", "an", "object"]);
    let response = review(&app, unreadable).await;
    assert_eq!(response["allowed"], true);
    assert!(
        warnings(&response)[0].starts_with("blastwall could not read this object"),
        "{response}"
    );
}

#[tokio::test]
async fn bad_bodies_are_refused_with_a_reason() {
    let app = app(Mode::Enforce, Exemptions::default());
    let (status, body) = call(&app, "POST", "/validate", b"{\"apiVersion\":".to_vec()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(String::from_utf8_lossy(&body).contains("not an AdmissionReview"));
    let wrong = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}});
    let (status, body) = call(
        &app,
        "POST",
        "/validate",
        serde_json::to_vec(&wrong).expect("json"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        String::from_utf8_lossy(&body).contains("expected kind AdmissionReview"),
        "{}",
        String::from_utf8_lossy(&body)
    );
    let (status, _) = call(&app, "POST", "/validate", vec![b' '; MAX_BODY + 1]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let (status, _) = call(&app, "GET", "/validate", Vec::new()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = app(Mode::Enforce, Exemptions::default());
    assert_eq!(call(&app, "GET", "/healthz", Vec::new()).await.0, StatusCode::OK);
    assert_eq!(call(&app, "GET", "/readyz", Vec::new()).await.0, StatusCode::OK);
    app.ready.store(false, Ordering::Release);
    let (status, body) = call(&app, "GET", "/readyz", Vec::new()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(String::from_utf8_lossy(&body).contains("watch cache"));
    review(&app, request("CREATE", &pod("shop", privileged), None)).await;
    call(&app, "POST", "/validate", b"[]".to_vec()).await;
    let (status, body) = call(&app, "GET", "/metrics", Vec::new()).await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8_lossy(&body);
    for line in [
        "blastwall_admission_requests_total{outcome=\"denied\"} 1",
        "blastwall_admission_requests_total{outcome=\"bad_request\"} 1",
        "blastwall_admission_findings_total{rule=\"privileged-container\",namespace=\"shop\",effect=\"deny\"} 1",
        "blastwall_admission_decision_duration_seconds_count 1",
    ] {
        assert!(text.lines().any(|l| l == line), "no `{line}` in:\n{text}");
    }
}
