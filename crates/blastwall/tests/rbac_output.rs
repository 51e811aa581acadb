//! What the RBAC commands print beside their answer: warnings about the inputs once as a count (all with
//! `--verbose`, none with `--quiet`), the binding and role behind each permission of `rbac --as`, and `rbac
//! --all` limited to the inputs' own subjects unless `--include-builtin`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blastwall"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .args(args)
        .output()
        .expect("blastwall runs")
}

/// A folder with one RoleBinding and three RBAC documents the API server refuses.
fn inputs_with_broken_documents() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("blastwall-rbac-output-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("rbac.yaml"),
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: read, namespace: shop}\n\
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n\
subjects: [{kind: User, name: alice}]\n---\n\
apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: 5, namespace: shop}\nrules: []\n---\n\
apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\n\
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n\
subjects: [{kind: ServiceAccount, name: ci}]\n---\n\
apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: c, namespace: shop}\n\
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Secret, name: view}\nsubjects: []\n",
    )
    .expect("write");
    dir
}

#[test]
fn warnings_about_the_inputs_are_a_count_unless_asked_for() {
    let dir = inputs_with_broken_documents();
    let d = dir.to_str().expect("utf-8");
    let plain = run(&["can-i", "get", "pods", "--as", "alice", "-n", "shop", "-f", d]);
    assert_eq!(plain.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&plain.stdout), "yes\n");
    let stderr = String::from_utf8_lossy(&plain.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(
        warnings,
        ["warning: 3 documents could not be read and are left out of the answer (--verbose lists them)"]
    );
    let verbose = run(&["who-can", "get", "pods", "-n", "shop", "-f", d, "--verbose"]);
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("warning:")).count(),
        3,
        "{stderr}"
    );
    assert!(
        stderr.contains("rbac.yaml:9:18:"),
        "each with its position: {stderr}"
    );
    let quiet = run(&["rbac", "--as", "alice", "-f", d, "--quiet"]);
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("warning:"));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn rbac_as_names_the_binding_and_role_behind_each_permission_in_aligned_columns() {
    let o = run(&[
        "rbac",
        "--as",
        "system:serviceaccount:shop-backend:api",
        "-f",
        "examples/",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .rposition(|l| l.starts_with("RESOURCES"))
        .expect("the namespace's table");
    let row = lines[header + 1];
    assert!(row.starts_with("configmaps "), "{text}");
    assert!(
        row.ends_with("RoleBinding shop-backend/api-config-reader (examples/shop/rbac.yaml:17) -> Role api-config-reader"),
        "{text}"
    );
    // Every column starts where its header does.
    for title in ["NON-RESOURCE URLS", "RESOURCE NAMES", "VERBS", "VIA"] {
        let at = lines[header].find(title).expect("a column");
        assert_eq!(&row[at - 3..at], "   ", "{title} is aligned: {text}");
        assert_ne!(row.as_bytes()[at], b' ', "{title} is aligned: {text}");
    }
}

#[test]
fn rbac_all_lists_the_inputs_own_subjects_and_built_in_ones_on_request() {
    let subjects = |extra: &[&str]| -> Vec<String> {
        let o = run(&[&["rbac", "--all", "-f", "examples/", "-o", "json"], extra].concat());
        let answer: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        answer["subjects"]
            .as_array()
            .expect("subjects")
            .iter()
            .map(|s| {
                format!(
                    "{} {}",
                    s["kind"].as_str().expect("kind"),
                    s["name"].as_str().expect("name")
                )
            })
            .collect()
    };
    let own = subjects(&[]);
    assert!(own.contains(&"ServiceAccount worker".to_owned()), "{own:?}");
    assert!(own.contains(&"Group shop-oncall".to_owned()), "{own:?}");
    assert!(
        !own.iter().any(|s| s.contains("system:kube-scheduler")),
        "{own:?}"
    );
    let every = subjects(&["--include-builtin"]);
    assert!(
        every.contains(&"User system:kube-scheduler".to_owned()),
        "{every:?}"
    );
    assert_eq!(
        &every[..own.len()],
        own.as_slice(),
        "the inputs' own subjects come first"
    );
}
