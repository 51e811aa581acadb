//! Inputs as a new user meets them: folders with links that lead nowhere or in circles, files that are
//! not Kubernetes manifests, and inputs with no manifest at all. Nothing of this aborts a scan.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_blastwall"));
    c.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("blastwall runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("blastwall-inputs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: stdout {} stderr {}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn rules_found(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"]["name"].as_str().expect("name").to_owned())
        .collect()
}

const POD: &str =
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  hostPID: true\n  \
containers: [{name: a, image: registry.example/a:1}]\n";

#[cfg(unix)]
#[test]
fn dangling_links_loops_and_unreadable_files_are_findings_while_the_rest_is_scanned() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("links");
    std::fs::write(dir.join("pod.yaml"), POD).expect("write");
    symlink(dir.join("gone.yaml"), dir.join("dangling.yaml")).expect("link");
    std::fs::create_dir(dir.join("sub")).expect("dir");
    symlink(&dir, dir.join("sub/loop")).expect("link");
    // A file every read of which fails, even for root.
    symlink("/proc/self/mem", dir.join("mem.yaml")).expect("link");
    let o = run(&["scan", dir.to_str().expect("utf-8"), "-o", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let report = json(&o);
    let found = rules_found(&report);
    assert!(found.contains(&"host-pid".to_owned()), "{found:?}");
    let incomplete: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"]["name"] == "incomplete-input")
        .map(|f| f["message"].as_str().expect("message"))
        .collect();
    assert_eq!(incomplete.len(), 3, "{incomplete:?}");
    assert!(incomplete
        .iter()
        .any(|m| m.contains("dangling.yaml") && m.contains("does not exist")));
    assert!(incomplete
        .iter()
        .any(|m| m.contains("sub/loop") && m.contains("loop")));
    assert!(incomplete
        .iter()
        .any(|m| m.contains("mem.yaml") && m.contains("left out")));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.matches("warning: ").count(), 3, "{stderr}");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn files_that_are_not_kubernetes_are_counted_not_reported() {
    let dir = temp_dir("not-kubernetes");
    std::fs::write(dir.join("pod.yaml"), POD).expect("write");
    std::fs::write(
        dir.join("package.json"),
        "{\"name\": \"web\", \"version\": \"1.0.0\"}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("values.yaml"),
        "replicaCount: 1\nimage:\n  repository: web\n",
    )
    .expect("write");
    // JSON with comments does not parse as YAML, and never names a kind.
    std::fs::write(
        dir.join("tsconfig.json"),
        "{\n  // strict\n  \"compilerOptions\": {}\n}\n",
    )
    .expect("write");
    // A document without apiVersion and kind beside a Kubernetes one stays a finding.
    std::fs::write(
        dir.join("mixed.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n---\nreplicas: 2\n",
    )
    .expect("write");
    let o = run(&["scan", dir.to_str().expect("utf-8"), "-o", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let report = json(&o);
    assert_eq!(report["summary"]["files"], 5);
    assert_eq!(report["summary"]["not_kubernetes"], 3);
    let invalid: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"]["name"] == "invalid-manifest")
        .map(|f| f["location"]["file"].as_str().expect("file").to_owned())
        .collect();
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert!(invalid[0].ends_with("mixed.yaml"));
    let text = run(&["scan", dir.to_str().expect("utf-8")]);
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("5 files (3 not Kubernetes)"),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn inputs_without_a_manifest_stop_with_status_2_unless_allowed() {
    let dir = temp_dir("empty");
    let o = run(&["scan", dir.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("no Kubernetes manifest in the inputs: 0 files read"),
        "{stderr}"
    );
    std::fs::write(dir.join("package.json"), "{\"name\": \"web\"}\n").expect("write");
    let o = run(&["scan", dir.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 file read (1 of them not Kubernetes)"));
    let o = run(&[
        "scan",
        dir.to_str().expect("utf-8"),
        "--allow-empty",
        "-o",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(json(&o)["summary"]["objects"], 0);
    let mut child = bin()
        .args(["scan", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(b"").expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no Kubernetes manifest"));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn invalid_manifest_is_reported_whatever_is_selected_unless_ignored_by_name() {
    let dir = temp_dir("ignore-invalid");
    std::fs::write(
        dir.join("bad.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: 5}\n",
    )
    .expect("write");
    std::fs::write(dir.join("pod.yaml"), POD).expect("write");
    let d = dir.to_str().expect("utf-8");
    let selected = json(&run(&["scan", d, "--select", "host-pid", "-o", "json"]));
    assert!(rules_found(&selected).contains(&"invalid-manifest".to_owned()));
    let ignored = json(&run(&["scan", d, "--ignore", "invalid-manifest", "-o", "json"]));
    let found = rules_found(&ignored);
    assert!(!found.contains(&"invalid-manifest".to_owned()), "{found:?}");
    assert!(found.contains(&"host-pid".to_owned()), "{found:?}");
    std::fs::remove_dir_all(&dir).expect("clean up");
}
