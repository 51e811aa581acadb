//! `blastwall serve` behind the real kube-apiserver of the test bed (`BLASTWALL_TESTBED`): registered by URL
//! with a certificate from the test bed's CA, it decides what kubectl creates and updates — denials name the
//! rule, medium findings come back as warnings kubectl prints, an update that does not make an object worse
//! is admitted — and a certificate rotated mid-traffic loses no request. Each test registers its own
//! webhook for its own namespaces only, so the other tests of the run never meet it.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("blastwall-webhook-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn testbed() -> PathBuf {
    PathBuf::from(std::env::var_os("BLASTWALL_TESTBED").expect("BLASTWALL_TESTBED is set"))
}

/// `kubectl ARGS` against the test bed as its admin, with `stdin`.
fn kubectl(args: &[&str], stdin: &str) -> Output {
    let bed = testbed();
    let mut child = Command::new(bed.join("bin/kubectl"))
        .args(args)
        .env("KUBECONFIG", bed.join("kubeconfig"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kubectl runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("kubectl ends")
}

fn kubectl_ok(args: &[&str], stdin: &str) -> Output {
    let out = kubectl(args, stdin);
    assert!(out.status.success(), "kubectl {args:?}: {}", text(&out.stderr));
    out
}

fn openssl(args: &[&str]) {
    let out = Command::new("openssl").args(args).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {args:?}: {}", text(&out.stderr));
}

/// A serving certificate for 127.0.0.1 signed by the test bed's CA, written as `name.crt` and `name.key`.
fn serving_certificate(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let bed = testbed();
    let (key, csr, crt, ext) = (
        dir.join(format!("{name}.key")),
        dir.join(format!("{name}.csr")),
        dir.join(format!("{name}.crt")),
        dir.join(format!("{name}.ext")),
    );
    std::fs::write(&ext, "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n").expect("write ext");
    let path = |p: &Path| p.to_str().expect("utf-8").to_owned();
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=blastwall-webhook",
        "-keyout",
        &path(&key),
        "-out",
        &path(&csr),
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        &path(&csr),
        "-CA",
        &path(&bed.join("ca.crt")),
        "-CAkey",
        &path(&bed.join("ca.key")),
        "-CAcreateserial",
        "-CAserial",
        &path(&dir.join("ca.srl")),
        "-days",
        "1",
        "-extfile",
        &path(&ext),
        "-out",
        &path(&crt),
    ]);
    (crt, key)
}

/// A running `blastwall serve`, stopped (SIGTERM) when dropped; its log lines are collected.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(cert: &Path, key: &Path, extra: &[&str]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let listen = format!("127.0.0.1:{port}");
        let mut child = Command::new(env!("CARGO_BIN_EXE_blastwall"))
            .args(["serve", "--listen", &listen, "--tls-cert"])
            .arg(cert)
            .arg("--tls-key")
            .arg(key)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("blastwall serve starts");
        let log = Arc::new(Mutex::new(Vec::new()));
        let lines = BufReader::new(child.stdout.take().expect("stdout"));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.lines().map_while(Result::ok) {
                sink.lock().expect("log").push(line);
            }
        });
        let server = Self { child, port, log };
        server.wait_for_log("listening on", Duration::from_secs(20));
        server
    }

    fn wait_for_log(&self, needle: &str, within: Duration) {
        let started = Instant::now();
        while started.elapsed() < within {
            if self.log.lock().expect("log").iter().any(|l| l.contains(needle)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "no `{needle}` in the server's log: {:?}",
            self.log.lock().expect("log")
        );
    }

    /// Registers the server for pods and workloads of namespaces labelled `blastwall-e2e=<label>`.
    fn register(&self, name: &str, label: &str) -> Registration {
        let ca = std::fs::read(testbed().join("ca.crt")).expect("the test bed's CA");
        let manifest = format!(
            r#"apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: {name}
webhooks:
- name: validate.blastwall.dev
  admissionReviewVersions: [v1]
  sideEffects: None
  failurePolicy: Fail
  timeoutSeconds: 10
  clientConfig:
    url: https://127.0.0.1:{port}/validate
    caBundle: {bundle}
  namespaceSelector:
    matchLabels:
      blastwall-e2e: {label}
  rules:
  - apiGroups: [""]
    apiVersions: [v1]
    operations: [CREATE, UPDATE]
    resources: [pods, pods/ephemeralcontainers]
  - apiGroups: [apps]
    apiVersions: [v1]
    operations: [CREATE, UPDATE]
    resources: [deployments, statefulsets, daemonsets]
"#,
            port = self.port,
            bundle = base64(&ca),
        );
        kubectl_ok(&["apply", "-f", "-"], &manifest);
        Registration(name.to_owned())
    }
}

impl Server {
    /// SIGTERM, then the exit status once the requests in flight are done.
    fn terminate(&mut self) -> std::process::ExitStatus {
        self.stop().expect("the server exits")
    }

    fn stop(&mut self) -> std::io::Result<std::process::ExitStatus> {
        // Never signal a pid that is no longer the server's.
        if let Some(status) = self.child.try_wait()? {
            return Ok(status);
        }
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()?;
        self.child.wait()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Stopped already when a test terminated it; waiting again returns the same status. A drop never
        // panics: it may run while a failed assertion unwinds.
        let _ = self.stop();
    }
}

/// A ValidatingWebhookConfiguration, deleted when dropped so no later request meets a stopped server.
struct Registration(String);

impl Drop for Registration {
    fn drop(&mut self) {
        kubectl(
            &[
                "delete",
                "validatingwebhookconfiguration",
                &self.0,
                "--ignore-not-found",
            ],
            "",
        );
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A namespace for one test, labelled for its webhook; deleted when dropped.
struct Namespace(String);

impl Namespace {
    fn create(name: &str, label: &str) -> Self {
        kubectl(
            &["delete", "namespace", name, "--ignore-not-found", "--wait=false"],
            "",
        );
        let manifest = format!(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels:\n    blastwall-e2e: {label}\n"
        );
        // A namespace of the same name from an earlier run may still be terminating.
        let started = Instant::now();
        loop {
            let out = kubectl(&["create", "-f", "-"], &manifest);
            if out.status.success() {
                return Self(name.to_owned());
            }
            assert!(
                started.elapsed() < Duration::from_mins(1),
                "namespace {name}: {}",
                text(&out.stderr)
            );
            std::thread::sleep(Duration::from_millis(500));
        }
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        kubectl(
            &[
                "delete",
                "namespace",
                &self.0,
                "--ignore-not-found",
                "--wait=false",
            ],
            "",
        );
    }
}

fn pod(namespace: &str, name: &str, container_security: &str) -> String {
    format!(
        r"apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: {namespace}
spec:
  automountServiceAccountToken: false
  securityContext:
    runAsNonRoot: true
    seccompProfile: {{type: RuntimeDefault}}
  containers:
  - name: app
    image: registry.example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    resources: {{requests: {{cpu: 10m, memory: 16Mi}}, limits: {{memory: 32Mi}}}}
    securityContext: {container_security}
"
    )
}

const RESTRICTED: &str =
    "{allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}";
const PRIVILEGED: &str = "{privileged: true, allowPrivilegeEscalation: true}";
/// Only medium findings: the capabilities are not dropped.
const KEEPS_CAPABILITIES: &str = "{allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}";

/// Waits until the API server calls the webhook (it learns of new configurations asynchronously).
fn wait_until_enforced(namespace: &str) {
    let started = Instant::now();
    loop {
        let out = kubectl(
            &["create", "--dry-run=server", "-f", "-"],
            &pod(namespace, "probe", PRIVILEGED),
        );
        if !out.status.success() && text(&out.stderr).contains("denied the request") {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the webhook is not called: {}",
            text(&out.stderr)
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn the_api_server_enforces_the_webhooks_decisions() {
    let dir = temp_dir("decisions");
    let (cert, key) = serving_certificate(&dir, "serving");
    let mut server = Server::start(&cert, &key, &[]);
    let ns = Namespace::create("webhook-decisions", "decisions");
    let legacy = format!(
        r"apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy
  namespace: {}
spec:
  replicas: 1
  selector: {{matchLabels: {{app: legacy}}}}
  template:
    metadata: {{labels: {{app: legacy}}}}
    spec:
      containers:
      - name: app
        image: registry.example/legacy:1.0
        securityContext: {{privileged: true}}
",
        ns.0
    );
    // Stored before the webhook exists, as an old workload would be.
    kubectl_ok(&["apply", "-f", "-"], &legacy);
    let _registration = server.register("blastwall-e2e-decisions", "decisions");
    wait_until_enforced(&ns.0);

    let denied = kubectl(&["apply", "-f", "-"], &pod(&ns.0, "privileged", PRIVILEGED));
    let stderr = text(&denied.stderr);
    assert!(!denied.status.success(), "a privileged pod was admitted");
    assert!(stderr.contains("denied the request"), "{stderr}");
    assert!(stderr.contains("[privileged-container]"), "{stderr}");
    assert!(stderr.contains("securityContext.privileged"), "{stderr}");

    let admitted = kubectl_ok(&["apply", "-f", "-"], &pod(&ns.0, "restricted", RESTRICTED));
    assert!(
        !text(&admitted.stderr).contains("Warning"),
        "{}",
        text(&admitted.stderr)
    );

    let warned = kubectl_ok(&["apply", "-f", "-"], &pod(&ns.0, "medium", KEEPS_CAPABILITIES));
    let stderr = text(&warned.stderr);
    assert!(stderr.contains("Warning: [capabilities-not-dropped]"), "{stderr}");

    let relabelled = kubectl_ok(&["label", "deployment", "legacy", "-n", &ns.0, "tier=web"], "");
    let stderr = text(&relabelled.stderr);
    assert!(stderr.contains("Warning: [privileged-container]"), "{stderr}");
    assert!(stderr.contains("already present before this update"), "{stderr}");
    kubectl_ok(
        &["scale", "deployment", "legacy", "-n", &ns.0, "--replicas=2"],
        "",
    );

    let worse = kubectl(
        &[
            "patch",
            "deployment",
            "legacy",
            "-n",
            &ns.0,
            "--type=merge",
            "-p",
            r#"{"spec":{"template":{"spec":{"hostPID":true}}}}"#,
        ],
        "",
    );
    let stderr = text(&worse.stderr);
    assert!(!worse.status.success(), "a worse update was admitted");
    // The denial names what the update adds; what the stored object had comes back as warnings only.
    let denial = stderr.split("denied the request:").nth(1).unwrap_or_default();
    assert!(
        denial.contains("[host-pid]") && !denial.contains("[privileged-container]"),
        "{stderr}"
    );
    assert!(stderr.contains("Warning: [privileged-container]"), "{stderr}");

    let decisions: Vec<serde_json::Value> = server
        .log
        .lock()
        .expect("log")
        .iter()
        .filter_map(|l| serde_json::from_str(l).ok())
        .filter(|v: &serde_json::Value| v["msg"] == "decision")
        .collect();
    assert!(
        decisions.iter().any(|d| d["outcome"] == "denied"
            && d["name"] == "privileged"
            && d["user"] == "blastwall-testbed-admin"),
        "{decisions:?}"
    );
    let status = server.terminate();
    assert!(status.success(), "after SIGTERM: {status}");
    server.wait_for_log("stopped", Duration::from_secs(5));
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn a_certificate_rotated_mid_traffic_loses_no_request() {
    let dir = temp_dir("rotation");
    let (cert, key) = serving_certificate(&dir, "first");
    let (live_cert, live_key) = (dir.join("tls.crt"), dir.join("tls.key"));
    std::fs::copy(&cert, &live_cert).expect("copy");
    std::fs::copy(&key, &live_key).expect("copy");
    let server = Server::start(&live_cert, &live_key, &["--tls-reload-interval", "1"]);
    let ns = Namespace::create("webhook-rotation", "rotation");
    let _registration = server.register("blastwall-e2e-rotation", "rotation");
    wait_until_enforced(&ns.0);
    let (next_cert, next_key) = serving_certificate(&dir, "second");
    let mut failures = Vec::new();
    let mut requests = 0;
    let started = Instant::now();
    let mut rotated_at = None;
    // Requests before, during and after the rotation; each opens a connection of its own to the API server,
    // which may reuse or open connections to the webhook.
    while requests < 30 || rotated_at.is_none_or(|at: Instant| at.elapsed() < Duration::from_secs(3)) {
        if requests == 10 {
            // Kubernetes swaps a Secret volume's files at once; a copy then a rename does the same here.
            for (from, to) in [(&next_key, &live_key), (&next_cert, &live_cert)] {
                let staged = to.with_extension("new");
                std::fs::copy(from, &staged).expect("stage");
                std::fs::rename(&staged, to).expect("swap");
            }
            rotated_at = Some(Instant::now());
        }
        let out = kubectl(
            &["create", "--dry-run=server", "-f", "-"],
            &pod(&ns.0, &format!("p{requests}"), RESTRICTED),
        );
        if !out.status.success() {
            failures.push(text(&out.stderr));
        }
        requests += 1;
        assert!(
            started.elapsed() < Duration::from_mins(2),
            "the traffic took too long"
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {requests} requests failed: {failures:?}",
        failures.len()
    );
    server.wait_for_log("reloaded the certificate", Duration::from_secs(5));
    // The server now presents the second certificate.
    let presented = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "openssl s_client -connect 127.0.0.1:{} -servername 127.0.0.1 </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256",
            server.port
        ))
        .output()
        .expect("openssl runs");
    let expected = Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
        .arg(&next_cert)
        .output()
        .expect("openssl runs");
    assert_eq!(text(&presented.stdout), text(&expected.stdout));
    assert!(!text(&expected.stdout).is_empty());
}

/// POSTs an AdmissionReview of `object` straight to the server (as the API server would) and returns the
/// response.
fn review(server: &Server, object: &serde_json::Value) -> serde_json::Value {
    let body = serde_json::json!({
        "apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
        "request": {
            "uid": "e2e", "kind": {"group": "", "version": "v1", "kind": object["kind"]},
            "namespace": object["metadata"]["namespace"], "name": object["metadata"]["name"],
            "operation": "CREATE", "userInfo": {"username": "alice"}, "object": object
        }
    });
    let out = Command::new("curl")
        .args(["-sS", "--max-time", "10", "--cacert"])
        .arg(testbed().join("ca.crt"))
        .args(["-H", "content-type: application/json", "--data-binary", "@-"])
        .arg(format!("https://127.0.0.1:{}/validate", server.port))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(body.to_string().as_bytes())?;
            child.wait_with_output()
        })
        .expect("curl runs");
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("an AdmissionReview")["response"].clone()
}

fn ready(server: &Server) -> bool {
    Command::new("curl")
        .args(["-sf", "--max-time", "5", "--cacert"])
        .arg(testbed().join("ca.crt"))
        .arg(format!("https://127.0.0.1:{}/readyz", server.port))
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn with_a_watch_cache_rules_across_objects_see_the_cluster_as_it_changes() {
    let dir = temp_dir("cache");
    let (cert, key) = serving_certificate(&dir, "serving");
    let kubeconfig = testbed().join("kubeconfig");
    let kubeconfig = kubeconfig.to_str().expect("utf-8");
    let with_cache = Server::start(&cert, &key, &["--cluster", "--kubeconfig", kubeconfig]);
    let alone = Server::start(&cert, &key, &[]);
    let started = Instant::now();
    while !ready(&with_cache) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the watch cache never synced"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let ns = Namespace::create("webhook-cache", "cache");
    kubectl_ok(&["create", "serviceaccount", "deployer", "-n", &ns.0], "");
    let printed = kubectl_ok(
        &["create", "--dry-run=client", "-o", "json", "-f", "-"],
        &pod(&ns.0, "deploy-job", RESTRICTED),
    );
    let mut object: serde_json::Value = serde_json::from_slice(&printed.stdout).expect("pod JSON");
    object["spec"]["serviceAccountName"] = serde_json::json!("deployer");
    object["spec"]["automountServiceAccountToken"] = serde_json::json!(true);
    let risky =
        |response: &serde_json::Value| response.to_string().contains("workload-service-account-risky");
    assert!(
        !risky(&review(&with_cache, &object)),
        "the account holds nothing yet"
    );
    // The account gains cluster-admin after the cache synced: the watch must bring the binding in.
    let binding = format!("blastwall-e2e-{}", std::process::id());
    kubectl_ok(
        &[
            "create",
            "clusterrolebinding",
            &binding,
            "--clusterrole=cluster-admin",
            &format!("--serviceaccount={}:deployer", ns.0),
        ],
        "",
    );
    let started = Instant::now();
    let response = loop {
        let response = review(&with_cache, &object);
        if risky(&response) || started.elapsed() > Duration::from_secs(20) {
            break response;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    kubectl(&["delete", "clusterrolebinding", &binding], "");
    assert_eq!(response["allowed"], false, "{response}");
    assert!(risky(&response), "{response}");
    // Without a view of the cluster the same pod is judged alone: the rule does not run.
    let response = review(&alone, &object);
    assert_eq!(response["allowed"], true, "{response}");
    assert!(!risky(&response), "{response}");
}
