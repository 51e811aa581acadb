//! BW415 hand-written-endpoints: Endpoints or EndpointSlices written by hand, sending a Service's traffic to
//! addresses no selector chose.

use std::net::IpAddr;

use crate::model::{FieldPath, Service};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;
use crate::source::Node;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW415",
    name: "hand-written-endpoints",
    category: Category::Network,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["cve:CVE-2021-25740", "mitre:T1557"],
    summary: "Endpoints or an EndpointSlice written by hand send a Service's traffic to chosen addresses.",
    help: "use a Service with a selector (or ExternalName for outside names) instead of hand-written endpoints",
    docs: Docs {
        what: "Reports addresses in Endpoints objects whose Service has no selector (or is not among the inputs) \
and in EndpointSlices that the endpoint-slice controller does not manage, saying when an address is loopback, \
link-local (the cloud metadata service lives at 169.254.169.254) or public.",
        why: "Whoever writes endpoints decides where a Service's clients connect: to another namespace's pods, \
the node itself, the cloud metadata service or an outside host (CVE-2021-25740). Clients trust the Service \
name, and NetworkPolicies that allow the Service do not see the detour.",
        example: "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: metrics\n  namespace: shop\nsubsets:\n- addresses:\n  - ip: 169.254.169.254\n  ports:\n  - port: 80\n",
        remediation: "Give the Service a selector so the control plane keeps its endpoints, or use an \
ExternalName Service for an outside host; restrict who may write Endpoints and EndpointSlices.",
        references: &["https://github.com/kubernetes/kubernetes/issues/103675"],
    },
    optional: false,
};

fn describe(ip: &str) -> &'static str {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) if v4.is_loopback() => "loopback: the node itself",
        Ok(IpAddr::V4(v4)) if v4.is_link_local() => "link-local: the node or the cloud metadata service",
        Ok(IpAddr::V4(v4))
            if v4.is_private() || v4.octets()[0] == 100 && (64..128).contains(&v4.octets()[1]) =>
        {
            "a private address chosen by hand"
        }
        Ok(IpAddr::V6(v6)) if v6.is_loopback() => "loopback: the node itself",
        Ok(_) => "outside the cluster",
        Err(_) => "not an IP address",
    }
}

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    let namespace = object.oref.namespace.as_deref();
    let mut found: Vec<(FieldPath, String)> = Vec::new();
    if object.is("", "Endpoints") {
        let service = c
            .inventory
            .of_kind_in("Service", namespace)
            .find(|s| s.oref.name == object.oref.name);
        let selected = service
            .and_then(Service::read)
            .is_some_and(|s| s.selector.is_some());
        if selected {
            return;
        }
        for (i, subset) in object
            .root
            .get("subsets")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            for key in ["addresses", "notReadyAddresses"] {
                for (k, address) in subset
                    .get(key)
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    if let Some(ip) = address.get("ip").and_then(Node::as_str) {
                        found.push((
                            FieldPath::keys(&["subsets"]).index(i).key(key).index(k).key("ip"),
                            ip.to_owned(),
                        ));
                    }
                }
            }
        }
    } else if object.is("discovery.k8s.io", "EndpointSlice") {
        let managed = object
            .labels()
            .get("endpointslice.kubernetes.io/managed-by")
            .copied();
        if managed.is_some_and(|m| m.ends_with(".k8s.io")) {
            return;
        }
        for (i, endpoint) in object
            .root
            .get("endpoints")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            for (k, address) in endpoint
                .get("addresses")
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                if let Some(ip) = address.as_str() {
                    found.push((
                        FieldPath::keys(&["endpoints"]).index(i).key("addresses").index(k),
                        ip.to_owned(),
                    ));
                }
            }
        }
    } else {
        return;
    }
    for (path, ip) in found {
        c.report(
            path,
            format!(
                "{} `{}` sends traffic to {ip} ({}), written by hand",
                object.oref.kind,
                object.oref.name,
                describe(&ip)
            ),
        );
    }
}
