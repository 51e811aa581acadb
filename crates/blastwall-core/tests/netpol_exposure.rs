//! Exposure: which doors lead to which pods and ports, and what the pods' NetworkPolicies make of the traffic
//! (for Ingress traffic, the ingress controller's pods when the inputs hold them).

use blastwall_core::analysis::netpol::{exposures, network_of, Admission, Door};
use blastwall_core::load::{load, Input};

const SHOP: &str = r"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: registry.example/web:1
        ports: [{name: https, containerPort: 8443}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: [198.51.100.0/24]
  selector: {app: web}
  ports: [{port: 443, targetPort: https}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 443}}}
";

const CONTROLLER: &str = r"
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
  template:
    metadata: {labels: {app.kubernetes.io/name: ingress-nginx}}
    spec:
      containers: [{name: controller, image: registry.k8s.io/ingress-nginx/controller:v1.11.2}]
";

fn policy(from: &str) -> String {
    format!(
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: web-in, namespace: shop}}\nspec:\n  podSelector: {{matchLabels: {{app: web}}}}\n  ingress:\n  - from: [{from}]\n    ports: [{{port: 8443}}]\n"
    )
}

/// (door kind, admission) of every exposure of the inputs.
fn doors(parts: &[&str]) -> Vec<(&'static str, u16, Admission)> {
    let text = parts.join("\n---\n");
    let input = Input::Text {
        name: "exposure.yaml".into(),
        bytes: text.into_bytes(),
    };
    let inventory = load(vec![input], &std::sync::atomic::AtomicUsize::new(0));
    let (net, _) = network_of(&inventory, false);
    let mut out: Vec<(&'static str, u16, Admission)> = exposures(&inventory, &net)
        .iter()
        .map(|e| {
            let kind = match e.door {
                Door::LoadBalancer { .. } => "LoadBalancer",
                Door::Ingress { .. } => "Ingress",
                _ => "other",
            };
            (kind, e.target.map_or(0, |t| t.1), e.admission)
        })
        .collect();
    out.sort_by_key(|d| d.0);
    out
}

#[test]
fn ingress_traffic_is_judged_from_the_controller_when_it_is_among_the_inputs() {
    let from_controller =
        policy("{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}");
    // The named targetPort resolves to 8443 for both doors.
    assert_eq!(
        doors(&[SHOP, CONTROLLER, &from_controller]),
        [
            ("Ingress", 8443, Admission::All),
            ("LoadBalancer", 8443, Admission::Closed)
        ],
        "the controller's namespace is admitted; the load balancer's clients are not"
    );
    assert_eq!(
        doors(&[SHOP, &from_controller])[0],
        ("Ingress", 8443, Admission::Partly),
        "without the controller among the inputs, a policy that admits chosen namespaces admits part of it"
    );
    let from_monitoring =
        policy("{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}");
    assert_eq!(
        doors(&[SHOP, CONTROLLER, &from_monitoring])[0],
        ("Ingress", 8443, Admission::Closed),
        "the controller is not admitted: the Ingress leads nowhere"
    );
}

#[test]
fn load_balancer_sources_are_cut_by_the_policies_ip_blocks() {
    let office = policy("{ipBlock: {cidr: 198.51.100.0/25}}");
    assert_eq!(
        doors(&[SHOP, &office])[1],
        ("LoadBalancer", 8443, Admission::Partly),
        "half of the load balancer's source range is admitted"
    );
    let everyone = policy("{ipBlock: {cidr: 0.0.0.0/0}}");
    assert_eq!(
        doors(&[SHOP, &everyone])[1],
        ("LoadBalancer", 8443, Admission::All)
    );
    assert_eq!(
        doors(&[SHOP])[1],
        ("LoadBalancer", 8443, Admission::All),
        "no policy: everything is admitted"
    );
}
