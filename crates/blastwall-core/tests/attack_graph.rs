//! The attack graph's fixtures: `tests/attack/<edge-kind>/` holds, for every kind of edge, a `path*.yaml`
//! whose shortest path uses that kind and a `near-miss*.yaml` that differs by what cuts it;
//! `tests/attack/scenarios/` holds multi-step attacks. Each file says in its first comment lines where the
//! search starts and ends and which steps the shortest path takes:
//!
//! ```yaml
//! # from: system:serviceaccount:ops:ci      (a user or service account, `internet`, or `workload NS/NAME`)
//! # to: cluster-admin                       (or nodes, secrets, workload NS/NAME)
//! # expect: create-pod holds                (the kinds of the steps in order, or `none`)
//! # k8s-version: 1.34                       (optional)
//! ```

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use blastwall_core::analysis::analyses::Analyses;
use blastwall_core::analysis::attack::{
    end_vertices, paths_to, reach_from, start_vertex, workload_named, EdgeKind, End, NetworkMoves, Start,
};
use blastwall_core::analysis::rbac::{KubeVersion, User};
use blastwall_core::load::{load, Input};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/attack")
}

/// A fixture's header: `# key: value` lines at the top.
fn header(text: &str, key: &str) -> Option<String> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix(&format!("# {key}:")).map(|v| v.trim().to_owned()))
}

/// The kinds of the steps of the shortest path the fixture describes, or `none`.
fn shortest(file: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let from = header(&text, "from").ok_or("no `# from:` line")?;
    let to = header(&text, "to").ok_or("no `# to:` line")?;
    let version: Option<KubeVersion> = header(&text, "k8s-version").map(|v| v.parse().expect("a version"));
    let inventory = load(vec![Input::File(file.to_path_buf())], &AtomicUsize::new(0));
    let analyses = Analyses::new(&inventory, Some(version.unwrap_or(KubeVersion::LATEST)))
        .with_version(version.unwrap_or(KubeVersion::LATEST));
    let user =
        (!from.starts_with("workload ") && from != "internet").then(|| User::authenticated(&from, &[]));
    let mut graph = analyses.attack_graph_for(user.as_ref());
    let start = match (&user, from.strip_prefix("workload ")) {
        (Some(user), _) => Start::Identity(user.clone()),
        (None, Some(name)) => {
            Start::Workload(workload_named(&graph, &inventory, name).map_err(|e| e.to_string())?)
        }
        (None, None) => Start::Internet,
    };
    let end = match to.as_str() {
        "cluster-admin" => End::ClusterAdmin,
        "nodes" => End::Nodes,
        "secrets" => End::Secrets,
        other => {
            let name = other.strip_prefix("workload ").ok_or("bad `# to:`")?;
            End::Workload(workload_named(&graph, &inventory, name).map_err(|e| e.to_string())?)
        }
    };
    let from = start_vertex(&mut graph, &start);
    let moves = NetworkMoves::new(&analyses.network().0, &graph.graph);
    let ends = end_vertices(&graph, end);
    let paths = paths_to(&graph, &reach_from(&graph, from, 8, &moves, &ends), &ends);
    // A search that stops at the ends finds paths as short as one that explores everything.
    let everything = paths_to(&graph, &reach_from(&graph, from, 8, &moves, &[]), &ends);
    let lengths = |found: &[blastwall_core::analysis::attack::Path]| {
        found.iter().map(|p| p.steps.len()).collect::<Vec<_>>()
    };
    if lengths(&paths) != lengths(&everything) {
        return Err(format!(
            "the search stopping at the ends found paths of {:?} steps, the full one {:?}",
            lengths(&paths),
            lengths(&everything)
        ));
    }
    Ok(paths.first().map_or_else(
        || "none".to_owned(),
        |p| {
            p.steps
                .iter()
                .map(|s| s.kind.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        },
    ))
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|f| f.extension().is_some_and(|e| e == "yaml"));
    files.sort();
    files
}

#[test]
fn every_fixture_takes_the_path_it_expects() {
    let mut problems = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root())
        .expect("tests/attack")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut checked = 0;
    for dir in dirs {
        for file in yaml_files(&dir) {
            let text = std::fs::read_to_string(&file).expect("read");
            let Some(expect) = header(&text, "expect") else {
                problems.push(format!("{}: no `# expect:` line", file.display()));
                continue;
            };
            match shortest(&file) {
                Ok(got) if got == expect => checked += 1,
                Ok(got) => problems.push(format!(
                    "{}: expected `{expect}`, the shortest path is `{got}`",
                    file.display()
                )),
                Err(e) => problems.push(format!("{}: {e}", file.display())),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 0, "no fixture ran");
}

/// Every kind of edge but hub membership has a folder with a path that uses it and a near miss.
#[test]
fn every_edge_kind_has_a_path_and_a_near_miss() {
    let kinds = [
        EdgeKind::Exposed,
        EdgeKind::Network,
        EdgeKind::Token,
        EdgeKind::Escape,
        EdgeKind::NodePods,
        EdgeKind::KubeletCredentials,
        EdgeKind::CreatePod,
        EdgeKind::PrivilegedPod,
        EdgeKind::RelabelNamespace,
        EdgeKind::Exec,
        EdgeKind::ModifyPod,
        EdgeKind::ModifyWorkload,
        EdgeKind::ReadSecrets,
        EdgeKind::ReadTokenSecret,
        EdgeKind::CreateTokenSecret,
        EdgeKind::MintToken,
        EdgeKind::Impersonate,
        EdgeKind::BindRole,
        EdgeKind::EscalateRole,
        EdgeKind::KubeletApi,
        EdgeKind::ClientCertificate,
        EdgeKind::AdmissionWebhook,
        EdgeKind::HostPathVolume,
        EdgeKind::Holds,
        EdgeKind::Everything,
    ];
    let mut missing = Vec::new();
    for kind in kinds {
        let dir = root().join(kind.as_str());
        let files = yaml_files(&dir);
        let named = |prefix: &str| {
            files.iter().any(|f| {
                f.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix))
            })
        };
        let uses_it = files.iter().any(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            header(&text, "expect").is_some_and(|e| e.split(' ').any(|k| k == kind.as_str()))
        });
        if !(named("path") && named("near-miss") && uses_it) {
            missing.push(kind.as_str());
        }
    }
    assert!(
        missing.is_empty(),
        "edge kinds without a path*.yaml using them and a near-miss*.yaml: {missing:?}"
    );
}
