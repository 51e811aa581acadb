//! NetworkPolicy connectivity against the expected outputs of another analyzer (np-guard/netpol-analyzer,
//! its test data in `../shared/conformance/netpol-analyzer/`): every plain-NetworkPolicy case without
//! focus or exposure options, compared as sets of (source, destination, connections). Skips with a reason
//! when the data is absent.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use blastwall_core::analysis::netpol::{connlist, network_of, Network, Side};
use blastwall_core::load::{load, Input};
use serde_json::Value;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/netpol-analyzer")
}

/// Kinds that make a case more than plain NetworkPolicy.
const OTHER_POLICY_KINDS: &[&str] = &[
    "AdminNetworkPolicy",
    "BaselineAdminNetworkPolicy",
    "UserDefinedNetwork",
    "ClusterUserDefinedNetwork",
    "NetworkAttachmentDefinition",
    "MultiNetworkPolicy",
    "VirtualMachine",
    "Ingress",
    "Route",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            out.push(path);
        }
    }
}

fn side(net: &Network, side: &Side) -> String {
    match side {
        Side::Workload(w) => {
            let w = &net.workloads[*w];
            format!("{}/{}[{}]", w.namespace, w.name, w.kind)
        }
        Side::Outside(block) => format!("{block}[External]"),
    }
}

fn ours(dir: &Path) -> BTreeSet<String> {
    let mut paths = Vec::new();
    files(dir, &mut paths);
    let inventory = load(
        paths.into_iter().map(Input::File).collect(),
        &std::sync::atomic::AtomicUsize::new(0),
    );
    let (net, _) = network_of(&inventory, false);
    connlist(&net)
        .iter()
        .map(|c| format!("{} => {} : {}", side(&net, &c.src), side(&net, &c.dst), c.conns))
        .collect()
}

fn expected(file: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(file)
        .expect("expected output")
        .lines()
        .filter(|l| l.contains(" => "))
        .map(str::to_owned)
        .collect()
}

#[test]
#[cfg_attr(not(shared_conformance), ignore = "../shared/conformance is absent")]
fn connectivity_matches_the_reference_analyzer() {
    let dir = data_dir();
    let text = std::fs::read_to_string(dir.join("cases.json")).expect("cases.json of the conformance data");
    let cases: Value = serde_json::from_str(&text).expect("json");
    let plain = |c: &&Value| {
        let empty =
            |k: &str| c[k].as_array().is_none_or(Vec::is_empty) && c[k].as_str().is_none_or(str::is_empty);
        let kinds = &cases["input_kinds"][c["input_dir"].as_str().unwrap_or("")];
        c["format"] == "txt"
            && empty("focus_workloads")
            && empty("focus_workload_peers")
            && empty("focus_conn")
            && c["exposure_analysis"] == false
            && c["multiple_networks"] == false
            && !OTHER_POLICY_KINDS.iter().any(|k| kinds.get(*k).is_some())
    };
    let selected: Vec<&Value> = cases["connlist"]
        .as_array()
        .expect("connlist")
        .iter()
        .filter(plain)
        .collect();
    let mut same = 0;
    for case in &selected {
        let input = dir.join(case["input_dir"].as_str().expect("dir"));
        let want = expected(&dir.join(case["expected"].as_str().expect("expected")));
        let got = ours(&input);
        if got == want {
            same += 1;
        } else {
            println!("== {} differs", case["input_dir"]);
            for line in want.difference(&got).take(5) {
                println!("  missing: {line}");
            }
            for line in got.difference(&want).take(5) {
                println!("  extra:   {line}");
            }
        }
    }
    println!("{same} of {} cases identical", selected.len());
    // Every case agrees. Where Kubernetes leaves a choice to the CNI plugin we follow the reference
    // analyzer: ipBlocks do not match pods unless asked (`--ipblock-matches-pods`), and host-network pods
    // are treated like other pods.
    assert!(
        selected.len() >= 40,
        "the data holds the plain-NetworkPolicy cases: {}",
        selected.len()
    );
    assert_eq!(
        same,
        selected.len(),
        "{same} of {} cases identical",
        selected.len()
    );
}
