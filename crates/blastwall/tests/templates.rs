//! Helm charts and Kustomize folders among the inputs: rendered with the real `helm` (the test bed's build,
//! `BLASTWALL_HELM`) and `kubectl kustomize` (the test bed's kubectl), findings naming the template; without
//! the command, one info finding and no parser errors on `{{ }}`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("blastwall-templates-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

/// A chart `web` whose Deployment is privileged through its values, beside a plain manifest.
fn chart(dir: &Path) {
    let web = dir.join("web");
    std::fs::create_dir_all(web.join("templates")).expect("dir");
    std::fs::write(
        web.join("Chart.yaml"),
        "apiVersion: v2\nname: web\nversion: 0.1.0\n",
    )
    .expect("write");
    std::fs::write(web.join("values.yaml"), "privileged: true\n").expect("write");
    std::fs::write(
        web.join("templates/deployment.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\n  namespace: shop\n\
spec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      \
containers:\n        - name: web\n          image: registry.example/web:1\n          securityContext:\n            \
privileged: {{ .Values.privileged }}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("config.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n",
    )
    .expect("write");
}

fn scan(dir: &Path, env: &[(&str, &std::ffi::OsStr)]) -> (Output, serde_json::Value) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_blastwall"));
    c.args(["scan", "-o", "json"])
        .arg(dir)
        .env_remove("BLASTWALL_HELM");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().expect("blastwall runs");
    let report = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    (o, report)
}

fn rules_and_files(report: &serde_json::Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"]["name"].as_str().expect("name").to_owned(),
                f["location"]["file"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_chart_without_helm_is_one_info_finding_and_never_parser_errors() {
    let dir = temp("no-helm");
    chart(&dir);
    let empty = temp("empty-path");
    let (o, report) = scan(&dir, &[("PATH", empty.as_os_str())]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "info does not fail the default --fail-on low"
    );
    let found = rules_and_files(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "unrendered-templates");
    let message = report["findings"][0]["message"].as_str().expect("message");
    assert!(message.contains("(helm is not on PATH)"), "{message}");
    assert!(message.contains("helm template"), "{message}");
    assert_eq!(
        report["summary"]["files"], 1,
        "only the plain manifest is read as one"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn no_render_runs_no_command() {
    let dir = temp("no-render");
    chart(&dir);
    let kustomize = dir.join("overlay");
    std::fs::create_dir_all(&kustomize).expect("dir");
    std::fs::write(kustomize.join("kustomization.yaml"), "resources: [pod.yaml]\n").expect("write");
    std::fs::write(
        kustomize.join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {hostPID: true, containers: [{name: a, image: x}]}\n",
    )
    .expect("write");
    // A helm and a kubectl that leave a mark when they run.
    let bin = temp("no-render-bin");
    let mark = bin.join("ran");
    for tool in ["helm", "kubectl"] {
        let path = bin.join(tool);
        std::fs::write(&path, format!("#!/bin/sh\ntouch '{}'\n", mark.display())).expect("write");
        let ok = Command::new("chmod")
            .arg("+x")
            .arg(&path)
            .status()
            .expect("chmod");
        assert!(ok.success());
    }
    let mut c = Command::new(env!("CARGO_BIN_EXE_blastwall"));
    c.args(["scan", "--no-render", "-o", "json"])
        .arg(&dir)
        .env("PATH", &bin)
        .env("BLASTWALL_HELM", bin.join("helm"));
    let o = c.output().expect("blastwall runs");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(!mark.exists(), "a command ran");
    let found = rules_and_files(&report);
    let unrendered: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"]["name"] == "unrendered-templates")
        .map(|f| f["message"].as_str().expect("message"))
        .collect();
    assert_eq!(unrendered.len(), 2, "{found:?}");
    assert!(
        unrendered.iter().all(|m| m.contains("(--no-render)")),
        "{unrendered:?}"
    );
    assert!(
        found
            .iter()
            .any(|(rule, file)| rule == "host-pid" && file.ends_with("pod.yaml")),
        "the Kustomize folder is read as it is: {found:?}"
    );
    for d in [dir, bin] {
        std::fs::remove_dir_all(&d).expect("clean up");
    }
}

#[test]
#[cfg_attr(
    not(helm),
    ignore = "no helm: BLASTWALL_HELM is unset (tools/testbed/build-helm.sh)"
)]
fn a_chart_is_rendered_by_helm_and_findings_name_the_template() {
    let dir = temp("helm");
    chart(&dir);
    let helm = std::env::var_os("BLASTWALL_HELM").expect("BLASTWALL_HELM");
    let (o, report) = scan(&dir, &[("BLASTWALL_HELM", &helm)]);
    assert_eq!(o.status.code(), Some(1));
    let found = rules_and_files(&report);
    let privileged = found
        .iter()
        .find(|(rule, _)| rule == "privileged-container")
        .expect("the value reaches the rendered Deployment");
    assert!(
        privileged.1.ends_with("web/templates/deployment.yaml (rendered)"),
        "{found:?}"
    );
    assert!(!found
        .iter()
        .any(|(rule, _)| rule == "invalid-manifest" || rule == "unrendered-templates"));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: BLASTWALL_TESTBED is unset (tools/testbed/up.sh DIR)"
)]
fn a_kustomize_folder_is_rendered_by_kubectl() {
    let dir = temp("kustomize");
    std::fs::write(
        dir.join("kustomization.yaml"),
        "resources: [pod.yaml]\nnamespace: shop\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostPID: true, containers: [{name: a, image: x}]}\n",
    )
    .expect("write");
    let bin = PathBuf::from(std::env::var_os("BLASTWALL_TESTBED").expect("test bed")).join("bin");
    let (_, report) = scan(&dir, &[("PATH", bin.as_os_str())]);
    let host_pid = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"]["name"] == "host-pid")
        .expect("the pod, rendered");
    // Kustomize set the namespace: the object is the rendered one.
    assert_eq!(host_pid["object"]["namespace"], "shop");
    assert!(host_pid["location"]["file"]
        .as_str()
        .expect("file")
        .ends_with(" (rendered)"));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: BLASTWALL_TESTBED is unset (tools/testbed/up.sh DIR)"
)]
fn a_kustomize_folder_that_does_not_render_is_read_as_it_is_and_said() {
    let dir = temp("kustomize-broken");
    std::fs::write(
        dir.join("kustomization.yaml"),
        "resources: [pod.yaml, missing.yaml]\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {hostPID: true, containers: [{name: a, image: x}]}\n",
    )
    .expect("write");
    let bin = PathBuf::from(std::env::var_os("BLASTWALL_TESTBED").expect("test bed")).join("bin");
    let (o, report) = scan(&dir, &[("PATH", bin.as_os_str())]);
    let found = rules_and_files(&report);
    assert!(
        found
            .iter()
            .any(|(rule, file)| rule == "host-pid" && file.ends_with("pod.yaml")),
        "the pod is read from its file: {found:?}"
    );
    assert!(
        found.iter().any(|(rule, _)| rule == "incomplete-input"),
        "{found:?}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("could not be rendered"));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: BLASTWALL_TESTBED is unset (tools/testbed/up.sh DIR)"
)]
fn rendering_never_fetches_remote_bases() {
    let bin = PathBuf::from(std::env::var_os("BLASTWALL_TESTBED").expect("test bed")).join("bin");
    // git from the system, after the test bed's kubectl.
    let path = std::env::join_paths([bin, PathBuf::from("/usr/bin"), PathBuf::from("/bin")]).expect("PATH");
    for (name, remote, refusal) in [
        // A documentation address (RFC 5737): the proxy on a closed loopback port refuses it first.
        ("http", "https://192.0.2.1/base.yaml", "127.0.0.1:9"),
        (
            "git",
            "github.com/example/repo//base?ref=v1",
            "transport 'https' not allowed",
        ),
    ] {
        let dir = temp(&format!("remote-{name}"));
        std::fs::write(
            dir.join("kustomization.yaml"),
            format!("resources:\n- {remote}\n- pod.yaml\n"),
        )
        .expect("write");
        std::fs::write(
            dir.join("pod.yaml"),
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {hostPID: true, containers: [{name: a, image: x}]}\n",
        )
        .expect("write");
        let (o, report) = scan(&dir, &[("PATH", path.as_os_str())]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.contains("could not be rendered") && stderr.contains(refusal),
            "{name}: {stderr}"
        );
        let found = rules_and_files(&report);
        assert!(
            found
                .iter()
                .any(|(rule, file)| rule == "host-pid" && file.ends_with("pod.yaml")),
            "{name}: the folder is read as it is: {found:?}"
        );
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
