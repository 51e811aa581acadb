//! `blastwall diff`: what a change does to security, between two trees (or the working tree and a git
//! revision). BASE is the bundled shop; HEAD changes it in known ways, and each part of the diff must say
//! exactly those changes: a line moved by a comment is no change, a fixed setting is a fixed finding, a new
//! RoleBinding adds permissions, a default-deny policy removes every connection into its namespace.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blastwall"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("blastwall runs")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)))
}

fn copy_shop(to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(root().join("examples/shop")).expect("examples") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
    }
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{from} in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

/// The shop, changed: comments above the API's objects, the log agent no longer privileged, the worker on
/// the node's network, the web account bound to `view`, and a default deny for ingress in shop-backend.
fn change(head: &Path) {
    edit(
        &head.join("api.yaml"),
        "# Backend API",
        "# moved\n# down\n# three lines\n# Backend API",
    );
    edit(
        &head.join("log-agent.yaml"),
        "privileged: true",
        "privileged: false",
    );
    edit(
        &head.join("worker.yaml"),
        "      containers:",
        "      hostNetwork: true\n      containers:",
    );
    let mut rbac = std::fs::read_to_string(head.join("rbac.yaml")).expect("read");
    rbac.push_str(
        "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: web-view, namespace: \
shop-frontend}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: \
ServiceAccount, name: web, namespace: shop-frontend}]\n",
    );
    std::fs::write(head.join("rbac.yaml"), rbac).expect("write");
    std::fs::write(
        head.join("deny.yaml"),
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-in, namespace: shop-backend}\n\
spec: {podSelector: {}, policyTypes: [Ingress]}\n",
    )
    .expect("write");
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("blastwall-diff-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

fn names(list: &serde_json::Value, field: &str) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap_or(""),
                f[field].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn each_part_of_the_diff_says_exactly_what_the_change_did() {
    let dir = temp("trees");
    let (base, head) = (dir.join("base"), dir.join("head"));
    copy_shop(&base);
    copy_shop(&head);
    change(&head);
    let o = run_in(
        &dir,
        &["diff", "base", "head", "-o", "json", "--config", "/dev/null"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let diff = json(&o);
    assert_eq!(diff["schema_version"], 1);
    // Findings: matched by rule, object and field, so the moved API objects change nothing.
    let new = names(&diff["findings"]["new"], "object");
    let fixed = names(&diff["findings"]["fixed"], "object");
    assert!(
        new.contains(&"host-network Deployment/shop-backend/worker".to_owned()),
        "{new:?}"
    );
    assert!(
        fixed.contains(&"privileged-container DaemonSet/shop-backend/log-agent".to_owned()),
        "{fixed:?}"
    );
    // The API's findings change only where the new default deny changes them.
    let network = ["workload-not-isolated ", "egress-to-internet "];
    assert!(
        !new.iter()
            .chain(&fixed)
            .any(|f| f.ends_with("shop-backend/api") && !network.iter().any(|n| f.starts_with(n))),
        "{new:?} {fixed:?}"
    );
    // Pod Security: the worker on the node's network is privileged now.
    let worker = diff["pss"]
        .as_array()
        .expect("pss")
        .iter()
        .find(|l| l["object"] == "Deployment/shop-backend/worker")
        .expect("the worker's level changes");
    assert_eq!(worker["to"], "privileged");
    assert_ne!(worker["from"], "privileged");
    // Permissions: the web account may now read pods in its namespace; nothing was taken away.
    let added = diff["permissions"]["added"].as_array().expect("added");
    assert!(added
        .iter()
        .any(|p| p["subject"] == "ServiceAccount shop-frontend/web"
            && p["scope"] == "in shop-frontend"
            && p["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("get,list,watch") && r.contains("pods"))
            && p["via"] == "RoleBinding shop-frontend/web-view -> ClusterRole view"));
    assert!(
        added
            .iter()
            .all(|p| p["subject"] == "ServiceAccount shop-frontend/web"),
        "{added:?}"
    );
    assert!(diff["permissions"]["removed"]
        .as_array()
        .expect("removed")
        .is_empty());
    // Connections: the default deny removes exactly every connection into shop-backend that BASE allowed
    // from outside shop-backend's own deny (the connlist of BASE says which), and adds none.
    let base_connlist = json(&run_in(&dir, &["connlist", "base", "-o", "json"]));
    let into_backend = base_connlist["connections"]
        .as_array()
        .expect("connections")
        .iter()
        .filter(|c| c["dst"]["namespace"] == "shop-backend")
        .count();
    assert!(into_backend > 0);
    let removed = diff["connections"]["removed"].as_array().expect("removed");
    assert_eq!(removed.len(), into_backend, "{removed:?}");
    assert!(removed
        .iter()
        .all(|c| c["dst"].as_str().is_some_and(|d| d.contains("shop-backend/"))));
    assert!(diff["connections"]["added"].as_array().expect("added").is_empty());
    // Accepted by a config that allows the web account's new permissions, failing only on critical.
    std::fs::write(
        dir.join("allow.yaml"),
        "diff:\n  allow-permissions: ['ServiceAccount shop-frontend/web in shop-frontend: *']\n",
    )
    .expect("write");
    let o = run_in(
        &dir,
        &[
            "diff",
            "base",
            "head",
            "--config",
            "allow.yaml",
            "--fail-on",
            "critical",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let md = run_in(
        &dir,
        &["diff", "base", "head", "-o", "markdown", "--config", "/dev/null"],
    );
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.starts_with("### blastwall: this change fails"), "{md}");
    assert!(md.contains("| high | BW"), "{md}");
    assert!(
        md.contains("```diff\n+ ServiceAccount shop-frontend/web in shop-frontend: get,list,watch"),
        "{md}"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn base_rev_compares_the_working_tree_with_a_git_revision() {
    let dir = temp("git");
    let repo = dir.join("repo");
    copy_shop(&repo.join("k8s"));
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .current_dir(&repo)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(args)
            .status()
            .expect("git runs")
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    change(&repo.join("k8s"));
    let by_rev = json(&run_in(
        &repo.join("k8s"),
        &["diff", "--base", "HEAD", "-o", "json", "--config", "/dev/null"],
    ));
    let base = dir.join("base");
    copy_shop(&base);
    let by_paths = json(&run_in(
        &dir,
        &["diff", "base", "repo/k8s", "-o", "json", "--config", "/dev/null"],
    ));
    for part in ["pss", "permissions", "connections"] {
        assert_eq!(by_rev[part], by_paths[part], "{part}");
    }
    assert_eq!(
        names(&by_rev["findings"]["new"], "object"),
        names(&by_paths["findings"]["new"], "object")
    );
    let o = run_in(&repo, &["diff", "--base", "no-such-rev"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-rev"));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

/// A chart whose rendering fails, naming its folder the way `helm` does (as an absolute path).
fn failing_chart(tree: &Path) {
    let web = tree.join("web");
    std::fs::create_dir_all(&web).expect("dir");
    std::fs::write(
        web.join("Chart.yaml"),
        "apiVersion: v2\nname: web\nversion: 0.1.0\n",
    )
    .expect("write");
}

#[test]
fn the_same_tree_in_another_folder_is_no_change() {
    let dir = temp("roots");
    let (base, head) = (dir.join("base"), dir.join("a/b/head"));
    for tree in [&base, &head] {
        copy_shop(tree);
        failing_chart(tree);
    }
    // A render command that fails naming the chart's absolute path, and one that is not there at all.
    let fails = dir.join("helm-that-fails");
    std::fs::write(
        &fails,
        "#!/bin/sh\necho \"Error: $(cd \"$2\" && pwd -P)/values.yaml: no such file\" >&2\nexit 1\n",
    )
    .expect("write");
    let made_executable = Command::new("chmod")
        .arg("+x")
        .arg(&fails)
        .status()
        .expect("chmod runs");
    assert!(made_executable.success());
    for helm in [fails.clone(), dir.join("no-helm-here")] {
        for (b, h) in [
            (base.clone(), head.clone()),
            (std::fs::canonicalize(&base).expect("abs"), head.clone()),
        ] {
            let o = Command::new(env!("CARGO_BIN_EXE_blastwall"))
                .current_dir(&dir)
                .env("BLASTWALL_HELM", &helm)
                .arg("diff")
                .arg(&b)
                .arg(&h)
                .args(["-o", "json", "--config", "/dev/null"])
                .output()
                .expect("blastwall runs");
            let diff = json(&o);
            let said = names(&diff["findings"]["new"], "message");
            assert!(
                said.is_empty() && diff["findings"]["fixed"].as_array().is_some_and(Vec::is_empty),
                "{} {}: {said:?} {}",
                helm.display(),
                b.display(),
                diff["findings"]["fixed"]
            );
            assert_eq!(o.status.code(), Some(0));
        }
    }
    std::fs::remove_dir_all(&dir).expect("clean up");
}
