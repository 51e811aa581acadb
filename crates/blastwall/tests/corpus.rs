//! Robustness over the real-world corpus in `../shared/corpus`: every file read, every object counted,
//! the known unparseable files reported as `invalid-manifest`, no crash, exit 0 or 1. Skips with a
//! reason when the corpus is absent.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// The corpus's unparseable files, as its README counts them (one in polaris, two in
/// network-policy-api, two in linkerd2, three in gatekeeper).
const UNPARSEABLE: [&str; 8] = [
    "FairwindsOps__polaris/pkg/kube/test_files/test_3/bad.yaml",
    "kubernetes-sigs__network-policy-api/site-src/user-story-examples/user-story-4-v1.yaml",
    "kubernetes-sigs__network-policy-api/site-src/user-story-examples/user-story-4-v2.yaml",
    "linkerd__linkerd2/cli/cmd/testdata/inject_gettest_deployment.bad.input.yml",
    "linkerd__linkerd2/test/integration/deep/dualstack/testdata/ipfamilies-policy.yml",
    "open-policy-agent__gatekeeper/test/gator/test/fixtures/manifests/invalid-resources/constraint.yaml",
    "open-policy-agent__gatekeeper/test/gator/test/fixtures/manifests/invalid-resources/object.yaml",
    "open-policy-agent__gatekeeper/test/gator/test/fixtures/manifests/invalid-resources/template.yaml",
];

#[test]
#[cfg_attr(not(shared_corpus), ignore = "../shared/corpus is absent")]
fn the_whole_corpus_is_read_without_loss() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    // Without helm and kubectl, every file is read as it is (the corpus holds Kustomize folders, no charts),
    // and each Kustomize folder is said once as unrendered.
    let no_commands = std::env::temp_dir().join(format!("blastwall-corpus-path-{}", std::process::id()));
    std::fs::create_dir_all(&no_commands).expect("an empty folder");
    let out = Command::new(env!("CARGO_BIN_EXE_blastwall"))
        .arg("scan")
        .arg(&corpus)
        .args(["-o", "json"])
        .env("PATH", &no_commands)
        .env_remove("BLASTWALL_HELM")
        .output()
        .expect("blastwall runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let summary = &report["summary"];
    let files = walk(&corpus);
    assert_eq!(
        summary["files"].as_u64(),
        Some(files as u64),
        "every manifest file is read"
    );
    let objects = summary["objects"].as_u64().expect("objects");
    assert!(
        (13_900..=14_100).contains(&objects),
        "about 14,000 objects, read {objects}"
    );
    let invalid: BTreeSet<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"]["name"] == "invalid-manifest")
        .filter_map(|f| f["location"]["file"].as_str())
        .map(|f| f.split("corpus/").nth(1).unwrap_or(f).to_owned())
        .collect();
    for file in UNPARSEABLE {
        assert!(invalid.contains(file), "{file} is reported as invalid-manifest");
    }
    let unrendered = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"]["name"] == "unrendered-templates")
        .count();
    assert_eq!(unrendered, kustomize_roots(&corpus).len());
    println!(
        "corpus: {files} files, {objects} objects, {} files with invalid documents",
        invalid.len()
    );
}

/// The outermost folders that hold a kustomization file.
fn kustomize_roots(corpus: &Path) -> Vec<std::path::PathBuf> {
    fn find(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let names = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
        if names.iter().any(|n| dir.join(n).is_file()) {
            out.push(dir.to_path_buf());
            return;
        }
        for entry in std::fs::read_dir(dir).expect("readable").flatten() {
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if !hidden && entry.path().is_dir() {
                find(&entry.path(), out);
            }
        }
    }
    let mut out = Vec::new();
    find(corpus, &mut out);
    out
}

fn walk(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("readable")
        .flatten()
        .map(|e| {
            let path = e.path();
            let hidden = e.file_name().to_string_lossy().starts_with('.');
            if hidden {
                0
            } else if path.is_dir() {
                walk(&path)
            } else {
                usize::from(
                    path.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| ["yaml", "yml", "json"].contains(&x)),
                )
            }
        })
        .sum()
}
