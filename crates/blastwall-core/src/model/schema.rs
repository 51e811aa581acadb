//! The types the API expects for the fields the engines read: metadata, label selectors, pod template
//! labels and ports, NetworkPolicy peers and ports, Service ports, Ingress rules and backends, RBAC rules,
//! role references and subjects.
//! The API server decodes each object into Go structs and refuses a value of another type (a YAML 1.1
//! boolean such as `y` or `on` in a string field, a quoted number in an integer field), so such an object
//! takes no effect: it is reported as unreadable instead of being read with a coerced value.

use crate::model::object::api_group;
use crate::source::{Node, Span, Value};

/// The type of a field.
#[derive(Debug, Clone, Copy)]
enum Ty {
    Str,
    Int,
    Bool,
    /// An int-or-string field (`port`, `targetPort`).
    IntOrStr,
    /// `map[string]string` (labels, annotations, selectors).
    StrMap,
    List(&'static Ty),
    /// An object with these typed fields (others are not checked).
    Obj(&'static [(&'static str, Ty)]),
}

use Ty::{Bool, Int, IntOrStr, List, Obj, Str, StrMap};

const STRINGS: Ty = List(&Str);

const METADATA: Ty = Obj(&[
    ("name", Str),
    ("generateName", Str),
    ("namespace", Str),
    ("labels", StrMap),
    ("annotations", StrMap),
]);

const TEMPLATE_METADATA: Ty = Obj(&[("labels", StrMap), ("annotations", StrMap)]);

const LABEL_SELECTOR: Ty = Obj(&[
    ("matchLabels", StrMap),
    (
        "matchExpressions",
        List(&Obj(&[("key", Str), ("operator", Str), ("values", STRINGS)])),
    ),
]);

const CONTAINER: Ty = Obj(&[
    ("name", Str),
    ("image", Str),
    (
        "ports",
        List(&Obj(&[
            ("name", Str),
            ("containerPort", Int),
            ("hostPort", Int),
            ("protocol", Str),
        ])),
    ),
]);

const POD_SPEC: Ty = Obj(&[
    ("serviceAccountName", Str),
    ("serviceAccount", Str),
    ("automountServiceAccountToken", Bool),
    ("hostNetwork", Bool),
    ("hostPID", Bool),
    ("hostIPC", Bool),
    ("nodeName", Str),
    ("containers", List(&CONTAINER)),
    ("initContainers", List(&CONTAINER)),
    ("ephemeralContainers", List(&CONTAINER)),
]);

const POD_TEMPLATE: Ty = Obj(&[("metadata", TEMPLATE_METADATA), ("spec", POD_SPEC)]);

const WORKLOAD_SPEC: Ty = Obj(&[("selector", LABEL_SELECTOR), ("template", POD_TEMPLATE)]);

const CRON_JOB_SPEC: Ty = Obj(&[(
    "jobTemplate",
    Obj(&[("metadata", TEMPLATE_METADATA), ("spec", WORKLOAD_SPEC)]),
)]);

const NETWORK_PEER: Ty = Obj(&[
    ("podSelector", LABEL_SELECTOR),
    ("namespaceSelector", LABEL_SELECTOR),
    ("ipBlock", Obj(&[("cidr", Str), ("except", STRINGS)])),
]);

const NETWORK_PORT: Ty = Obj(&[("protocol", Str), ("port", IntOrStr), ("endPort", Int)]);

const NETWORK_POLICY_SPEC: Ty = Obj(&[
    ("podSelector", LABEL_SELECTOR),
    ("policyTypes", STRINGS),
    (
        "ingress",
        List(&Obj(&[
            ("from", List(&NETWORK_PEER)),
            ("ports", List(&NETWORK_PORT)),
        ])),
    ),
    (
        "egress",
        List(&Obj(&[
            ("to", List(&NETWORK_PEER)),
            ("ports", List(&NETWORK_PORT)),
        ])),
    ),
]);

const SERVICE_SPEC: Ty = Obj(&[
    ("type", Str),
    ("selector", StrMap),
    ("externalIPs", STRINGS),
    ("loadBalancerSourceRanges", STRINGS),
    (
        "ports",
        List(&Obj(&[
            ("name", Str),
            ("protocol", Str),
            ("port", Int),
            ("targetPort", IntOrStr),
            ("nodePort", Int),
        ])),
    ),
]);

const INGRESS_BACKEND: Ty = Obj(&[(
    "service",
    Obj(&[("name", Str), ("port", Obj(&[("name", Str), ("number", Int)]))]),
)]);

const INGRESS_SPEC: Ty = Obj(&[
    ("ingressClassName", Str),
    ("defaultBackend", INGRESS_BACKEND),
    ("tls", List(&Obj(&[("hosts", STRINGS), ("secretName", Str)]))),
    (
        "rules",
        List(&Obj(&[
            ("host", Str),
            (
                "http",
                Obj(&[(
                    "paths",
                    List(&Obj(&[
                        ("path", Str),
                        ("pathType", Str),
                        ("backend", INGRESS_BACKEND),
                    ])),
                )]),
            ),
        ])),
    ),
]);

const POLICY_RULES: Ty = List(&Obj(&[
    ("apiGroups", STRINGS),
    ("resources", STRINGS),
    ("verbs", STRINGS),
    ("resourceNames", STRINGS),
    ("nonResourceURLs", STRINGS),
]));

const ROLE_REF: Ty = Obj(&[("apiGroup", Str), ("kind", Str), ("name", Str)]);

const SUBJECTS: Ty = List(&Obj(&[
    ("kind", Str),
    ("apiGroup", Str),
    ("name", Str),
    ("namespace", Str),
]));

const NAMESPACE_NAME: Ty = Obj(&[("name", Str)]);

/// The typed top-level fields of a kind (besides `metadata`), by API group and kind.
fn fields_of(group: &str, kind: &str) -> &'static [(&'static str, Ty)] {
    match (group, kind) {
        ("", "Pod") => &[("spec", POD_SPEC)],
        ("", "PodTemplate") => &[("template", POD_TEMPLATE)],
        ("", "ReplicationController")
        | ("apps", "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet")
        | ("batch", "Job") => &[("spec", WORKLOAD_SPEC)],
        ("batch", "CronJob") => &[("spec", CRON_JOB_SPEC)],
        ("networking.k8s.io", "NetworkPolicy") => &[("spec", NETWORK_POLICY_SPEC)],
        ("", "Service") => &[("spec", SERVICE_SPEC)],
        ("networking.k8s.io", "Ingress") => &[("spec", INGRESS_SPEC)],
        ("", "ServiceAccount") => &[("automountServiceAccountToken", Bool)],
        ("rbac.authorization.k8s.io", "Role") => &[("rules", POLICY_RULES)],
        ("rbac.authorization.k8s.io", "ClusterRole") => &[
            ("rules", POLICY_RULES),
            (
                "aggregationRule",
                Obj(&[("clusterRoleSelectors", List(&LABEL_SELECTOR))]),
            ),
        ],
        ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => {
            &[("roleRef", ROLE_REF), ("subjects", SUBJECTS)]
        }
        ("", "Namespace") => &[("metadata", NAMESPACE_NAME)],
        _ => &[],
    }
}

/// The first field of `object` (of `api_version` and `kind`) whose value has a type the API refuses: its
/// position and what is wrong.
#[must_use]
pub(crate) fn type_error(object: &Node, api_version: &str, kind: &str) -> Option<(Span, String)> {
    let mut path = Vec::new();
    check_fields(object, &[("metadata", METADATA)], &mut path)
        .or_else(|| check_fields(object, fields_of(api_group(api_version), kind), &mut path))
}

fn check_fields(node: &Node, fields: &[(&str, Ty)], path: &mut Vec<String>) -> Option<(Span, String)> {
    let map = node.as_map()?;
    for (key, ty) in fields {
        if let Some(value) = map.get(key) {
            path.push((*key).to_owned());
            let found = check(value, *ty, path);
            path.pop();
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

fn check(node: &Node, ty: Ty, path: &mut Vec<String>) -> Option<(Span, String)> {
    // A null leaves a Go field at its zero value: never an error.
    if matches!(node.value, Value::Null) {
        return None;
    }
    let integral = |v: &Value| match v {
        Value::Int(_) | Value::UInt(_) => true,
        Value::Float(f) => f.fract() == 0.0,
        _ => false,
    };
    let ok = match ty {
        Str => matches!(node.value, Value::Str(_)),
        Int => integral(&node.value),
        Bool => matches!(node.value, Value::Bool(_)),
        IntOrStr => integral(&node.value) || matches!(node.value, Value::Str(_)),
        StrMap => {
            let Some(map) = node.as_map() else {
                return Some(wrong(node, "a mapping of strings", path));
            };
            for (key, value) in map.iter() {
                if !matches!(value.value, Value::Str(_) | Value::Null) {
                    path.push(key.text.to_string());
                    let found = wrong(value, "a string", path);
                    path.pop();
                    return Some(found);
                }
            }
            true
        }
        List(item) => {
            let Some(items) = node.as_seq() else {
                return Some(wrong(node, "a list", path));
            };
            for (i, value) in items.iter().enumerate() {
                path.push(format!("[{i}]"));
                let found = check(value, *item, path);
                path.pop();
                if found.is_some() {
                    return found;
                }
            }
            true
        }
        Obj(fields) => {
            if node.as_map().is_none() {
                return Some(wrong(node, "a mapping", path));
            }
            return check_fields(node, fields, path);
        }
    };
    if ok {
        None
    } else {
        let expected = match ty {
            Str => "a string",
            Int => "an integer",
            Bool => "a boolean",
            IntOrStr => "an integer or a string",
            _ => "a value of another type",
        };
        Some(wrong(node, expected, path))
    }
}

fn wrong(node: &Node, expected: &str, path: &[String]) -> (Span, String) {
    let field = path.join(".").replace(".[", "[");
    let read_as = node.type_name();
    let hint = match (&node.value, expected) {
        (Value::Bool(_), "a string" | "a mapping of strings") => {
            ": YAML 1.1 reads y, n, yes, no, on, off, true and false as booleans; quote the value"
        }
        (Value::Int(_) | Value::UInt(_) | Value::Float(_), "a string") => ": quote the value",
        (Value::Str(_), "an integer") => ": write the number without quotes",
        _ => "",
    };
    (
        node.span,
        format!("`{field}` must be {expected}, but the value is {read_as}; the API server refuses the object{hint}"),
    )
}

#[cfg(test)]
mod tests {
    use super::type_error;
    use crate::source::{Outcome, Source};

    fn error_of(text: &str) -> Option<String> {
        let source = Source::new("t.yaml".into(), None, text.as_bytes().to_vec()).unwrap();
        let docs = source.documents();
        let Outcome::Value(node) = &docs[0].parsed.outcome else {
            panic!("parses")
        };
        let api_version = node.get("apiVersion").and_then(|n| n.as_str()).unwrap_or("");
        let kind = node.get("kind").and_then(|n| n.as_str()).unwrap_or("");
        type_error(node, api_version, kind).map(|(span, message)| format!("{}: {message}", span.line + 1))
    }

    #[test]
    fn fields_of_another_type_are_refused_as_the_api_server_does() {
        let np = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n";
        let cases: [(String, Option<&str>); 14] = [
            ("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {rules: [{host: on.example, http: {paths: [{path: /, backend: {service: {name: web, port: {number: '80'}}}}]}}]}\n".into(), Some("4: `spec.rules[0].http.paths[0].backend.service.port.number` must be an integer")),
            ("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {tls: [{hosts: [yes]}]}\n".into(), Some("4: `spec.tls[0].hosts[0]` must be a string")),
            (format!("{np}metadata: {{name: a, namespace: y}}\n"), Some("3: `metadata.namespace` must be a string, but the value is a boolean")),
            (format!("{np}metadata: {{name: a, labels: {{on: on}}}}\n"), Some("3: `metadata.labels.true` must be a string")),
            (format!("{np}metadata: {{name: '1'}}\nspec: {{podSelector: {{matchLabels: {{tier: yes}}}}}}\n"), Some("4: `spec.podSelector.matchLabels.tier` must be a string")),
            (format!("{np}metadata: {{name: a}}\nspec:\n  ingress:\n  - ports: [{{port: http}}, {{port: '80', endPort: '90'}}]\n"), Some("6: `spec.ingress[0].ports[1].endPort` must be an integer, but the value is a string")),
            (format!("{np}metadata: {{name: a}}\nspec:\n  egress:\n  - to: [{{ipBlock: {{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}}}]\n"), None),
            (format!("{np}metadata: {{name: a, labels: {{version: 1.0}}}}\n"), Some("3: `metadata.labels.version` must be a string, but the value is a number; the API server refuses the object: quote the value")),
            (format!("{np}metadata: {{name: a, labels: {{empty: null}}}}\n"), None),
            ("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80.0, targetPort: http}]}\n".into(), None),
            ("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: '80'}]}\n".into(), Some("4: `spec.ports[0].port` must be an integer")),
            ("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nsubjects: [{kind: User, name: no}]\n".into(), Some("4: `subjects[0].name` must be a string")),
            ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {metadata: {labels: {canary: off}}}}\n".into(), Some("4: `spec.template.metadata.labels.canary` must be a string")),
            ("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {port: on}\n".into(), None),
        ];
        for (text, want) in cases {
            let got = error_of(&text);
            match want {
                None => assert_eq!(got, None, "{text}"),
                Some(prefix) => assert!(
                    got.as_deref().is_some_and(|g| g.starts_with(prefix)),
                    "{text}\n got: {got:?}\nwant: {prefix}"
                ),
            }
        }
    }
}
