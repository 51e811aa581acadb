//! Doors a Service opens: a LoadBalancer (limited by its source ranges), a NodePort, and each of its
//! externalIPs; each leads, per port entry, to the pods its selector picks, on the port its targetPort names.

use super::super::conns::Protocol;
use super::super::ipset::IpSet;
use super::super::network::{NetPod, Network};
use super::admission;
use super::types::{Door, Exposure};
use crate::model::{FieldPath, Inventory, Object, Service, ServicePort, ServiceType, TargetPort};

/// The pods a Service's selector picks (`service` as read from `object`): those carrying every label it names (found through the rarest);
/// `None` for a Service without a selector (its endpoints are managed by hand).
#[must_use]
pub(crate) fn service_pods(net: &Network, object: &Object, service: &Service<'_>) -> Option<Vec<usize>> {
    let labels = service.selector.as_ref()?;
    let namespace = object.oref.namespace.as_deref().unwrap_or("default");
    let candidates = labels
        .iter()
        .map(|(k, v)| {
            net.pods_by_label
                .get(&(namespace.to_owned(), (*k).to_owned(), (*v).to_owned()))
                .map_or(&[][..], Vec::as_slice)
        })
        .min_by_key(|list| list.len())
        .unwrap_or_default();
    Some(
        candidates
            .iter()
            .copied()
            .filter(|&i| {
                let p = &net.pods[i];
                labels
                    .iter()
                    .all(|(k, v)| p.labels.get(*k).map(String::as_str) == Some(*v))
            })
            .collect(),
    )
}

/// The protocol and port a Service port entry sends to on `pod` (a named targetPort looked up among the
/// pod's container ports of that protocol).
pub(super) fn target_port(entry: &ServicePort<'_>, pod: &NetPod) -> Option<(Protocol, u16)> {
    let protocol = Protocol::parse(entry.protocol)?;
    match entry.target? {
        TargetPort::Number(port) => Some((protocol, port)),
        TargetPort::Name(name) => pod
            .named_ports
            .iter()
            .find(|(n, p, _)| n == name && *p == protocol)
            .map(|(_, _, port)| (protocol, *port)),
    }
}

/// The addresses a LoadBalancer admits: its source ranges, every address when it lists none.
fn load_balancer_sources(ranges: &[&str]) -> IpSet {
    if ranges.is_empty() {
        return IpSet::everything();
    }
    let mut set = IpSet::default();
    for r in ranges {
        if let Ok(s) = IpSet::cidr(r) {
            set.add(&s);
        }
    }
    set
}

/// Every door every Service opens.
pub(super) fn exposures(inventory: &Inventory, net: &Network) -> Vec<Exposure> {
    let mut out = Vec::new();
    for (id, object) in inventory.iter() {
        let Some(service) = Service::read(object) else {
            continue;
        };
        let Some(pods) = service_pods(net, object, &service) else {
            continue;
        };
        for entry in &service.ports {
            let mut doors: Vec<(Door, FieldPath, IpSet)> = Vec::new();
            match service.kind {
                ServiceType::LoadBalancer => doors.push((
                    Door::LoadBalancer {
                        source_ranges: service.source_ranges.iter().map(|r| (*r).to_owned()).collect(),
                    },
                    Service::type_path(),
                    load_balancer_sources(&service.source_ranges),
                )),
                ServiceType::NodePort => {
                    doors.push((
                        Door::NodePort(entry.node_port),
                        entry.path.clone(),
                        IpSet::everything(),
                    ));
                }
                _ => {}
            }
            for (ip, path) in &service.external_ips {
                doors.push((
                    Door::ExternalIp((*ip).to_owned()),
                    path.clone(),
                    IpSet::everything(),
                ));
            }
            for (door, path, sources) in doors {
                for &p in &pods {
                    let Some(target) = target_port(entry, &net.pods[p]) else {
                        continue;
                    };
                    out.push(Exposure {
                        admission: admission::from_addresses(net, &net.pods[p], target, &sources),
                        door: door.clone(),
                        via: id,
                        path: path.clone(),
                        pod: p,
                        target: Some(target),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_doors, Expected};
    use super::super::types::{Admission, Door};

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\nspec:\n  containers: [{name: web, image: web:1, ports: [{name: https, containerPort: 8443}, {name: dns, containerPort: 53, protocol: UDP}]}]\n";

    fn service(spec: &str) -> String {
        format!("{POD}---\napiVersion: v1\nkind: Service\nmetadata: {{name: svc, namespace: shop}}\nspec: {spec}\n")
    }

    fn policy(ingress: &str) -> String {
        format!("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: in, namespace: shop}}\nspec: {{podSelector: {{}}, ingress: {ingress}}}\n")
    }

    #[test]
    fn doors_of_services() {
        let lb = |ranges: &[&str]| Door::LoadBalancer {
            source_ranges: ranges.iter().map(|r| (*r).to_owned()).collect(),
        };
        let cases: Vec<(String, Vec<Expected<'_>>)> = vec![
            (service("{selector: {app: web}, ports: [{port: 80}]}"), vec![]),
            (
                service("{type: LoadBalancer, selector: {app: web}, ports: [{port: 443, targetPort: https}]}"),
                vec![(lb(&[]), "spec.type", Some(8443), Admission::All)],
            ),
            (
                service("{type: NodePort, selector: {app: web}, ports: [{port: 443, targetPort: 8443, nodePort: 30443}]}"),
                vec![(Door::NodePort(Some(30443)), "spec.ports[0]", Some(8443), Admission::All)],
            ),
            (
                service("{externalIPs: [203.0.113.7], selector: {app: web}, ports: [{port: 80}]}"),
                vec![(Door::ExternalIp("203.0.113.7".into()), "spec.externalIPs[0]", Some(80), Admission::All)],
            ),
            // A named targetPort is resolved with the port's protocol: `https` is no UDP port.
            (
                service("{type: NodePort, selector: {app: web}, ports: [{port: 443, targetPort: https, protocol: UDP}]}"),
                vec![],
            ),
            // No selector: endpoints by hand, no pod to resolve.
            (service("{type: LoadBalancer, ports: [{port: 80}]}"), vec![]),
            // A selector that picks no pod.
            (service("{type: LoadBalancer, selector: {app: api}, ports: [{port: 80}]}"), vec![]),
            // Source ranges against a policy admitting part of them.
            (
                service("{type: LoadBalancer, loadBalancerSourceRanges: [198.51.100.0/24], selector: {app: web}, ports: [{port: 443, targetPort: https}]}")
                    + &policy("[{from: [{ipBlock: {cidr: 198.51.100.0/25}}]}]"),
                vec![(lb(&["198.51.100.0/24"]), "spec.type", Some(8443), Admission::Partly)],
            ),
            (
                service("{type: LoadBalancer, loadBalancerSourceRanges: [198.51.100.0/24], selector: {app: web}, ports: [{port: 443, targetPort: https}]}")
                    + &policy("[{from: [{ipBlock: {cidr: 198.51.100.0/23}}]}]"),
                vec![(lb(&["198.51.100.0/24"]), "spec.type", Some(8443), Admission::All)],
            ),
            (
                service("{type: LoadBalancer, selector: {app: web}, ports: [{port: 443, targetPort: https}]}") + &policy("[]"),
                vec![(lb(&[]), "spec.type", Some(8443), Admission::Closed)],
            ),
        ];
        assert_doors(cases, "svc", "web", super::exposures);
    }
}
