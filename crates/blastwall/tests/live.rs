//! The live cluster as input, against the real kube-apiserver of the test bed (`BLASTWALL_TESTBED`, started
//! by tools/testbed/up.sh): a scan of the cluster answers as a scan of the files applied to it, Secrets are
//! read as metadata only, kinds that cannot be listed are findings. Connection problems need no server.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn blastwall(args: &[&str], kubeconfig: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blastwall"))
        .args(args)
        .env("KUBECONFIG", kubeconfig)
        .env("NO_COLOR", "1")
        .output()
        .expect("blastwall runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("blastwall-live-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A kubeconfig whose context `ctx` points at `server`, with no credentials.
fn kubeconfig_without_credentials(dir: &Path, server: &str) -> PathBuf {
    let path = dir.join("kubeconfig");
    std::fs::write(
        &path,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {{server: '{server}', insecure-skip-tls-verify: true}}\n\
             users:\n- name: u\n  user: {{token: none}}\ncontexts:\n- name: ctx\n  context: {{cluster: c, user: u}}\ncurrent-context: ctx\n"
        ),
    )
    .expect("write kubeconfig");
    path
}

#[test]
fn connection_problems_are_one_line_errors_with_exit_2() {
    let dir = temp_dir("connect");
    // A loopback port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let server = format!("https://127.0.0.1:{port}");
    let good = kubeconfig_without_credentials(&dir, &server);
    let broken = dir.join("broken-kubeconfig");
    std::fs::write(&broken, "clusters: [this is not\n").expect("write");
    let cases: Vec<(Vec<String>, String)> = vec![
        (
            vec![],
            format!("cannot reach the API server {server}/ (context ctx)"),
        ),
        (
            vec!["--context".into(), "staging".into()],
            "context staging: no such context; the file has: ctx".into(),
        ),
        (
            vec!["--kubeconfig".into(), broken.display().to_string()],
            format!("cannot read the kubeconfig {}", broken.display()),
        ),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["scan", "--cluster", "--request-timeout", "5"];
        args.extend(extra.iter().map(String::as_str));
        let started = std::time::Instant::now();
        let out = blastwall(&args, &good);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&expected),
            "{args:?}: expected `{expected}` in: {stderr}"
        );
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(
            started.elapsed().as_secs() < 30,
            "{args:?} took {:?}",
            started.elapsed()
        );
    }
}

/// The running test bed.
struct Testbed {
    dir: PathBuf,
}

impl Testbed {
    fn get() -> Self {
        let dir = PathBuf::from(std::env::var_os("BLASTWALL_TESTBED").expect("BLASTWALL_TESTBED is set"));
        Self { dir }
    }

    fn kubeconfig(&self) -> PathBuf {
        self.dir.join("kubeconfig")
    }

    /// A kubeconfig in `dir` whose only context, `context`, reaches the test bed with the credentials
    /// `user` (a kubeconfig user mapping: a token, or a client certificate and key).
    fn kubeconfig_for(&self, dir: &Path, context: &str, user: &str) -> PathBuf {
        let admin = std::fs::read_to_string(self.kubeconfig()).expect("kubeconfig");
        let server = admin
            .lines()
            .find_map(|l| l.trim().strip_prefix("server: "))
            .expect("a server line");
        let path = dir.join("kubeconfig");
        std::fs::write(
            &path,
            format!(
                "apiVersion: v1\nkind: Config\nclusters:\n- name: bed\n  cluster: {{server: '{server}', certificate-authority: '{}'}}\n\
                 users:\n- name: u\n  user: {user}\ncontexts:\n- name: {context}\n  context: {{cluster: bed, user: u}}\n\
                 current-context: {context}\n",
                self.dir.join("ca.crt").display()
            ),
        )
        .expect("write kubeconfig");
        path
    }

    /// Applies the SHOP manifests once for all the tests of this run (tests run at once, and two
    /// `kubectl apply` of new objects race each other to create them).
    fn apply_shop(&self) {
        static APPLIED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
        APPLIED.get_or_init(|| {
            self.kubectl(&["apply", "-f", "-"], SHOP);
        });
    }

    /// `kubectl ARGS` (with `stdin` as its input), which must succeed.
    fn kubectl(&self, args: &[&str], stdin: &str) -> String {
        let mut child = Command::new(self.dir.join("bin/kubectl"))
            .args(args)
            .env("KUBECONFIG", self.kubeconfig())
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
        let out = child.wait_with_output().expect("kubectl ends");
        assert!(out.status.success(), "kubectl {args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    }
}

/// (rule, kind, namespace, name) of each finding of a JSON report on the objects of `namespace`.
fn findings_in(report: &str, namespace: &str) -> BTreeSet<(String, String, String, String)> {
    let report: serde_json::Value = serde_json::from_str(report).expect("a JSON report");
    let field = |f: &serde_json::Value, pointer: &str| {
        f.pointer(pointer)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_owned()
    };
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            field(f, "/object/namespace") == namespace
                || (field(f, "/object/kind") == "Namespace" && field(f, "/object/name") == namespace)
        })
        .map(|f| {
            (
                field(f, "/rule/name"),
                field(f, "/object/kind"),
                field(f, "/object/namespace"),
                field(f, "/object/name"),
            )
        })
        .collect()
}

const SHOP: &str = r#"apiVersion: v1
kind: Namespace
metadata:
  name: live-shop
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: live-shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: live-shop
spec:
  replicas: 1
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      serviceAccountName: api
      hostPID: true
      containers:
      - name: api
        image: registry.example/api:latest
        securityContext:
          privileged: true
        volumeMounts:
        - {name: root, mountPath: /host}
      volumes:
      - name: root
        hostPath: {path: /}
---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: live-shop
spec:
  type: LoadBalancer
  selector: {app: api}
  ports:
  - port: 443
    targetPort: 8443
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: everything
  namespace: live-shop
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: api-everything
  namespace: live-shop
subjects:
- kind: ServiceAccount
  name: api
  namespace: live-shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: everything
---
apiVersion: v1
kind: Secret
metadata:
  name: api-credentials
  namespace: live-shop
type: Opaque
stringData:
  password: blastwall-must-never-print-this
"#;

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn a_scan_of_the_cluster_finds_what_a_scan_of_the_applied_files_finds() {
    let bed = Testbed::get();
    let dir = temp_dir("shop");
    let file = dir.join("shop.yaml");
    std::fs::write(&file, SHOP).expect("write manifests");
    bed.apply_shop();
    let offline = blastwall(
        &["scan", file.to_str().expect("utf-8"), "-o", "json"],
        &bed.kubeconfig(),
    );
    let live = blastwall(
        &["scan", "--cluster", "-n", "live-shop", "-o", "json"],
        &bed.kubeconfig(),
    );
    assert_eq!(live.status.code(), Some(1), "{}", text(&live.stderr));
    let (offline, live_report) = (text(&offline.stdout), text(&live.stdout));
    let expected = findings_in(&offline, "live-shop");
    assert!(expected.len() >= 8, "the manifests give findings: {expected:?}");
    assert_eq!(findings_in(&live_report, "live-shop"), expected);
    // Every live finding points into the object's document.
    let report: serde_json::Value = serde_json::from_str(&live_report).expect("JSON");
    for f in report["findings"].as_array().expect("findings") {
        if f["object"].is_object() {
            let file = f.pointer("/location/file").and_then(|v| v.as_str()).unwrap_or("");
            assert!(file.starts_with("blastwall-testbed:"), "{f}");
        }
    }
    let stderr = text(&live.stderr);
    assert!(
        stderr.contains("kinds (namespace live-shop) from context blastwall-testbed"),
        "{stderr}"
    );
    // SARIF names the live object and field as a logical location.
    let sarif = blastwall(
        &["scan", "--cluster", "-n", "live-shop", "-o", "sarif"],
        &bed.kubeconfig(),
    );
    let sarif = text(&sarif.stdout);
    assert!(
        sarif.contains("\"fullyQualifiedName\": \"Deployment/live-shop/api:spec.template.spec.hostPID\""),
        "{sarif}"
    );
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn secrets_are_read_as_metadata_only() {
    let bed = Testbed::get();
    bed.apply_shop();
    // kubectl apply keeps the whole Secret, data included, in an annotation: it must not be read either.
    let annotation = bed.kubectl(
        &[
            "get",
            "secret",
            "-n",
            "live-shop",
            "api-credentials",
            "-o",
            "jsonpath={.metadata.annotations}",
        ],
        "",
    );
    assert!(
        annotation.contains("blastwall-must-never-print-this"),
        "the test needs the annotation"
    );
    for format in ["json", "text", "sarif"] {
        let out = blastwall(&["scan", "--cluster", "-o", format], &bed.kubeconfig());
        for stream in [&out.stdout, &out.stderr] {
            let shown = text(stream);
            assert!(
                !shown.contains("blastwall-must-never-print-this"),
                "{format}: {shown}"
            );
            assert!(
                !shown.contains("Ymxhc3R3YWxsLW11c3QtbmV2ZXItcHJpbnQtdGhpcw"),
                "{format}: base64 shown"
            );
        }
    }
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn kinds_that_cannot_be_listed_are_findings() {
    let bed = Testbed::get();
    let dir = temp_dir("limited");
    // A user the test bed's CA vouches for, who may list namespaces and pods only.
    let pki = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("openssl runs");
        assert!(out.status.success(), "openssl {args:?}: {}", text(&out.stderr));
    };
    pki(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=blastwall-limited",
        "-keyout",
        "user.key",
        "-out",
        "user.csr",
    ]);
    let ca = |name: &str| bed.dir.join(name).display().to_string();
    // A version 3 certificate (extensions make it one), as TLS libraries require.
    std::fs::write(dir.join("user.ext"), "extendedKeyUsage=clientAuth\n").expect("write");
    pki(&[
        "x509",
        "-req",
        "-in",
        "user.csr",
        "-CA",
        &ca("ca.crt"),
        "-CAkey",
        &ca("ca.key"),
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        "user.ext",
        "-out",
        "user.crt",
    ]);
    bed.kubectl(
        &["apply", "-f", "-"],
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: blastwall-limited}\n\
         rules:\n- {apiGroups: [''], resources: [namespaces, pods], verbs: [list]}\n---\n\
         apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: blastwall-limited}\n\
         subjects:\n- {kind: User, name: blastwall-limited, apiGroup: rbac.authorization.k8s.io}\n\
         roleRef: {kind: ClusterRole, name: blastwall-limited, apiGroup: rbac.authorization.k8s.io}\n",
    );
    let kubeconfig = bed.kubeconfig_for(
        &dir,
        "limited",
        &format!(
            "{{client-certificate: '{}', client-key: '{}'}}",
            dir.join("user.crt").display(),
            dir.join("user.key").display()
        ),
    );
    let out = blastwall(
        &["scan", "--cluster", "-o", "json", "--select", "incomplete-input"],
        &kubeconfig,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    // The summary says how much of the cluster was read.
    let cluster = &report["summary"]["cluster"];
    assert_eq!(cluster["context"], "limited", "{cluster}");
    // Namespaces and Pods only.
    assert_eq!(cluster["kinds_read"], 2, "{cluster}");
    assert!(cluster["kinds_not_read"].as_u64() >= Some(20), "{cluster}");
    let messages: BTreeSet<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["message"].as_str().unwrap_or("").to_owned())
        .collect();
    for kind in [
        "rbac.authorization.k8s.io/v1 ClusterRole",
        "apps/v1 Deployment",
        "v1 Secret",
    ] {
        assert!(
            messages
                .iter()
                .any(|m| m.contains(kind) && m.contains("forbidden")),
            "{kind}: {messages:?}"
        );
    }
    assert!(
        !messages.iter().any(|m| m.contains("v1 Pod:")),
        "pods may be listed: {messages:?}"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("warning: could not list apps/v1 Deployment: forbidden"),
        "{stderr}"
    );
}

/// `text` without the places it names in parentheses (`(file:12)`), which differ between inputs.
fn without_places(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inside = &rest[open + 1..close];
        let place = inside
            .rsplit_once(':')
            .is_some_and(|(_, line)| !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()));
        out.push_str(&rest[..open]);
        if !place {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `value` without what says where its parts were read: `location` fields and places in text.
fn strip_places(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("location");
            map.values_mut().for_each(strip_places);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_places),
        serde_json::Value::String(text) => *text = without_places(text),
        _ => {}
    }
}

/// (rule, object, path, message) of each finding of a JSON report: what it says, wherever it points.
fn said(report: &[u8]) -> BTreeSet<String> {
    let report: serde_json::Value = serde_json::from_slice(report).expect("a JSON report");
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let message = without_places(f["message"].as_str().unwrap_or(""));
            format!("{} {} {} {message}", f["rule"]["name"], f["object"], f["path"])
        })
        .collect()
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn a_snapshot_gives_the_answers_the_cluster_gives() {
    let bed = Testbed::get();
    bed.apply_shop();
    let dir = temp_dir("snapshot");
    let file = dir.join("cluster.yaml");
    let file_arg = file.to_str().expect("utf-8");
    let out = blastwall(&["snapshot", "--cluster", "-o", file_arg], &bed.kubeconfig());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let snapshot = std::fs::read_to_string(&file).expect("the snapshot");
    assert!(
        !snapshot.contains("blastwall-must-never-print-this"),
        "a Secret's data in the snapshot"
    );
    assert!(
        !snapshot.contains("managedFields"),
        "managed fields in the snapshot"
    );
    for (offline, live) in [
        (
            vec!["scan", file_arg, "-o", "json"],
            vec!["scan", "--cluster", "-o", "json"],
        ),
        (
            vec!["pss", file_arg, "-o", "json"],
            vec!["pss", "--cluster", "-o", "json"],
        ),
        (
            vec![
                "who-can",
                "create",
                "pods",
                "-n",
                "live-shop",
                file_arg,
                "-o",
                "json",
            ],
            vec![
                "who-can",
                "create",
                "pods",
                "-n",
                "live-shop",
                "--cluster",
                "-o",
                "json",
            ],
        ),
    ] {
        let from_file = blastwall(&offline, &bed.kubeconfig());
        let from_cluster = blastwall(&live, &bed.kubeconfig());
        assert_eq!(from_file.status.code(), from_cluster.status.code(), "{offline:?}");
        if offline[0] == "scan" {
            let (file, cluster) = (said(&from_file.stdout), said(&from_cluster.stdout));
            let only_file: Vec<_> = file.difference(&cluster).take(5).collect();
            let only_cluster: Vec<_> = cluster.difference(&file).take(5).collect();
            assert!(
                file == cluster,
                "only from the file: {only_file:#?}\nonly from the cluster: {only_cluster:#?}"
            );
        } else {
            // The answers, wherever they point.
            let answer = |stdout: &[u8]| {
                let mut value: serde_json::Value = serde_json::from_slice(stdout).expect("a JSON answer");
                strip_places(&mut value);
                value
            };
            assert_eq!(
                answer(&from_file.stdout),
                answer(&from_cluster.stdout),
                "{offline:?}"
            );
        }
    }
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn kubectl_runs_blastwall_as_a_plugin() {
    let bed = Testbed::get();
    let dir = temp_dir("plugin");
    std::fs::copy(env!("CARGO_BIN_EXE_blastwall"), dir.join("kubectl-blastwall")).expect("copy the binary");
    let path = format!("{}:{}", dir.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new(bed.dir.join("bin/kubectl"))
        .args(["blastwall", "rules", "incomplete-input"])
        .env("PATH", path)
        .env("KUBECONFIG", bed.kubeconfig())
        .output()
        .expect("kubectl runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("BW006"), "{}", text(&out.stdout));
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn the_scanner_role_in_deploy_reads_every_kind_but_secrets() {
    let bed = Testbed::get();
    let rbac =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/scanner-rbac.yaml"))
            .expect("deploy/scanner-rbac.yaml");
    bed.kubectl(&["apply", "-f", "-"], &rbac);
    // Custom resources join the reader as deploy/ says: a labelled ClusterRole (for the test's Rollouts).
    bed.kubectl(
        &["apply", "-f", "-"],
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: blastwall-reader-demo\n  \
         labels: {blastwall.dev/aggregate-to-reader: \"true\"}\nrules:\n- apiGroups: [demo.blastwall.dev]\n  \
         resources: [rollouts]\n  verbs: [get, list, watch]\n",
    );
    let token = bed.kubectl(&["create", "token", "blastwall-scanner", "-n", "blastwall"], "");
    let dir = temp_dir("scanner");
    let kubeconfig = bed.kubeconfig_for(&dir, "scanner", &format!("{{token: '{}'}}", token.trim()));
    // The aggregated reader is filled by the controller-manager: wait for it to read the cluster.
    let mut unread = Vec::new();
    for _ in 0..100 {
        let out = blastwall(
            &["scan", "--cluster", "-o", "json", "--select", "incomplete-input"],
            &kubeconfig,
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        unread = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["message"].as_str().unwrap_or("").to_owned())
            .collect();
        if unread.len() == 1 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert_eq!(unread.len(), 1, "{unread:#?}");
    assert!(unread[0].contains("v1 Secret: forbidden"), "{unread:#?}");
}

const ROLLOUT_CRD: &str = r"apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: rollouts.demo.blastwall.dev
spec:
  group: demo.blastwall.dev
  names: {kind: Rollout, plural: rollouts, singular: rollout}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              template:
                type: object
                properties:
                  metadata: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  spec:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                    properties:
                      containers:
                        type: array
                        items: {type: object, x-kubernetes-preserve-unknown-fields: true}
";

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn custom_resources_with_pod_templates_are_read_and_judged() {
    let bed = Testbed::get();
    bed.kubectl(&["apply", "-f", "-"], ROLLOUT_CRD);
    bed.kubectl(
        &[
            "wait",
            "--for=condition=Established",
            "crd/rollouts.demo.blastwall.dev",
            "--timeout=60s",
        ],
        "",
    );
    let rollout = "apiVersion: v1\nkind: Namespace\nmetadata: {name: live-rollouts}\n---\n\
                   apiVersion: demo.blastwall.dev/v1\nkind: Rollout\nmetadata: {name: web, namespace: live-rollouts}\n\
                   spec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n        \
                   image: registry.example/web:1\n        securityContext: {privileged: true}\n";
    bed.kubectl(&["apply", "-f", "-"], rollout);
    let out = blastwall(
        &[
            "scan",
            "--cluster",
            "-n",
            "live-rollouts",
            "-o",
            "json",
            "--select",
            "privileged-container",
        ],
        &bed.kubeconfig(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        findings_in(&text(&out.stdout), "live-rollouts"),
        BTreeSet::from([(
            "privileged-container".to_owned(),
            "Rollout".to_owned(),
            "live-rollouts".to_owned(),
            "web".to_owned()
        )])
    );
}

/// Signs a client certificate for `user` with the test bed's CA, valid from `start` to `end`
/// (`YYYYMMDDHHMMSSZ`), and writes a kubeconfig for it; returns the kubeconfig.
fn kubeconfig_with_certificate(bed: &Testbed, dir: &Path, user: &str, start: &str, end: &str) -> PathBuf {
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl runs");
        assert!(out.status.success(), "openssl {args:?}: {}", text(&out.stderr));
    };
    // `openssl ca` is the one that takes explicit validity dates: it needs a small database of its own.
    std::fs::write(dir.join("index.txt"), "").expect("write");
    std::fs::write(dir.join("serial"), "1000\n").expect("write");
    std::fs::write(
        dir.join("ca.cnf"),
        format!(
            "[ca]\ndefault_ca = bed\n[bed]\ndatabase = index.txt\nserial = serial\nnew_certs_dir = .\n\
             certificate = {}\nprivate_key = {}\ndefault_md = sha256\npolicy = any\nunique_subject = no\n\
             x509_extensions = client\n[any]\ncommonName = supplied\n[client]\nextendedKeyUsage = clientAuth\n",
            bed.dir.join("ca.crt").display(),
            bed.dir.join("ca.key").display()
        ),
    )
    .expect("write");
    let subject = format!("/CN={user}");
    run(&[
        "req", "-newkey", "rsa:2048", "-nodes", "-subj", &subject, "-keyout", "user.key", "-out", "user.csr",
    ]);
    run(&[
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-in",
        "user.csr",
        "-out",
        "user.crt",
        "-startdate",
        start,
        "-enddate",
        end,
    ]);
    bed.kubeconfig_for(
        dir,
        "expired",
        &format!(
            "{{client-certificate: '{}', client-key: '{}'}}",
            dir.join("user.crt").display(),
            dir.join("user.key").display()
        ),
    )
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn an_expired_certificate_is_a_one_line_error() {
    let bed = Testbed::get();
    let dir = temp_dir("expired");
    let kubeconfig = kubeconfig_with_certificate(
        &bed,
        &dir,
        "blastwall-expired",
        "20200101000000Z",
        "20200102000000Z",
    );
    let out = blastwall(&["scan", "--cluster", "--request-timeout", "5"], &kubeconfig);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("context expired"), "{stderr}");
    assert!(stderr.contains("credentials"), "{stderr}");
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
fn mirror_pods_of_the_control_plane_feed_the_control_plane_rules() {
    let bed = Testbed::get();
    // What a kubelet publishes for the kube-apiserver static pod of a kubeadm control plane.
    let mirror = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver-blastwall-node\n  namespace: kube-system\n  \
                  labels: {component: kube-apiserver, tier: control-plane}\n  \
                  annotations: {kubernetes.io/config.mirror: 0123456789abcdef, kubernetes.io/config.source: file}\n\
                  spec:\n  nodeName: blastwall-node\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.37.2\n    \
                  command: [kube-apiserver, --anonymous-auth=true, --authorization-mode=AlwaysAllow]\n";
    bed.kubectl(&["apply", "-f", "-"], mirror);
    let out = blastwall(
        &[
            "scan",
            "--cluster",
            "-n",
            "kube-system",
            "-o",
            "json",
            "--select",
            "control-plane",
        ],
        &bed.kubeconfig(),
    );
    let rules: BTreeSet<(String, String, String, String)> = findings_in(&text(&out.stdout), "kube-system");
    let names: BTreeSet<&str> = rules.iter().map(|r| r.0.as_str()).collect();
    for rule in ["apiserver-anonymous-auth", "apiserver-authorization-mode"] {
        assert!(names.contains(rule), "{rule}: {names:?}");
    }
}
