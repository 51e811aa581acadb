//! The connection part of `blastwall diff` against an independent implementation of NetworkPolicy
//! semantics: IBM's network-config-analyzer (`nca --semantic_diff`, from PyPI), on small clean inputs. NCA
//! writes its answer as cubes (namespaces x workloads x namespaces x workloads x connections); they are
//! expanded to workload pairs and compared with the diff's pairs, both ways. Connections of a workload to
//! itself are left out (NCA does not report them); so are address blocks (the tools cut them differently).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const COMMON: &str = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {team: a}}\n---\n\
apiVersion: v1\nkind: Namespace\nmetadata: {name: b, labels: {team: b}}\n---\n\
apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\nspec:\n  selector: {matchLabels: \
{app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: x, ports: \
[{containerPort: 8080}]}]}\n---\n\
apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db, namespace: a}\nspec:\n  selector: {matchLabels: \
{app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: c, image: x, ports: \
[{containerPort: 5432}]}]}\n---\n\
apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: client, namespace: b}\nspec:\n  selector: {matchLabels: \
{app: client}}\n  template:\n    metadata: {labels: {app: client}}\n    spec: {containers: [{name: c, image: x}]}\n";

const DENY_INGRESS_A: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, \
namespace: a}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n";

const ALLOW_DB: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-db, \
namespace: a}\nspec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress]\n  ingress:\n  - from: \
[{namespaceSelector: {matchLabels: {team: b}}}, {podSelector: {matchLabels: {app: web}}}]\n    ports: [{port: \
5432, protocol: TCP}]\n";

const DENY_EGRESS_B: &str =
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-out, \
namespace: b}\nspec: {podSelector: {}, policyTypes: [Egress]}\n";

/// The workloads of COMMON, by namespace.
const WORKLOADS: [(&str, &str); 3] = [("a", "web"), ("a", "db"), ("b", "client")];

type Pairs = BTreeSet<(String, String, String)>;

fn write_tree(dir: &Path, parts: &[&str]) {
    std::fs::create_dir_all(dir).expect("dir");
    for (i, part) in parts.iter().enumerate() {
        std::fs::write(dir.join(format!("{i}.yaml")), part).expect("write");
    }
}

/// `[a,b]` as names.
fn list(cell: &str) -> Vec<String> {
    cell.trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The workloads a cube's side names: every workload of its namespaces for `[*]`.
fn side(namespaces: &str, workloads: &str) -> Vec<String> {
    let namespaces = list(namespaces);
    let names = list(workloads);
    WORKLOADS
        .iter()
        .filter(|(ns, name)| {
            namespaces.iter().any(|n| n == ns)
                && (names == ["*"] || names.iter().any(|w| w == name || *w == format!("{ns}/{name}")))
        })
        .map(|(ns, name)| format!("{ns}/{name}"))
        .collect()
}

fn nca_conns(cell: &str) -> String {
    if cell.eq_ignore_ascii_case("All connections") {
        return "all".to_owned();
    }
    let field = |key: &str| {
        cell.trim_matches(|c| c == '{' || c == '}')
            .split(',')
            .find_map(|kv| kv.strip_prefix(key))
            .unwrap_or("")
            .to_owned()
    };
    format!("{} {}", field("protocols:"), field("dst_ports:"))
}

/// NCA's added and removed workload pairs.
fn nca(base: &Path, head: &Path) -> (Pairs, Pairs) {
    let out = Command::new("nca")
        .arg("--semantic_diff")
        .arg(head)
        .arg("--base_np_list")
        .arg(base)
        .arg("--resource_list")
        .arg(head)
        .arg("--base_resource_list")
        .arg(base)
        .args(["--output_format", "csv", "--output_endpoints", "deployments"])
        .output()
        .expect("nca runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let (mut added, mut removed) = (Pairs::new(), Pairs::new());
    let mut into: Option<bool> = None;
    for line in text.lines().filter(|l| l.starts_with('"')) {
        let cells: Vec<&str> = line
            .split("\",\"")
            .map(|c| c.trim_matches(|c| c == '"' || c == ','))
            .collect();
        if !cells[0].is_empty() {
            into = cells[0]
                .contains("between persistent peers")
                .then(|| cells[0].starts_with("Added"));
            if cells[0].contains("ipBlocks") {
                into = None;
            }
            continue;
        }
        let Some(is_added) = into else { continue };
        let conns = nca_conns(cells[5]);
        for src in side(cells[1], cells[2]) {
            for dst in side(cells[3], cells[4]) {
                if src != dst {
                    let set = if is_added { &mut added } else { &mut removed };
                    set.insert((src.clone(), dst, conns.clone()));
                }
            }
        }
    }
    (added, removed)
}

fn blastwall(base: &Path, head: &Path) -> (Pairs, Pairs) {
    let out = Command::new(env!("CARGO_BIN_EXE_blastwall"))
        .arg("diff")
        .arg(base)
        .arg(head)
        .args(["-o", "json", "--config", "/dev/null"])
        .output()
        .expect("blastwall runs");
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let pairs = |part: &str| -> Pairs {
        diff["connections"][part]
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|c| {
                let strip = |s: &str| s.split('[').next().unwrap_or(s).to_owned();
                let (src, dst) = (c["src"].as_str()?, c["dst"].as_str()?);
                if src.ends_with("[External]") || dst.ends_with("[External]") || src == dst {
                    return None;
                }
                let conns = c["conns"].as_str()?;
                let conns = if conns.eq_ignore_ascii_case("All Connections") {
                    "all".to_owned()
                } else {
                    conns.to_owned()
                };
                Some((strip(src), strip(dst), conns))
            })
            .collect()
    };
    (pairs("added"), pairs("removed"))
}

#[test]
#[cfg_attr(not(nca), ignore = "no nca on PATH (pip install network-config-analyzer)")]
fn connections_added_and_removed_agree_with_network_config_analyzer() {
    let scenarios: [(&str, Vec<&str>, Vec<&str>); 3] = [
        (
            "an allow rule opens the database",
            vec![COMMON, DENY_INGRESS_A],
            vec![COMMON, DENY_INGRESS_A, ALLOW_DB],
        ),
        (
            "a default deny goes away",
            vec![COMMON, DENY_INGRESS_A],
            vec![COMMON],
        ),
        ("an egress deny comes", vec![COMMON], vec![COMMON, DENY_EGRESS_B]),
    ];
    let root = std::env::temp_dir().join(format!("blastwall-nca-{}", std::process::id()));
    for (i, (what, base, head)) in scenarios.iter().enumerate() {
        let (b, h) = (root.join(format!("{i}/base")), root.join(format!("{i}/head")));
        write_tree(&b, base);
        write_tree(&h, head);
        let ours = blastwall(&b, &h);
        let theirs = nca(&b, &h);
        assert!(
            !ours.0.is_empty() || !ours.1.is_empty(),
            "{what}: the change changes connections"
        );
        assert_eq!(ours, theirs, "{what}: (added, removed) by blastwall, then by NCA");
    }
    std::fs::remove_dir_all(&root).expect("clean up");
}
