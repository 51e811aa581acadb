//! NetworkPolicy corner cases, each pinned to Kubernetes' documented behaviour: policyTypes defaulting,
//! per-direction isolation, empty versus absent selectors, AND versus OR peers, named ports per
//! destination, endPort, protocols, ipBlock except, the namespace name label, and ipBlocks that match pods
//! only when asked.

use blastwall_core::analysis::netpol::{network_of, Endpoint, IpSet, Matrix, Network, Protocol};
use blastwall_core::load::{load, Input};

/// Pods: `a` (app=a) and `b` (app=b, port `http`=8080/TCP, `dns`=53/UDP) in namespace `alpha`, and `c`
/// (app=c, port `http`=9090) in namespace `beta` (labelled team=blue), `d` (app=d) in `gamma` (no Namespace
/// object). (Names such as `y` would be booleans to kubectl's YAML reader.)
const PODS: &str = r"
apiVersion: v1
kind: Namespace
metadata: {name: beta, labels: {team: blue}}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: alpha, labels: {app: a}}
spec: {containers: [{name: c, image: i}]}
status: {podIP: 10.0.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: alpha, labels: {app: b}}
spec:
  containers:
  - name: c
    image: i
    ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]
---
apiVersion: v1
kind: Pod
metadata: {name: c, namespace: beta, labels: {app: c}}
spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 9090}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: d, namespace: gamma, labels: {app: d}}
spec: {containers: [{name: c, image: i}]}
";

fn network(policies: &str, ipblocks_match_pods: bool) -> Network {
    let text = format!("{PODS}---\n{policies}");
    let input = Input::Text {
        name: "net.yaml".into(),
        bytes: text.into_bytes(),
    };
    let inventory = load(vec![input], &std::sync::atomic::AtomicUsize::new(0));
    assert!(inventory.invalid.is_empty(), "{:?}", inventory.invalid);
    let (net, problems) = network_of(&inventory, ipblocks_match_pods);
    assert!(problems.is_empty(), "{problems:?}");
    net
}

/// The class matrix must decide every pair of pods as the per-pod decision does.
fn matrix_agrees(net: &Network, why: &str) {
    let matrix = Matrix::new(net);
    for (i, a) in net.pods.iter().enumerate() {
        for (j, b) in net.pods.iter().enumerate() {
            let exact = net.allowed(Endpoint::Pod(a), Endpoint::Pod(b));
            let fast = matrix.between(matrix.class_of_pod[i], matrix.class_of_pod[j]);
            assert_eq!(fast, exact, "{why}: {} -> {}", a.name, b.name);
        }
        for address in ["10.2.3.4", "10.1.3.4", "192.168.0.1"] {
            let outside = IpSet::address(address.parse().expect("ip"));
            let class = matrix.class_of_pod[i];
            let inbound = net.allowed(Endpoint::Outside(&outside), Endpoint::Pod(a));
            assert_eq!(
                matrix.with_outside(class, &outside, false),
                inbound,
                "{why}: {address} -> {}",
                a.name
            );
            let outbound = net.allowed(Endpoint::Pod(a), Endpoint::Outside(&outside));
            assert_eq!(
                matrix.with_outside(class, &outside, true),
                outbound,
                "{why}: {} -> {address}",
                a.name
            );
        }
    }
}

fn pod<'a>(net: &'a Network, name: &str) -> Endpoint<'a> {
    Endpoint::Pod(net.pods.iter().find(|p| p.name == name).expect("pod"))
}

/// (policies, from, to, protocol, port, allowed, why)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Protocol,
    u16,
    bool,
    &'static str,
);

const DENY_B: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: alpha}\nspec: {podSelector: {matchLabels: {app: b}}}\n";

fn policy(namespace: &str, spec: &str) -> String {
    format!("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p, namespace: {namespace}}}\nspec:\n{spec}")
}

#[test]
fn pod_to_pod_corner_cases() {
    let p = |ns: &str, spec: &str| -> &'static str { Box::leak(policy(ns, spec).into_boxed_str()) };
    let rows: Vec<Row> = vec![
        ("", "a", "b", Protocol::Tcp, 1, true, "no policy: everything is open"),
        (DENY_B, "a", "b", Protocol::Tcp, 8080, false, "policyTypes absent: Ingress, so selecting b denies its ingress"),
        (DENY_B, "b", "a", Protocol::Tcp, 80, true, "…but not its egress"),
        (p("alpha", "  podSelector: {matchLabels: {app: a}}\n  egress: [{to: [{podSelector: {matchLabels: {app: c}}}]}]\n"), "b", "a", Protocol::Tcp, 80, false,
            "a policy with only egress rules and no policyTypes also isolates ingress"),
        (p("alpha", "  podSelector: {matchLabels: {app: a}}\n  egress: []\n"), "a", "b", Protocol::Tcp, 80, true,
            "an empty egress list does not make Egress a policy type"),
        (p("alpha", "  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{from: [{podSelector: {matchLabels: {app: nobody}}}]}]\n"), "c", "a", Protocol::Tcp, 80, true,
            "ingress rules of a policy without Ingress in policyTypes do nothing"),
        (p("alpha", "  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {}}]}]\n"), "d", "b", Protocol::Tcp, 80, true,
            "namespaceSelector {} admits pods of every namespace"),
        (p("alpha", "  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]\n"), "c", "b", Protocol::Tcp, 80, false,
            "podSelector {} alone means the policy's own namespace"),
        (p("alpha", "  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {team: blue}}, podSelector: {matchLabels: {app: a}}}]}]\n"), "c", "b", Protocol::Tcp, 80, false,
            "namespace and pod selector in one peer: both must match (c is not app=a)"),
        (p("alpha", "  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {team: blue}}}, {podSelector: {matchLabels: {app: a}}}]}]\n"), "c", "b", Protocol::Tcp, 80, true,
            "two peers: either may match (c's namespace is team=blue)"),
        (p("alpha", "  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: gamma}}}]}]\n"), "d", "b", Protocol::Tcp, 80, true,
            "every namespace carries its name label, with or without a Namespace object"),
        (p("alpha", "  podSelector: {}\n  ingress: [{from: [{podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [web]}]}}]}]\n"), "a", "b", Protocol::Tcp, 80, true,
            "NotIn matches pods that lack the key"),
        (p("alpha", "  podSelector: {matchLabels: {app: b}}\n  ingress: [{ports: [{port: http}]}]\n"), "a", "b", Protocol::Tcp, 8080, true,
            "a named port resolves against the destination pod"),
        (p("alpha", "  podSelector: {matchLabels: {app: b}}\n  ingress: [{ports: [{port: http}]}]\n"), "a", "b", Protocol::Tcp, 9090, false,
            "…to its own number, not another pod's"),
        (p("alpha", "  podSelector: {matchLabels: {app: b}}\n  ingress: [{ports: [{port: dns}]}]\n"), "a", "b", Protocol::Udp, 53, false,
            "a named port matches only with the rule's protocol (TCP by default; dns is UDP)"),
        (p("alpha", "  podSelector: {matchLabels: {app: a}}\n  policyTypes: [Egress]\n  egress: [{ports: [{port: http}]}]\n"), "a", "c", Protocol::Tcp, 9090, true,
            "in egress the named port resolves against each destination (c: 9090)"),
        (p("alpha", "  podSelector: {matchLabels: {app: b}}\n  ingress: [{ports: [{port: 8000, endPort: 8100}]}]\n"), "a", "b", Protocol::Tcp, 8080, true,
            "endPort makes a range"),
        (p("alpha", "  podSelector: {matchLabels: {app: b}}\n  ingress: [{ports: [{port: 8000, endPort: 8100}]}]\n"), "a", "b", Protocol::Tcp, 8101, false,
            "…that ends at endPort"),
        (p("alpha", "  podSelector: {matchLabels: {app: b}}\n  ingress: [{ports: [{protocol: UDP, port: 53}]}]\n"), "a", "b", Protocol::Tcp, 53, false,
            "a UDP rule does not open TCP on the same port"),
        (p("alpha", "  podSelector: {matchLabels: {app: b}}\n  ingress: [{ports: [{protocol: SCTP}]}]\n"), "a", "b", Protocol::Sctp, 7, true,
            "a protocol without a port opens every port of it"),
        (p("alpha", "  podSelector: {matchLabels: {app: b}}\n  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]\n"), "a", "b", Protocol::Tcp, 80, false,
            "ipBlocks do not match pods unless asked"),
    ];
    for (policies, from, to, protocol, port, expected, why) in rows {
        let net = network(policies, false);
        let got = net.allowed(pod(&net, from), pod(&net, to)).allows(protocol, port);
        assert_eq!(got, expected, "{why}");
        matrix_agrees(&net, why);
    }
    // Two policies add up: one denies everything, the other admits a.
    let both = format!("{DENY_B}---\n{}", policy("alpha", "  podSelector: {matchLabels: {app: b}}\n  ingress: [{from: [{podSelector: {matchLabels: {app: a}}}]}]\n"));
    let net = network(&both, false);
    assert!(
        net.allowed(pod(&net, "a"), pod(&net, "b")).is_all(),
        "policies are a union of allows"
    );
    assert!(
        net.allowed(pod(&net, "c"), pod(&net, "b")).is_empty(),
        "…and only those"
    );
}

#[test]
fn addresses_and_ip_blocks() {
    let spec = "  podSelector: {matchLabels: {app: b}}\n  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]\n";
    let net = network(&policy("alpha", spec), false);
    let outside = |ip: &str| IpSet::address(ip.parse().expect("ip"));
    let b = pod(&net, "b");
    assert!(
        net.allowed(Endpoint::Outside(&outside("10.2.3.4")), b).is_all(),
        "inside the cidr"
    );
    assert!(
        net.allowed(Endpoint::Outside(&outside("10.1.3.4")), b).is_empty(),
        "inside an except"
    );
    assert!(
        net.allowed(Endpoint::Outside(&outside("192.168.0.1")), b)
            .is_empty(),
        "outside the cidr"
    );
    assert!(
        net.allowed(b, Endpoint::Outside(&outside("192.168.0.1")))
            .is_all(),
        "b's egress is not isolated"
    );
    let net = network(&policy("alpha", spec), true);
    matrix_agrees(&net, "ipBlocks matching pods");
    assert!(
        net.allowed(pod(&net, "a"), pod(&net, "b")).is_all(),
        "with the switch, a's IP 10.0.0.1 is in the block"
    );
    assert!(
        net.allowed(pod(&net, "c"), pod(&net, "b")).is_empty(),
        "a pod without a known IP is matched by no block"
    );
}
