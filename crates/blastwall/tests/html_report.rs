//! The HTML report opened in a real browser (Debian's headless Chromium): the page is self-contained, its
//! charts and table are there after its script ran, the filter in the URL hides what does not match, and a
//! screenshot is taken (target/html-report.png) for people to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The page's DOM after its script ran, at `url`.
fn dom(url: &str) -> String {
    let out = Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url])
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn visible_rows(dom: &str) -> usize {
    let body = dom.split("<tbody>").nth(1).expect("a table body");
    body.split("<tr ")
        .skip(1)
        .filter(|row| !row.split('>').next().unwrap_or("").contains("display: none"))
        .count()
}

#[test]
#[cfg_attr(not(chromium), ignore = "no chromium on PATH (apt-get install chromium)")]
fn the_html_report_shows_charts_paths_and_a_filterable_table_in_a_browser() {
    let file = root().join("target/html-report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_blastwall"))
        .current_dir(root())
        .args([
            "scan",
            "examples",
            "-o",
            &format!("html={}", file.display()),
            "-o",
            "json",
        ])
        .output()
        .expect("blastwall runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let findings: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["suppressed"] == false)
        .collect();
    let html = std::fs::read_to_string(&file).expect("the page");
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("src="),
        "self-contained"
    );
    let url = format!("file://{}", file.display());
    let page = dom(&url);
    // Charts: a bar per severity, a bar per category that has findings.
    let severity_chart = page
        .split("id=\"by-severity\"")
        .nth(1)
        .expect("the severity chart");
    assert_eq!(
        severity_chart
            .split("</svg>")
            .next()
            .unwrap_or("")
            .matches("<rect")
            .count(),
        5
    );
    assert!(page.contains("id=\"by-category\""));
    // Attack paths: the examples hold one to cluster-admin.
    let paths = page.split("id=\"paths\"").nth(1).expect("the paths section");
    assert!(paths
        .split("</section>")
        .next()
        .unwrap_or("")
        .contains("cluster-admin"));
    // The table: every finding, each with its snippet; the script counted them.
    assert_eq!(visible_rows(&page), findings.len());
    assert!(
        page.contains(&format!("{0} of {0} findings shown", findings.len())),
        "the script ran"
    );
    assert!(page.contains("<pre class=\"snippet\">            privileged: true</pre>"));
    // A filter in the URL leaves only the matching rows.
    let privileged = findings
        .iter()
        .filter(|f| f["rule"]["name"] == "privileged-container")
        .count();
    assert_eq!(
        visible_rows(&dom(&format!("{url}#q=privileged-container"))),
        privileged
    );
    let critical = findings.iter().filter(|f| f["severity"] == "critical").count();
    assert_eq!(visible_rows(&dom(&format!("{url}#severity=critical"))), critical);
    // A screenshot, for people.
    let png = root().join("target/html-report.png");
    let _ = std::fs::remove_file(&png);
    Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1280,1600",
        ])
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "{} bytes",
        bytes.len()
    );
}
