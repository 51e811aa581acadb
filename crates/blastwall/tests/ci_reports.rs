//! The reports a CI system reads: JUnit XML (read back with a JUnit library) and the markdown comment, each
//! checked against the JSON report of the same scan.

use std::path::Path;
use std::process::{Command, Output};

use quick_junit::{NonSuccessKind, Report, TestCaseStatus};

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_blastwall"));
    c.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .args(args)
        .env_remove("GITHUB_SERVER_URL")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_SHA");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("blastwall runs")
}

fn json_findings() -> Vec<serde_json::Value> {
    let report: serde_json::Value =
        serde_json::from_slice(&run(&["scan", "examples", "-o", "json"], &[]).stdout).expect("json");
    report["findings"].as_array().expect("findings").clone()
}

#[test]
fn junit_has_a_failure_per_finding_and_a_skip_per_suppressed_one() {
    let findings = json_findings();
    let o = run(&["scan", "examples", "-o", "junit"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let junit = Report::deserialize_from_str(&String::from_utf8_lossy(&o.stdout)).expect("JUnit XML");
    let cases: Vec<_> = junit.test_suites.iter().flat_map(|s| &s.test_cases).collect();
    let failures = cases
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                TestCaseStatus::NonSuccess {
                    kind: NonSuccessKind::Failure,
                    ..
                }
            )
        })
        .count();
    let skipped = cases
        .iter()
        .filter(|c| matches!(c.status, TestCaseStatus::Skipped { .. }))
        .count();
    let suppressed = findings.iter().filter(|f| f["suppressed"] != false).count();
    assert_eq!(failures, findings.len() - suppressed);
    assert_eq!(skipped, suppressed);
    assert!(suppressed > 0, "the examples hold suppressed findings");
    let privileged = junit
        .test_suites
        .iter()
        .find(|s| s.name.as_str() == "BW101 privileged-container")
        .expect("a suite per rule");
    assert_eq!(
        privileged.test_cases[0].name.as_str(),
        "DaemonSet/shop-backend/log-agent at spec.template.spec.containers[name=log-agent].securityContext.privileged (examples/shop/log-agent.yaml:51:13)"
    );
    // Every rule that ran has a suite; those that found nothing pass.
    assert!(junit
        .test_suites
        .iter()
        .any(|s| s.failures == 0 && s.test_cases.len() == 1));
}

#[test]
fn markdown_is_a_comment_with_the_most_severe_findings_linked_to_their_lines() {
    let findings = json_findings();
    let shown = findings.iter().filter(|f| f["suppressed"] == false).count();
    let o = run(&["scan", "examples", "-o", "markdown"], &[]);
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(
        md.starts_with("### blastwall: fails (fails on low and above)\n"),
        "{md}"
    );
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| severity"))
        .collect();
    assert_eq!(rows.len(), shown.min(50));
    assert!(rows[0].starts_with("| critical |"), "{md}");
    assert!(md.contains(&format!("…and {} more", shown - 50)), "{md}");
    assert!(
        md.contains("[examples/shop/log-agent.yaml:51](examples/shop/log-agent.yaml#L51)"),
        "relative links outside CI: {md}"
    );
    let o = run(
        &["scan", "examples", "-o", "markdown"],
        &[
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "acme/shop"),
            ("GITHUB_SHA", "0123abc"),
        ],
    );
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(
        md.contains("(https://github.com/acme/shop/blob/0123abc/examples/shop/log-agent.yaml#L51)"),
        "{md}"
    );
}
