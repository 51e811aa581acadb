//! Doors an Ingress opens: each route (and the default backend), through the Service it names in the
//! Ingress's namespace, to that Service's pods. The traffic comes from the ingress controller: its pods when
//! the inputs hold them (recognised by the usual chart labels), else a pod of some other namespace.

use super::super::network::{NetPod, Network};
use super::admission;
use super::service_doors::{service_pods, target_port};
use super::types::{Door, Exposure};
use crate::model::ingress::routes;
use crate::model::{Inventory, Service};

/// Ingress controllers as their usual charts name them in `app.kubernetes.io/name` (or `app`).
const CONTROLLER_NAMES: &[&str] = &[
    "ingress-nginx",
    "nginx-ingress",
    "traefik",
    "haproxy-ingress",
    "kubernetes-ingress",
    "contour",
    "envoy",
    "kong",
    "ingress-controller",
];

fn is_ingress_controller(pod: &NetPod) -> bool {
    ["app.kubernetes.io/name", "app"]
        .iter()
        .filter_map(|k| pod.labels.get(*k))
        .any(|name| CONTROLLER_NAMES.contains(&name.as_str()))
}

/// Every door every Ingress opens.
pub(super) fn exposures(inventory: &Inventory, net: &Network) -> Vec<Exposure> {
    let controllers: Vec<&NetPod> = net.pods.iter().filter(|p| is_ingress_controller(p)).collect();
    let mut out = Vec::new();
    for (id, ingress) in inventory.iter().filter(|(_, o)| o.oref.kind == "Ingress") {
        let namespace = ingress.oref.namespace.as_deref().unwrap_or("default");
        for route in routes(ingress) {
            let Some(name) = route.service else { continue };
            let Some(object) = inventory.of_kind("Service").find(|s| {
                s.oref.name == name && s.oref.namespace.as_deref().unwrap_or("default") == namespace
            }) else {
                continue;
            };
            let Some(service) = Service::read(object) else {
                continue;
            };
            let Some(entry) = service.port_for(route.port) else {
                continue;
            };
            for p in service_pods(net, object, &service).unwrap_or_default() {
                let pod = &net.pods[p];
                let Some(target) = target_port(entry, pod) else {
                    continue;
                };
                out.push(Exposure {
                    door: Door::Ingress {
                        host: route.host.to_owned(),
                        path: route.path.to_owned(),
                    },
                    via: id,
                    path: route.at.clone(),
                    pod: p,
                    target: Some(target),
                    admission: admission::from_controllers(net, &controllers, pod, target),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_doors, Expected};
    use super::super::types::{Admission, Door};

    const APP: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\nspec:\n  containers: [{name: web, image: web:1, ports: [{name: http, containerPort: 8080}]}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}, {name: admin, port: 9000}]}\n";
    const CONTROLLER: &str = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: nginx, namespace: ingress, labels: {app.kubernetes.io/name: ingress-nginx}}\nspec: {containers: [{name: c, image: nginx:1}]}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ingress, labels: {role: edge}}\n";

    fn ingress(namespace: &str, spec: &str) -> String {
        format!("{APP}---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: in, namespace: {namespace}}}\nspec: {spec}\n")
    }

    fn policy(from: &str) -> String {
        format!("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p, namespace: shop}}\nspec: {{podSelector: {{}}, ingress: [{{from: [{from}]}}]}}\n")
    }

    #[test]
    fn doors_of_ingresses() {
        let rule = "{rules: [{host: shop.example, http: {paths: [{path: /, backend: {service: {name: web, port: {name: http}}}}]}}]}";
        let door = |host: &str, path: &str| Door::Ingress {
            host: host.into(),
            path: path.into(),
        };
        let at = "spec.rules[0].http.paths[0].backend";
        let cases: Vec<(String, Vec<Expected<'_>>)> = vec![
            (
                ingress("shop", rule),
                vec![(door("shop.example", "/"), at, Some(8080), Admission::All)],
            ),
            // By number, to the second port (no targetPort: the port itself).
            (
                ingress(
                    "shop",
                    "{defaultBackend: {service: {name: web, port: {number: 9000}}}}",
                ),
                vec![(door("*", "/"), "spec.defaultBackend", Some(9000), Admission::All)],
            ),
            // A Service of another namespace is not this Ingress's backend; nor is a port it lacks.
            (ingress("other", rule), vec![]),
            (
                ingress(
                    "shop",
                    "{defaultBackend: {service: {name: web, port: {number: 81}}}}",
                ),
                vec![],
            ),
            // Without the controller among the inputs: a namespace selector may or may not admit it.
            (
                ingress("shop", rule) + &policy("{namespaceSelector: {matchLabels: {role: edge}}}"),
                vec![(door("shop.example", "/"), at, Some(8080), Admission::Partly)],
            ),
            (
                ingress("shop", rule) + &policy("{podSelector: {}}"),
                vec![(door("shop.example", "/"), at, Some(8080), Admission::Closed)],
            ),
            // With the controller: its namespace's labels decide.
            (
                ingress("shop", rule)
                    + CONTROLLER
                    + &policy("{namespaceSelector: {matchLabels: {role: edge}}}"),
                vec![(door("shop.example", "/"), at, Some(8080), Admission::All)],
            ),
            (
                ingress("shop", rule)
                    + CONTROLLER
                    + &policy("{namespaceSelector: {matchLabels: {role: core}}}"),
                vec![(door("shop.example", "/"), at, Some(8080), Admission::Closed)],
            ),
        ];
        assert_doors(cases, "in", "web", super::exposures);
    }
}
