//! The `blastwall` command as a user runs it: exit codes, outputs, standard input, configuration errors,
//! closed pipes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_blastwall"));
    c.current_dir(root()).env_remove("NO_COLOR");
    c
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("blastwall runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("blastwall-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn scanning_the_examples_reports_and_exits_1() {
    let o = run(&["scan", "examples/"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(
        text.contains("critical[BW101]: container `log-agent` must not set securityContext.privileged=true"),
        "{text}"
    );
    assert!(text.contains("--> examples/shop/log-agent.yaml:51:13"), "{text}");
    assert!(text.contains("2 suppressed"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when stdout is not a terminal");
}

/// `--color` wins; under `auto` the environment is read as other command-line tools read it: `NO_COLOR`
/// before `CLICOLOR_FORCE`, and without either no colour on a pipe.
#[test]
fn colour_follows_the_flag_then_the_environment() {
    let coloured = |flag: &[&str], env: &[(&str, &str)]| {
        let mut c = bin();
        c.args(["scan", "examples/"]).args(flag);
        c.env_remove("CLICOLOR_FORCE").env_remove("CLICOLOR");
        for (key, value) in env {
            c.env(key, value);
        }
        stdout(&c.output().expect("blastwall runs")).contains("\x1b[")
    };
    assert!(coloured(&["--color", "always"], &[]), "--color always");
    assert!(
        !coloured(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]),
        "--color never over CLICOLOR_FORCE"
    );
    assert!(
        coloured(&[], &[("CLICOLOR_FORCE", "1")]),
        "CLICOLOR_FORCE on a pipe"
    );
    assert!(
        !coloured(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
        "NO_COLOR over CLICOLOR_FORCE"
    );
    assert!(!coloured(&[], &[]), "a pipe without either");
}

#[test]
fn json_and_sarif_to_files_at_once_and_deterministic() {
    let dir = temp_dir("outputs");
    let json_path = dir.join("r.json");
    let sarif_path = dir.join("r.sarif");
    let args = [
        "scan",
        "examples",
        "-o",
        &format!("json={}", json_path.display()),
        "-o",
        &format!("sarif={}", sarif_path.display()),
    ];
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout when every output has a file"
    );
    let first = std::fs::read_to_string(&json_path).expect("json written");
    let report: serde_json::Value = serde_json::from_str(&first).expect("valid JSON");
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["tool"]["name"], "blastwall");
    assert_eq!(
        report["summary"]["files"], 17,
        "11 files of the shop and 6 of its control plane"
    );
    assert_eq!(report["summary"]["suppressed"], 2);
    let privileged = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"]["name"] == "privileged-container")
        .expect("a privileged finding");
    assert_eq!(
        privileged["location"],
        serde_json::json!({"file": "examples/shop/log-agent.yaml", "line": 51, "column": 13})
    );
    assert_eq!(privileged["object"]["kind"], "DaemonSet");
    assert_eq!(privileged["object"]["namespace"], "shop-backend");
    assert_eq!(
        privileged["path"],
        "spec.template.spec.containers[name=log-agent].securityContext.privileged"
    );
    assert_eq!(privileged["suppressed"], false);
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).expect("sarif")).expect("json");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .is_empty());
    run(&args);
    assert_eq!(
        std::fs::read_to_string(&json_path).expect("json"),
        first,
        "same input, same report"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn fail_on_and_select_decide_the_exit_code() {
    assert_eq!(
        run(&["scan", "examples", "--select", "host-ipc"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["scan", "examples", "--fail-on", "critical"]).status.code(),
        Some(1)
    );
    let medium_only = run(&[
        "scan",
        "examples",
        "--select",
        "privilege-escalation-allowed",
        "--fail-on",
        "high",
    ]);
    assert_eq!(
        medium_only.status.code(),
        Some(0),
        "a medium finding does not reach --fail-on high"
    );
    assert!(stdout(&medium_only).contains("BW108"));
}

#[test]
fn reads_standard_input_and_kubectl_style_filenames() {
    let mut child = bin()
        .args(["scan", "-", "-o", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: a, image: x}]\n")
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let host_pid = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"]["name"] == "host-pid")
        .expect("host-pid finding")
        .clone();
    assert_eq!(
        host_pid["location"],
        serde_json::json!({"file": "<stdin>", "line": 5, "column": 3})
    );
    let o = run(&[
        "scan",
        "-f",
        "examples/shop/log-agent.yaml",
        "-f",
        "examples/shop/web.yaml",
        "-o",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(report["summary"]["files"], 2);
}

#[test]
fn input_and_usage_errors_exit_2() {
    let o = run(&["scan", "no/such/dir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such/dir"));
    assert_eq!(run(&["scan"]).status.code(), Some(2));
    assert_eq!(run(&["scan", "examples", "-o", "xml"]).status.code(), Some(2));
    assert_eq!(
        run(&["scan", "examples", "--select", "no-such-rule"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["scan", "examples", "--fail-on", "severe"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_bad_config_reports_every_problem_with_its_position() {
    let dir = temp_dir("config");
    std::fs::write(
        dir.join(".blastwall.yaml"),
        "selct: [pod]\nfail-on: severe\nignore: [host-netwrk]\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("app.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
    )
    .expect("write");
    let o = bin().arg("scan").arg(&dir).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    // Every problem at once, in the file's order, unknown rules among them, each with a suggestion when
    // a known word is near.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].contains(".blastwall.yaml:1:1: unknown key `selct`"),
        "{err}"
    );
    assert!(lines[0].ends_with("did you mean `select`?"), "{err}");
    assert!(
        lines[1].contains(".blastwall.yaml:2:10: unknown severity `severe`"),
        "{err}"
    );
    assert!(
        lines[2].contains(".blastwall.yaml:3:10: unknown rule or category `host-netwrk`"),
        "{err}"
    );
    assert!(lines[2].ends_with("did you mean `host-network`?"), "{err}");
    std::fs::write(
        dir.join(".blastwall.yaml"),
        "pss-version: v1.99\nk8s-version: '0.5'\n",
    )
    .expect("write");
    let o = bin().arg("scan").arg(&dir).output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(":1:14: Pod Security version `v1.99` is out of range: blastwall knows v1.0 to v1."),
        "{err}"
    );
    assert!(err.contains(":2:14: invalid Kubernetes version `0.5`"), "{err}");
    let o = run(&["scan", "examples", "--pss-version", "v1.99"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("out of range"));
    let o = run(&["scan", "examples", "--k8s-version", "1.99"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("out of range: blastwall knows 1."));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn config_exceptions_suppress_and_unused_ones_are_reported() {
    let dir = temp_dir("exceptions");
    std::fs::write(
        dir.join(".blastwall.yaml"),
        "exceptions:\n- rules: [host-pid]\n  kind: Pod\n  name: agent-*\n  reason: reads host processes by design\n\
         - rules: [host-ipc]\n  namespace: nowhere\n  reason: stale\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: agent-1}\nspec:\n  hostPID: true\n  containers: [{name: a, image: x}]\n",
    )
    .expect("write");
    let o = bin()
        .arg("scan")
        .arg(&dir)
        .args(["-o", "json"])
        .output()
        .expect("run");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let findings = report["findings"].as_array().expect("findings");
    let pid = findings
        .iter()
        .find(|f| f["rule"]["name"] == "host-pid")
        .expect("host-pid finding");
    assert_eq!(pid["suppressed"]["by"], "config");
    let unused = findings
        .iter()
        .find(|f| f["rule"]["name"] == "unused-suppression")
        .expect("unused");
    assert_eq!(unused["location"]["line"], 6);
    assert!(unused["location"]["file"]
        .as_str()
        .expect("file")
        .ends_with(".blastwall.yaml"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = temp_dir("pipe");
    let doc = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: a, image: x}]\n---\n";
    std::fs::write(dir.join("many.yaml"), doc.repeat(5000)).expect("write");
    let mut child = bin()
        .arg("scan")
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn rules_are_listed_and_explained() {
    let o = run(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("BW101  privileged-container"));
    let o = run(&["rules", "host-pid"]);
    assert!(stdout(&o).contains("## Why is this bad?"));
    assert_eq!(run(&["rules", "BW103"]).status.code(), Some(0));
    assert_eq!(run(&["rules", "nope"]).status.code(), Some(2));
    let o = run(&["rules", "-o", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(list
        .as_array()
        .expect("list")
        .iter()
        .any(|r| r["code"] == "BW001"));
}

#[test]
fn pss_reports_levels_and_violations_with_locations() {
    let o = run(&["pss", "examples", "-o", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(report["schema_version"], 1);
    let results = report["results"].as_array().expect("results");
    let agent = results
        .iter()
        .find(|r| r["object"]["name"] == "log-agent")
        .expect("log-agent");
    assert_eq!(agent["level"], "privileged");
    assert_eq!(
        agent["location"],
        serde_json::json!({"file": "examples/shop/log-agent.yaml", "line": 14, "column": 1})
    );
    let privileged = agent["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .find(|v| v["control"] == "privileged")
        .expect("privileged");
    assert_eq!(privileged["level"], "baseline");
    assert_eq!(
        privileged["location"],
        serde_json::json!({"file": "examples/shop/log-agent.yaml", "line": 51, "column": 13})
    );
    let web = results
        .iter()
        .find(|r| r["object"]["name"] == "web")
        .expect("web");
    assert_eq!(web["level"], "restricted");
    assert!(web["violations"].as_array().expect("violations").is_empty());
    let text = stdout(&run(&["pss", "examples"]));
    assert!(
        text.contains("privileged: DaemonSet shop-backend/log-agent"),
        "{text}"
    );
}

#[test]
fn pss_policy_versions() {
    let dir = temp_dir("pss-version");
    // hostProbesAndHostLifecycle only exists from v1.34.
    std::fs::write(
        dir.join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    \
         livenessProbe: {httpGet: {host: 169.254.169.254, port: 80}}\n",
    )
    .expect("write");
    let level = |version: &str| {
        let o = bin()
            .arg("pss")
            .arg(&dir)
            .args(["--version", version, "-o", "json"])
            .output()
            .expect("run");
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        report["results"][0]["level"].as_str().expect("level").to_owned()
    };
    assert_eq!(level("v1.33"), "baseline");
    assert_eq!(level("v1.34"), "privileged");
    assert_eq!(level("latest"), "privileged");
    assert_eq!(
        bin()
            .arg("pss")
            .arg(&dir)
            .args(["--version", "1.34"])
            .output()
            .expect("run")
            .status
            .code(),
        Some(2)
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_config_names_pod_templates_of_unknown_kinds() {
    let dir = temp_dir("pod-templates");
    std::fs::write(
        dir.join("job.yaml"),
        "apiVersion: batch.example/v1\nkind: BatchRun\nmetadata: {name: nightly}\nspec:\n  worker:\n    metadata: {labels: {app: w}}\n    \
         spec:\n      hostPID: true\n      containers: [{name: w, image: registry.example/w:1}]\n",
    )
    .expect("write");
    let scan = |dir: &Path| {
        let o = bin()
            .arg("scan")
            .arg(dir)
            .args(["--select", "host-pid", "-o", "json"])
            .output()
            .expect("run");
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        report["findings"].as_array().expect("findings").len()
    };
    assert_eq!(scan(&dir), 0, "an unknown layout is not guessed");
    std::fs::write(
        dir.join(".blastwall.yaml"),
        "pod-templates:\n- {kind: BatchRun, path: spec.worker}\n",
    )
    .expect("write");
    assert_eq!(scan(&dir), 1, "the configured template is checked");
    let o = bin()
        .arg("pss")
        .arg(&dir)
        .args(["-o", "json"])
        .output()
        .expect("run");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(report["results"][0]["level"], "privileged");
    std::fs::write(
        dir.join(".blastwall.yaml"),
        "pod-templates:\n- {kind: BatchRun}\n",
    )
    .expect("write");
    assert_eq!(
        bin().arg("scan").arg(&dir).output().expect("run").status.code(),
        Some(2)
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn can_i_answers_like_kubectl_with_the_grant_chain() {
    let sa = "system:serviceaccount:shop-backend:api";
    let o = run(&[
        "can-i",
        "get",
        "configmaps",
        "-n",
        "shop-backend",
        "--as",
        sa,
        "-f",
        "examples/",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "yes\n");
    let o = run(&[
        "can-i",
        "get",
        "configmaps",
        "-n",
        "shop-data",
        "--as",
        sa,
        "-f",
        "examples/",
    ]);
    assert_eq!(
        (o.status.code(), stdout(&o).as_str()),
        (Some(1), "no\n"),
        "a RoleBinding stays in its namespace"
    );
    let o = run(&[
        "can-i",
        "list",
        "secrets",
        "-A",
        "--as",
        "alice",
        "--as-group",
        "shop-oncall",
        "-f",
        "examples/",
        "-o",
        "json",
    ]);
    let answer: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(answer["allowed"], true);
    assert_eq!(answer["grant"]["binding"]["kind"], "ClusterRoleBinding");
    assert_eq!(
        answer["grant"]["binding"]["location"]["file"],
        "examples/shop/rbac.yaml"
    );
    assert_eq!(answer["grant"]["role"]["name"], "oncall-secrets");
    let o = run(&[
        "can-i",
        "delete",
        "nodes",
        "--as",
        "root",
        "--as-group",
        "system:masters",
        "-f",
        "examples/",
    ]);
    assert_eq!(o.status.code(), Some(0), "system:masters may do anything");
    let o = run(&[
        "can-i",
        "create",
        "pods",
        "-n",
        "shop-backend",
        "--as",
        "system:serviceaccount:shop-backend:worker",
        "-f",
        "examples/",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "the worker's RoleBinding grants the built-in edit role"
    );
    let via = String::from_utf8_lossy(&o.stderr);
    assert!(
        via.contains("RoleBinding shop-backend/worker-edit (examples/shop/rbac.yaml:"),
        "{via}"
    );
    assert!(via.contains("-> ClusterRole edit"), "{via}");
    let o = run(&[
        "can-i",
        "create",
        "pods",
        "-n",
        "shop-backend",
        "--as",
        "system:serviceaccount:shop-backend:worker",
        "--no-default-rbac",
        "-f",
        "examples/",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "without the built-in roles edit does not exist"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("`edit`, which is not among the inputs"));
}

#[test]
fn who_can_lists_subjects_with_their_bindings() {
    let o = run(&[
        "who-can",
        "get",
        "configmaps",
        "-n",
        "shop-backend",
        "-f",
        "examples/",
        "-o",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let answer: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let subjects = answer["subjects"].as_array().expect("subjects");
    assert!(subjects.iter().any(|s| s["subject"]["kind"] == "ServiceAccount"
        && s["subject"]["name"] == "api"
        && s["subject"]["namespace"] == "shop-backend"));
    let o = run(&[
        "who-can",
        "get",
        "configmaps",
        "-n",
        "shop-data",
        "-f",
        "examples/",
        "-o",
        "json",
    ]);
    let answer: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(!answer["subjects"]
        .as_array()
        .expect("subjects")
        .iter()
        .any(|s| s["subject"]["name"] == "api"));
}

#[test]
fn rbac_lists_what_an_identity_may_do_by_scope() {
    let o = run(&[
        "rbac",
        "--as",
        "system:serviceaccount:shop-backend:api",
        "-f",
        "examples/",
        "-o",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let answer: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let cluster = answer["cluster"].as_array().expect("cluster");
    assert!(
        cluster
            .iter()
            .all(|g| g["binding"]["location"]["builtin"] == true),
        "cluster-wide, the account holds only what the built-in bindings give every account: {cluster:?}"
    );
    assert!(cluster.iter().any(|g| g["role"]["name"] == "system:discovery"));
    let here = &answer["namespaces"]["shop-backend"];
    assert_eq!(here[0]["rule"]["resources"], serde_json::json!(["configmaps"]));
    assert_eq!(here[0]["binding"]["location"]["file"], "examples/shop/rbac.yaml");
    let text = stdout(&run(&[
        "rbac",
        "--as",
        "alice",
        "--as-group",
        "shop-oncall",
        "examples/",
    ]));
    assert!(text.contains("Cluster-wide"), "{text}");
    assert!(text.contains("secrets"), "{text}");
}

#[test]
fn rbac_shows_the_shortest_path_to_cluster_admin() {
    let dir = temp_dir("paths");
    std::fs::write(
        dir.join("rbac.yaml"),
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: operator-admin}\n\
         roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\n\
         subjects: [{kind: ServiceAccount, name: operator, namespace: ops}]\n---\n\
         apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: cluster-admin}\n\
         rules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]\n---\n\
         apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: deployer, namespace: ops}\n\
         rules: [{apiGroups: [''], resources: [pods], verbs: [create]}]\n---\n\
         apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: ci-deployer, namespace: ops}\n\
         roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}\n\
         subjects: [{kind: ServiceAccount, name: ci}]\n",
    )
    .expect("write");
    let o = bin()
        .args(["rbac", "--as", "system:serviceaccount:ops:ci", "-o", "json"])
        .arg(&dir)
        .output()
        .expect("run");
    let answer: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let path = answer["path_to_cluster_admin"].as_array().expect("a path");
    assert_eq!(path.len(), 2, "{path:?}");
    assert_eq!(path[0]["kind"], "create-pod");
    assert_eq!(path[0]["to"], "service account ops/operator");
    assert_eq!(path[1]["kind"], "holds");
    assert_eq!(path[1]["to"], "cluster-admin");
    let text = stdout(
        &bin()
            .args(["rbac", "--as", "system:serviceaccount:ops:ci"])
            .arg(&dir)
            .output()
            .expect("run"),
    );
    assert!(text.contains("Path to cluster-admin in 2 steps"), "{text}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn rbac_all_lists_every_subject_with_its_bindings() {
    let o = run(&["rbac", "--all", "-f", "examples/", "-o", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let answer: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let subjects = answer["subjects"].as_array().expect("subjects");
    let worker = subjects
        .iter()
        .find(|s| s["kind"] == "ServiceAccount" && s["namespace"] == "shop-backend" && s["name"] == "worker")
        .expect("the worker account is listed");
    assert!(worker["groups"]
        .as_array()
        .expect("groups")
        .contains(&"system:serviceaccounts:shop-backend".into()));
    let bindings = worker["bindings"].as_array().expect("bindings");
    let edit = bindings
        .iter()
        .find(|b| b["name"] == "worker-edit")
        .expect("its RoleBinding");
    assert_eq!(edit["role"], "ClusterRole/edit");
    assert_eq!(edit["location"]["file"], "examples/shop/rbac.yaml");
    assert!(
        bindings
            .iter()
            .any(|b| b["name"] == "system:discovery" && b["location"]["builtin"] == true),
        "the account's groups bring the built-in discovery binding"
    );
    let edit_rules = answer["roles"]["ClusterRole/edit"]["rules"]
        .as_array()
        .expect("edit's rules, once");
    assert!(edit_rules.iter().any(|r| r["resources"]
        .as_array()
        .is_some_and(|a| a.contains(&"secrets".into()))));
    assert!(subjects
        .iter()
        .any(|s| s["kind"] == "Group" && s["name"] == "shop-oncall"));
    // A ServiceAccount no binding names is still a subject.
    assert!(subjects
        .iter()
        .any(|s| s["kind"] == "ServiceAccount" && s["name"] == "web"));
}

#[test]
fn connlist_lists_allowed_connections_in_every_format() {
    let text = stdout(&run(&["connlist", "examples/"]));
    assert!(
        text.contains("shop-backend/api[Deployment] => shop-data/postgres[StatefulSet] : TCP 5432"),
        "{text}"
    );
    assert!(
        !text.contains("shop-frontend/web[Deployment] => shop-data/postgres"),
        "the default deny keeps web away from the database: {text}"
    );
    assert!(text.contains("0.0.0.0-255.255.255.255[External] => shop-frontend/web[Deployment] : TCP 8443"));
    let o = run(&["connlist", "-f", "examples/", "-o", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let answer: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(answer["schema_version"], 1);
    let rows = answer["connections"].as_array().expect("connections");
    let db = rows
        .iter()
        .find(|r| r["dst"]["name"] == "postgres" && r["src"]["name"] == "api")
        .expect("api reaches postgres");
    assert_eq!(db["all"], false);
    assert_eq!(
        db["ports"],
        serde_json::json!([{"protocol": "TCP", "from": 5432, "to": 5432}])
    );
    assert_eq!(db["src"]["kind"], "Deployment");
    assert!(rows
        .iter()
        .any(|r| r["src"]["ip_range"] == "0.0.0.0-255.255.255.255"));
    assert!(
        !rows.iter().any(|r| r["src"] == r["dst"]),
        "a workload's connections to itself are left out"
    );
    for format in ["dot", "md", "csv"] {
        let o = run(&["connlist", "examples/", "-o", format]);
        assert_eq!(o.status.code(), Some(0), "{format}");
        assert!(stdout(&o).contains("shop-data/postgres[StatefulSet]"), "{format}");
    }
}

#[test]
fn reach_answers_and_explains_each_direction() {
    let o = run(&[
        "reach",
        "shop-backend/api",
        "shop-data/postgres",
        "--port",
        "5432/TCP",
        "examples/",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.starts_with("yes\n"), "{text}");
    assert!(
        text.contains("allowed by shop-data/allow-api-to-postgres (examples/shop/network-policies.yaml:"),
        "{text}"
    );
    let o = run(&[
        "reach",
        "shop-frontend/web",
        "shop-data/postgres",
        "-f",
        "examples/",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.starts_with("no\n"), "{text}");
    assert!(
        text.contains("isolated by shop-data/default-deny-ingress"),
        "{text}"
    );
    let o = run(&[
        "reach",
        "shop-backend/api",
        "shop-data/postgres",
        "--port",
        "5433",
        "examples/",
    ]);
    assert_eq!(o.status.code(), Some(1), "only 5432 is open");
    let o = run(&[
        "reach",
        "203.0.113.9",
        "shop-frontend/web",
        "--port",
        "8443",
        "examples/",
    ]);
    assert_eq!(o.status.code(), Some(0), "the outside reaches web's HTTPS port");
    let o = run(&["reach", "shop/nothing", "shop-frontend/web", "examples/"]);
    assert_eq!(o.status.code(), Some(2), "an unknown workload is an error");
}

#[test]
fn exposure_lists_doors_with_their_policies() {
    let o = run(&["exposure", "examples/", "-o", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let answer: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let rows = answer["exposures"].as_array().expect("exposures");
    let lb = rows
        .iter()
        .find(|r| r["door"]["type"] == "LoadBalancer")
        .expect("the web load balancer");
    assert_eq!(lb["workload"]["name"], "web");
    assert_eq!(
        lb["target"],
        serde_json::json!({"protocol": "TCP", "port": 8443}),
        "the named targetPort resolved"
    );
    assert_eq!(
        lb["admission"], "all",
        "allow-web-https admits every source on 8443"
    );
    assert_eq!(lb["via"]["location"]["file"], "examples/shop/web.yaml");
    assert!(rows
        .iter()
        .any(|r| r["door"]["type"] == "Ingress" && r["door"]["host"] == "shop.example.com"));
    assert!(rows
        .iter()
        .any(|r| r["door"]["type"] == "HostNetwork" && r["admission"] == "not-governed"));
    assert!(rows
        .iter()
        .any(|r| r["door"]["type"] == "NodePort" && r["door"]["node_port"] == 30080));
    let text = stdout(&run(&["exposure", "examples/"]));
    assert!(
        text.contains("shop-frontend/web[Deployment] <- LoadBalancer from every address"),
        "{text}"
    );
}

#[test]
fn platform_findings_are_the_providers_on_managed_platforms() {
    let json = |platform: &str| -> serde_json::Value {
        let o = run(&["scan", "examples/", "--platform", platform, "-o", "json"]);
        serde_json::from_slice(&o.stdout).expect("json")
    };
    let own = json("self-managed");
    let findings = own["findings"].as_array().expect("findings");
    let anonymous = findings
        .iter()
        .find(|f| f["rule"]["name"] == "apiserver-anonymous-auth")
        .expect("the example API server allows anonymous requests");
    assert_eq!(anonymous["responsibility"], "platform");
    assert_eq!(
        anonymous["location"],
        serde_json::json!({"file": "examples/control-plane/kube-apiserver.yaml", "line": 21, "column": 7})
    );
    let host_path = findings
        .iter()
        .find(|f| f["rule"]["name"] == "sensitive-host-path" && f["object"]["name"] == "kube-apiserver")
        .expect("the static pod mounts the node's certificates");
    assert_eq!(
        host_path["responsibility"], "platform",
        "a control-plane pod is the platform's whatever the rule"
    );
    assert!(findings
        .iter()
        .any(|f| f["rule"]["name"] == "kubeconfig-insecure-tls" && f["responsibility"] == "user"));
    assert_eq!(own["summary"]["provider_findings"], 0);

    let managed = json("eks");
    let left = managed["findings"].as_array().expect("findings");
    assert!(
        left.iter().all(|f| f["responsibility"] == "user"),
        "only the team's findings are listed on eks"
    );
    let platform = findings
        .iter()
        .filter(|f| f["responsibility"] == "platform" && f["suppressed"] == false)
        .count();
    assert_eq!(managed["summary"]["provider_findings"], platform);
    assert_eq!(managed["summary"]["platform"], "eks");
    assert!(
        left.iter()
            .any(|f| f["rule"]["name"] == "kubeconfig-embedded-credentials"),
        "kubeconfig files are the user's"
    );
}

#[test]
fn can_i_and_who_can_keep_the_namespace_for_cluster_scoped_resources_as_kubectl_does() {
    // The role-grantor example of the Kubernetes RBAC documentation: a RoleBinding in `team` to a Role that
    // grants `bind` on the ClusterRole `admin` lets its user bind `admin` inside `team`.
    let dir = temp_dir("role-grantor");
    std::fs::write(
        dir.join("rbac.yaml"),
        "apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: role-grantor
  namespace: team
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [clusterroles]
  verbs: [bind]
  resourceNames: [admin]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: role-grantor-binding
  namespace: team
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: role-grantor
subjects:
- kind: User
  name: alice
",
    )
    .expect("write");
    let file = dir.join("rbac.yaml");
    let file = file.to_str().expect("utf-8 path");
    let ask = |extra: &[&str]| {
        let mut args = vec!["can-i", "bind", "clusterroles/admin", "--as", "alice", "-f", file];
        args.extend_from_slice(extra);
        run(&args)
    };
    let o = ask(&["-n", "team"]);
    assert_eq!((o.status.code(), stdout(&o).as_str()), (Some(0), "yes\n"));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("Warning: resource 'clusterroles' is not namespace scoped"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = ask(&["-n", "other"]);
    assert_eq!(o.status.code(), Some(1), "the RoleBinding stays in `team`");
    let o = ask(&["-A"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "across all namespaces only ClusterRoleBindings count"
    );
    let o = run(&[
        "who-can",
        "bind",
        "clusterroles/admin",
        "-n",
        "team",
        file,
        "--no-default-rbac",
    ]);
    assert!(stdout(&o).contains("alice"), "{}", stdout(&o));
    std::fs::remove_dir_all(dir).ok();
}

/// Every command, with its standard output on a full device and on a closed pipe: an error message and
/// exit 2 for the first, exit 0 for the second, never a panic.
#[test]
fn every_command_handles_write_errors_like_scan() {
    let commands: [&[&str]; 9] = [
        &["scan", "examples/"],
        &["pss", "examples/"],
        &[
            "can-i",
            "get",
            "configmaps",
            "-n",
            "shop-backend",
            "--as",
            "system:serviceaccount:shop-backend:api",
            "-f",
            "examples/",
        ],
        &["who-can", "get", "secrets", "-n", "shop-backend", "examples/"],
        &["rbac", "--all", "examples/"],
        &["connlist", "examples/"],
        &["reach", "shop-frontend/web", "shop-backend/api", "examples/"],
        &["exposure", "examples/"],
        &["rules"],
    ];
    for args in commands {
        if Path::new("/dev/full").exists() {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full");
            let o = bin().args(args).stdout(full).output().expect("runs");
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(!err.contains("panicked"), "{args:?}: {err}");
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        }
        let mut child = bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {err}",
            o.status.code()
        );
    }
}

#[test]
fn can_i_list_reads_every_positional_as_a_path() {
    let sa = "system:serviceaccount:shop-backend:worker";
    let o = run(&["can-i", "--list", "--as", sa, "-n", "shop-backend", "examples/"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let with_path = stdout(&o);
    let o = run(&[
        "can-i",
        "--list",
        "--as",
        sa,
        "-n",
        "shop-backend",
        "-f",
        "examples/",
    ]);
    assert_eq!(
        stdout(&o),
        with_path,
        "a path in the VERB place is read, never dropped"
    );
    assert!(
        with_path.contains("pods"),
        "the worker's edit binding is listed: {with_path}"
    );
}

#[test]
fn the_deployment_manifests_pass_blastwalls_own_scan() {
    // Each install is scanned as it is applied (the scanner and the webhook both hold the namespace's
    // default-deny policy); the Helm chart's templates are rendered, then scanned, by tests/deploy.rs.
    let installs = [
        ["scanner-rbac.yaml", "scanner-secrets-rbac.yaml"],
        ["webhook.yaml", "webhook-cert-manager.yaml"],
    ];
    for files in installs {
        let paths: Vec<String> = files
            .iter()
            .map(|f| root().join("deploy").join(f).to_str().expect("utf-8").to_owned())
            .collect();
        let mut args = vec!["scan"];
        args.extend(paths.iter().map(String::as_str));
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{files:?}: {}", stdout(&out));
        assert!(stdout(&out).contains("no findings"), "{}", stdout(&out));
    }
}

#[test]
fn exclude_on_the_command_line_leaves_files_out_as_the_config_does() {
    let dir = temp_dir("exclude");
    let pod = |name: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: x\nspec:\n  hostPID: true\n  containers:\n  - name: c\n    image: i\n"
        )
    };
    std::fs::create_dir_all(dir.join("vendor")).expect("mkdir");
    std::fs::write(dir.join("app.yaml"), pod("app")).expect("write");
    std::fs::write(dir.join("vendor/lib.yaml"), pod("lib")).expect("write");
    let dir_arg = dir.to_str().expect("utf-8");
    let names = |args: &[&str]| {
        let out = run(&[&["scan", "-o", "json", "--select", "host-pid"], args].concat());
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
        let mut names: Vec<String> = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["object"]["name"].as_str().unwrap_or("").to_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&[dir_arg]), ["app", "lib"]);
    assert_eq!(names(&[dir_arg, "--exclude", "vendor/**"]), ["app"]);
    assert_eq!(
        names(&[
            dir_arg,
            "--exclude",
            "vendor/**",
            "--exclude",
            "app.yaml",
            "--allow-empty"
        ]),
        Vec::<String>::new()
    );
}
