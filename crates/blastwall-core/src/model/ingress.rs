//! An Ingress read once from its YAML tree: every route (host, path) with the Service and port it sends to and
//! the field path of its backend, in both `networking.k8s.io/v1` and the older `v1beta1` shapes. The exposure
//! engine reads Ingresses only through this type.

use super::object::Object;
use super::path::FieldPath;
use super::service::BackendPort;
use crate::source::Node;

/// One way through an Ingress to a Service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route<'a> {
    /// The host (`*` when the rule names none, and for the default backend).
    pub host: &'a str,
    /// The path (`/` when none).
    pub path: &'a str,
    /// The Service's name, when the backend names a Service (not a resource backend).
    pub service: Option<&'a str>,
    /// The Service port it names.
    pub port: Option<BackendPort<'a>>,
    /// Where the backend is written.
    pub at: FieldPath,
}

/// Every route of an Ingress (of any API group): the default backend first, then each rule's paths.
#[must_use]
pub(crate) fn routes(ingress: &Object) -> Vec<Route<'_>> {
    let mut out = Vec::new();
    for key in ["defaultBackend", "backend"] {
        if let Some(backend) = ingress.root.get_path(&["spec", key]) {
            out.push(route("*", "/", backend, FieldPath::keys(&["spec", key])));
            break;
        }
    }
    let rules = ingress.root.get_path(&["spec", "rules"]).and_then(Node::as_seq);
    for (r, rule) in rules.unwrap_or_default().iter().enumerate() {
        let host = rule.get("host").and_then(Node::as_str).unwrap_or("*");
        let paths = rule.get_path(&["http", "paths"]).and_then(Node::as_seq);
        for (k, entry) in paths.unwrap_or_default().iter().enumerate() {
            let Some(backend) = entry.get("backend") else {
                continue;
            };
            let at = FieldPath::keys(&["spec", "rules"])
                .index(r)
                .key("http")
                .key("paths")
                .index(k)
                .key("backend");
            let path = entry.get("path").and_then(Node::as_str).unwrap_or("/");
            out.push(route(host, path, backend, at));
        }
    }
    out
}

/// `service.name` and `service.port.{number,name}` (v1), or `serviceName` and `servicePort` (v1beta1).
fn route<'a>(host: &'a str, path: &'a str, backend: &'a Node, at: FieldPath) -> Route<'a> {
    let service = backend
        .get_path(&["service", "name"])
        .or_else(|| backend.get("serviceName"))
        .and_then(Node::as_str);
    let port = backend
        .get_path(&["service", "port", "number"])
        .or_else(|| backend.get_path(&["service", "port", "name"]))
        .or_else(|| backend.get("servicePort"))
        .and_then(|p| match p.as_str() {
            Some(name) => Some(BackendPort::Name(name)),
            None => p
                .as_i64()
                .and_then(|n| u16::try_from(n).ok())
                .map(BackendPort::Number),
        });
    Route {
        host,
        path,
        service,
        port,
        at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inventory;

    /// host, path, service, port, where.
    type Row = (String, String, Option<String>, Option<String>, String);

    fn read(api_version: &str, spec: &str) -> Vec<Row> {
        let inventory = Inventory::from_text(&format!(
            "apiVersion: {api_version}\nkind: Ingress\nmetadata: {{name: i, namespace: shop}}\nspec: {spec}\n"
        ));
        let object = inventory
            .iter()
            .next()
            .unwrap_or_else(|| panic!("{:?}", inventory.invalid))
            .1;
        routes(object)
            .into_iter()
            .map(|r| {
                (
                    r.host.to_owned(),
                    r.path.to_owned(),
                    r.service.map(str::to_owned),
                    r.port.map(|p| format!("{p:?}")),
                    r.at.to_string(),
                )
            })
            .collect()
    }

    fn row(host: &str, path: &str, service: &str, port: &str, at: &str) -> Row {
        (
            host.into(),
            path.into(),
            Some(service.into()),
            Some(port.into()),
            at.into(),
        )
    }

    #[test]
    fn v1_rules_and_default_backend() {
        let got = read(
            "networking.k8s.io/v1",
            "{defaultBackend: {service: {name: fallback, port: {name: http}}}, rules: [{host: a.example, http: {paths: [{path: /api, backend: {service: {name: api, port: {number: 8080}}}}, {backend: {service: {name: web, port: {number: 80}}}}]}}]}",
        );
        assert_eq!(
            got,
            vec![
                row("*", "/", "fallback", "Name(\"http\")", "spec.defaultBackend"),
                row(
                    "a.example",
                    "/api",
                    "api",
                    "Number(8080)",
                    "spec.rules[0].http.paths[0].backend"
                ),
                row(
                    "a.example",
                    "/",
                    "web",
                    "Number(80)",
                    "spec.rules[0].http.paths[1].backend"
                ),
            ]
        );
    }

    #[test]
    fn v1beta1_backend_points_at_its_own_field() {
        let got = read(
            "extensions/v1beta1",
            "{backend: {serviceName: old, servicePort: 80}, rules: [{http: {paths: [{backend: {serviceName: web, servicePort: http}}]}}]}",
        );
        assert_eq!(
            got,
            vec![
                row("*", "/", "old", "Number(80)", "spec.backend"),
                row(
                    "*",
                    "/",
                    "web",
                    "Name(\"http\")",
                    "spec.rules[0].http.paths[0].backend"
                ),
            ]
        );
    }

    #[test]
    fn a_resource_backend_names_no_service_and_rules_without_http_give_no_route() {
        let got = read(
            "networking.k8s.io/v1",
            "{rules: [{host: b.example}, {http: {paths: [{path: /s, backend: {resource: {kind: Bucket, name: b}}}]}}]}",
        );
        assert_eq!(
            got,
            vec![(
                "*".into(),
                "/s".into(),
                None,
                None,
                "spec.rules[1].http.paths[0].backend".into()
            )]
        );
    }
}
