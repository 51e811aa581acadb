//! The reports people read: the text report's order, one entry per object and rule, the table by rule, long
//! lines cut, `--severity`, `-o concise`, and `pss --fail-below`. The JSON report of the same run is the
//! yardstick for counts.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blastwall"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("blastwall runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_report(args: &[&str]) -> serde_json::Value {
    let o = run(&[args, &["-o", "json"]].concat());
    serde_json::from_slice(&o.stdout).expect("a JSON report")
}

const SEVERITIES: [&str; 5] = ["critical", "high", "medium", "low", "info"];

/// The severity of each entry's first line, in order.
fn entry_severities(text: &str) -> Vec<usize> {
    text.lines()
        .filter_map(|l| SEVERITIES.iter().position(|s| l.starts_with(&format!("{s}[BW"))))
        .collect()
}

#[test]
fn most_severe_first_one_entry_per_object_and_rule_and_a_table_by_rule() {
    let text = stdout(&run(&["scan", "examples"]));
    // Within each part (the user's findings, then the platform's), most severe first.
    let parts: Vec<&str> = text.split("── The platform's responsibility ──").collect();
    assert_eq!(parts.len(), 2, "the examples hold findings of both");
    for part in parts {
        let order = entry_severities(part);
        assert!(!order.is_empty());
        assert!(
            order.windows(2).all(|w| w[0] <= w[1]),
            "most severe first: {order:?}"
        );
    }
    // The log agent adds two dangerous capabilities: one entry that lists the second.
    assert_eq!(text.matches("high[BW107]").count(), 1, "{text}");
    assert!(
        text.contains(
            "= also: examples/shop/log-agent.yaml:55:19: container `log-agent` adds the capability NET_ADMIN"
        ),
        "{text}"
    );
    // The table counts what the JSON report holds, rule by rule.
    let report = json_report(&["scan", "examples"]);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for f in report["findings"].as_array().expect("findings") {
        if f["suppressed"] == false {
            let name = format!(
                "{} {}",
                f["rule"]["code"].as_str().expect("code"),
                f["rule"]["name"].as_str().expect("name")
            );
            *counts.entry(name).or_default() += 1;
        }
    }
    let table: BTreeMap<String, usize> = text
        .lines()
        .skip_while(|l| !l.starts_with("rule "))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            (
                format!("{} {}", cells[0], cells[1]),
                cells[3].parse().expect("a count"),
            )
        })
        .collect();
    assert_eq!(table, counts);
    assert!(text.contains("BW101 privileged-container"), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("BW101 privileged-container")
            && l.ends_with("critical      1  examples/shop/log-agent.yaml:51:13")),
        "{text}"
    );
}

#[test]
fn long_lines_are_cut_to_the_width_with_an_ellipsis() {
    let dir = std::env::temp_dir().join(format!("blastwall-text-long-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let long = "y".repeat(400);
    std::fs::write(
        dir.join("p.yaml"),
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: p, namespace: shop}}\nspec: {{hostPID: true, containers: \
[{{name: a, image: registry.example/a:1, args: [\"{long}\"]}}]}}\n"
        ),
    )
    .expect("write");
    let text = stdout(&run(&[
        "scan",
        dir.to_str().expect("utf-8"),
        "--select",
        "host-pid",
    ]));
    let source_line = text
        .lines()
        .find(|l| l.contains("spec: {hostPID"))
        .expect("the source line");
    assert!(source_line.chars().count() <= 160, "{source_line}");
    assert!(source_line.ends_with("..."), "{source_line}");
    assert!(!text.contains(&long), "the long value is never echoed whole");
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn severity_shows_only_findings_at_or_above_it_and_counts_the_rest() {
    let all = json_report(&["scan", "examples"]);
    let critical = json_report(&["scan", "examples", "--severity", "critical"]);
    let total = all["summary"]["findings"].as_u64().expect("findings");
    let shown = critical["summary"]["findings"].as_u64().expect("findings");
    assert_eq!(
        shown,
        all["summary"]["by_severity"]["critical"]
            .as_u64()
            .expect("critical")
    );
    assert_eq!(critical["summary"]["below_shown"].as_u64(), Some(total - shown));
    assert!(critical["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .all(|f| f["severity"] == "critical"));
    let o = run(&["scan", "examples", "--severity", "critical", "--fail-on", "high"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the exit status still looks at every finding"
    );
    let text = stdout(&o);
    assert!(entry_severities(&text).iter().all(|&s| s == 0), "{text}");
    assert!(
        text.contains(&format!("{} below the severity shown", total - shown)),
        "{text}"
    );
}

#[test]
fn concise_is_one_line_per_finding_with_its_position() {
    let report = json_report(&["scan", "examples"]);
    let findings: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["suppressed"] == false)
        .collect();
    let o = run(&["scan", "examples", "-o", "concise"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len());
    for (line, f) in lines.iter().zip(&findings) {
        let expected = format!(
            "{}:{}:{}: {}[{}] {}: {}",
            f["location"]["file"].as_str().expect("file"),
            f["location"]["line"],
            f["location"]["column"],
            f["severity"].as_str().expect("severity"),
            f["rule"]["code"].as_str().expect("code"),
            f["rule"]["name"].as_str().expect("name"),
            f["message"].as_str().expect("message"),
        );
        assert_eq!(*line, expected);
    }
}

#[test]
fn pss_fail_below_exits_1_when_a_workload_is_below_the_level() {
    let report: serde_json::Value =
        serde_json::from_slice(&run(&["pss", "examples", "-o", "json"]).stdout).expect("json");
    let levels: Vec<&str> = report["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|w| w["level"].as_str().expect("level"))
        .collect();
    assert!(
        levels.contains(&"privileged") && levels.contains(&"restricted"),
        "{levels:?}"
    );
    assert_eq!(
        run(&["pss", "examples", "--fail-below", "baseline"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&["pss", "examples", "--fail-below", "privileged"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(run(&["pss", "examples"]).status.code(), Some(0));
}
