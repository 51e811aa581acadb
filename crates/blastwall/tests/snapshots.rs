//! Snapshots of what a user reads: the text, JSON and SARIF reports of the examples and the output of every
//! command on them. A change of wording or of a finding shows as a snapshot diff to review
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test -p blastwall --test snapshots` and `git diff`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Standard output of `blastwall ARGS`, run from the repository root without colour, with the version of
/// the tool replaced so that releases do not change the snapshots.
fn output_of(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_blastwall"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("blastwall runs");
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn scan_reports_of_the_examples() {
    insta::assert_snapshot!("scan_text", output_of(&["scan", "examples/", "--color", "never"]));
    insta::assert_snapshot!("scan_json", output_of(&["scan", "examples/", "-o", "json"]));
    insta::assert_snapshot!("scan_sarif", output_of(&["scan", "examples/", "-o", "sarif"]));
}

#[test]
fn command_outputs_on_the_examples() {
    let sa = "system:serviceaccount:shop-backend:worker";
    let cases: [(&str, &[&str]); 12] = [
        ("pss_text", &["pss", "examples/"]),
        ("pss_json", &["pss", "examples/", "-o", "json"]),
        (
            "can_i_text",
            &[
                "can-i",
                "create",
                "pods",
                "-n",
                "shop-backend",
                "--as",
                sa,
                "examples/",
            ],
        ),
        (
            "can_i_json",
            &[
                "can-i",
                "create",
                "pods",
                "-n",
                "shop-backend",
                "--as",
                sa,
                "examples/",
                "-o",
                "json",
            ],
        ),
        (
            "who_can_text",
            &["who-can", "get", "secrets", "-n", "shop-backend", "examples/"],
        ),
        ("rbac_as_text", &["rbac", "--as", sa, "examples/"]),
        ("rbac_all_json", &["rbac", "--all", "examples/", "-o", "json"]),
        ("connlist_text", &["connlist", "examples/"]),
        ("connlist_json", &["connlist", "examples/", "-o", "json"]),
        (
            "reach_text",
            &[
                "reach",
                "shop-frontend/web",
                "shop-data/postgres",
                "--port",
                "5432/TCP",
                "examples/",
            ],
        ),
        ("exposure_text", &["exposure", "examples/"]),
        ("rules_text", &["rules"]),
    ];
    for (name, args) in cases {
        insta::assert_snapshot!(name, output_of(args));
    }
}
