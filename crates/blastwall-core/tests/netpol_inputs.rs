//! How the inputs become the network: workloads whose pods differ (a StatefulSet's pods carry their own
//! `pod-name` label, so a policy may admit one of them and not the other) are judged through every pod (the
//! union), never through whichever pod the inputs list first; a NetworkPolicy written twice is replaced by
//! the later one, as `kubectl apply` does.

use blastwall_core::analysis::netpol::{connlist, network_of, split_workloads, Endpoint, Network, Side};
use blastwall_core::load::{load, Input};

const POLICY: &str = r"
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: only-db-0, namespace: data}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: 5432}]
  egress: []
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-to-db-0, namespace: data}
spec:
  podSelector: {matchLabels: {app: api}}
  egress:
  - to: [{podSelector: {matchLabels: {statefulset.kubernetes.io/pod-name: db-0}}}]
  policyTypes: [Egress]
";

fn pod(name: &str, labels: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: data
  labels: {{{labels}}}
  ownerReferences: [{{apiVersion: apps/v1, kind: StatefulSet, name: db, uid: u, controller: true}}]
spec: {{containers: [{{name: c, image: i}}]}}
"
    )
}

const API: &str = "apiVersion: v1
kind: Pod
metadata: {name: api, namespace: data, labels: {app: api}}
spec: {containers: [{name: c, image: i}]}
";

fn network(docs: &[String]) -> Network {
    let (net, problems) = network_with_problems(docs);
    assert!(problems.is_empty(), "{problems:?}");
    net
}

fn network_with_problems(docs: &[String]) -> (Network, Vec<String>) {
    let text = docs.join("---\n");
    let input = Input::Text {
        name: "net.yaml".into(),
        bytes: text.into_bytes(),
    };
    let inventory = load(vec![input], &std::sync::atomic::AtomicUsize::new(0));
    assert!(inventory.invalid.is_empty(), "{:?}", inventory.invalid);
    let (net, problems) = network_of(&inventory, false);
    (net, problems.into_iter().map(|(_, p)| p.message).collect())
}

/// (source, destination, connections) as text, sorted.
fn listed(net: &Network) -> Vec<String> {
    let side = |s: &Side| match s {
        Side::Workload(w) => format!("{}/{}", net.workloads[*w].namespace, net.workloads[*w].name),
        Side::Outside(set) => set.to_string(),
    };
    let mut out: Vec<String> = connlist(net)
        .iter()
        .map(|c| format!("{} -> {}: {}", side(&c.src), side(&c.dst), c.conns))
        .collect();
    out.sort();
    out
}

#[test]
fn a_workload_whose_pods_differ_is_the_union_of_its_pods_whatever_the_order() {
    let db0 = pod("db-0", "app: db, statefulset.kubernetes.io/pod-name: db-0");
    let db1 = pod("db-1", "app: db, statefulset.kubernetes.io/pod-name: db-1");
    let first = network(&[db0.clone(), db1.clone(), API.into(), POLICY.into()]);
    let second = network(&[db1, db0, API.into(), POLICY.into()]);
    let expected = listed(&first);
    assert_eq!(
        listed(&second),
        expected,
        "the order of the inputs changes nothing"
    );
    // api may open 5432 to db-0 only; the workload `db` is reached through that pod.
    assert!(
        expected.contains(&"data/api -> data/db: TCP 5432".to_owned()),
        "{expected:#?}"
    );
    let split = split_workloads(&first);
    assert_eq!(split.len(), 1);
    let names: Vec<Vec<&str>> = split[0]
        .1
        .iter()
        .map(|group| group.iter().map(|p| p.name.as_str()).collect())
        .collect();
    assert_eq!(names, [["db-0"], ["db-1"]]);
    assert_eq!(first.workloads[split[0].0].name, "db");
}

#[test]
fn a_workload_whose_pods_are_alike_is_not_split() {
    let a = pod("db-0", "app: db");
    let b = pod("db-1", "app: db");
    assert!(split_workloads(&network(&[a, b, API.into(), POLICY.into()])).is_empty());
}

#[test]
fn a_network_policy_written_twice_is_replaced_by_the_later_one() {
    let deny_all = "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: data}
spec: {podSelector: {}, policyTypes: [Ingress]}
";
    let allow_all = "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: data}
spec: {podSelector: {}, ingress: [{}]}
";
    let other_pod = "apiVersion: v1
kind: Pod
metadata: {name: other, namespace: data, labels: {app: other}}
spec: {containers: [{name: c, image: i}]}
";
    let (net, problems) =
        network_with_problems(&[API.into(), other_pod.into(), deny_all.into(), allow_all.into()]);
    assert_eq!(net.policies.len(), 1, "one policy, not two merged");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("written twice"), "{problems:?}");
    let (api, other) = (&net.pods[0], &net.pods[1]);
    assert!(
        !net.allowed(Endpoint::Pod(other), Endpoint::Pod(api)).is_empty(),
        "the later policy admits all"
    );
    let (net, _) = network_with_problems(&[API.into(), other_pod.into(), allow_all.into(), deny_all.into()]);
    assert!(
        net.allowed(Endpoint::Pod(&net.pods[1]), Endpoint::Pod(&net.pods[0]))
            .is_empty(),
        "the later denies all"
    );
}

#[test]
fn where_a_policy_names_an_ipv6_block_unrestricted_traffic_lists_the_ipv6_range_too() {
    let policy = "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: v6-in, namespace: data}
spec:
  podSelector: {}
  ingress:
  - from: [{ipBlock: {cidr: '2001:db8::/32'}}]
";
    let listed = listed(&network(&[API.into(), policy.into()]));
    assert!(
        listed.contains(&"data/api -> 0.0.0.0-255.255.255.255: All Connections".to_owned())
            && listed.contains(
                &"data/api -> ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff: All Connections".to_owned()
            ),
        "egress is not restricted in either family: {listed:#?}"
    );
}

#[test]
fn a_pod_template_runs_nothing() {
    let template = "apiVersion: v1
kind: PodTemplate
metadata: {name: blueprint, namespace: data}
template:
  metadata: {labels: {app: blueprint}}
  spec: {containers: [{name: c, image: i}]}
";
    let net = network(&[API.into(), template.into()]);
    assert_eq!(net.workloads.len(), 1, "{:?}", net.workloads);
    assert_eq!(net.workloads[0].name, "api");
}
