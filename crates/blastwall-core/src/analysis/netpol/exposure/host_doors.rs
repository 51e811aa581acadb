//! Doors a pod opens on its node: the host network (every port it listens on, beyond any NetworkPolicy) and
//! each published host port (judged by the pod's policies for traffic from any address).

use super::super::ipset::IpSet;
use super::super::network::Network;
use super::admission;
use super::types::{Admission, Door, Exposure};

/// Every host network and host port of the pods read from objects.
pub(super) fn exposures(net: &Network) -> Vec<Exposure> {
    let mut out = Vec::new();
    for (p, pod) in net.pods.iter().enumerate() {
        let Some(object) = pod.object else { continue };
        if let Some(path) = &pod.host_network {
            out.push(Exposure {
                door: Door::HostNetwork,
                via: object,
                path: path.clone(),
                pod: p,
                target: None,
                admission: Admission::NotGoverned,
            });
        }
        for (host, protocol, inside, path) in &pod.host_ports {
            out.push(Exposure {
                admission: admission::from_addresses(net, pod, (*protocol, *inside), &IpSet::everything()),
                door: Door::HostPort(*host),
                via: object,
                path: path.clone(),
                pod: p,
                target: Some((*protocol, *inside)),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_doors, Expected};
    use super::super::types::{Admission, Door};

    fn pod(spec: &str) -> String {
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: agent, namespace: ops, labels: {{app: agent}}}}\nspec: {spec}\n")
    }

    const DENY_ALL: &str = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: ops}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n";

    #[test]
    fn doors_on_the_node() {
        let cases: Vec<(String, Vec<Expected<'_>>)> = vec![
            (pod("{containers: [{name: a, image: a:1}]}"), vec![]),
            (
                pod("{hostNetwork: true, containers: [{name: a, image: a:1}]}"),
                vec![(
                    Door::HostNetwork,
                    "spec.hostNetwork",
                    None,
                    Admission::NotGoverned,
                )],
            ),
            // A policy does not govern the host network.
            (
                pod("{hostNetwork: true, containers: [{name: a, image: a:1}]}") + DENY_ALL,
                vec![(
                    Door::HostNetwork,
                    "spec.hostNetwork",
                    None,
                    Admission::NotGoverned,
                )],
            ),
            (
                pod("{containers: [{name: a, image: a:1, ports: [{containerPort: 80, hostPort: 8080}]}]}"),
                vec![(
                    Door::HostPort(8080),
                    "spec.containers[name=a].ports[0].hostPort",
                    Some(80),
                    Admission::All,
                )],
            ),
            (
                pod("{containers: [{name: a, image: a:1, ports: [{containerPort: 80, hostPort: 8080}]}]}")
                    + DENY_ALL,
                vec![(
                    Door::HostPort(8080),
                    "spec.containers[name=a].ports[0].hostPort",
                    Some(80),
                    Admission::Closed,
                )],
            ),
        ];
        assert_doors(cases, "agent", "agent", |_, net| super::exposures(net));
    }
}
