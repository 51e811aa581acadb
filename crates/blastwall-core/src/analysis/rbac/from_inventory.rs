//! Reading Roles, ClusterRoles, RoleBindings and ClusterRoleBindings from the inventory into a policy.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::aggregation::aggregate;
use super::builtin::{builtin_policy, KubeVersion};
use super::policy::Policy;
use super::types::{Binding, PolicyRule, Role, RoleRef, Subject};
use crate::model::{Inventory, LabelSelector, ObjectId};
use crate::source::Node;

const GROUP: &str = "rbac.authorization.k8s.io";

fn strings(node: Option<&Node>) -> Vec<String> {
    node.and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| n.as_str().map(str::to_owned))
        .collect()
}

fn rule(node: &Node) -> PolicyRule {
    PolicyRule {
        verbs: strings(node.get("verbs")),
        api_groups: strings(node.get("apiGroups")),
        resources: strings(node.get("resources")),
        resource_names: strings(node.get("resourceNames")),
        non_resource_urls: strings(node.get("nonResourceURLs")),
    }
}

fn text(node: Option<&Node>) -> String {
    node.and_then(Node::as_str).unwrap_or("").to_owned()
}

/// The RBAC policy of the inputs: every Role and ClusterRole and every RoleBinding and ClusterRoleBinding of
/// the `rbac.authorization.k8s.io` group, plus Kubernetes' built-in roles and bindings of `defaults` (those
/// the inputs also define are taken from the inputs), with aggregated ClusterRoles recomputed over all.
#[must_use]
pub fn policy_of(inventory: &Inventory, defaults: Option<KubeVersion>) -> Policy {
    let (mut roles, mut bindings) = (Vec::new(), Vec::new());
    for (id, object) in inventory.iter() {
        let root = &object.root;
        let namespace = object.oref.namespace.clone();
        match object.oref.kind.as_str() {
            "Role" | "ClusterRole" if object.is(GROUP, &object.oref.kind) => {
                let cluster = object.oref.kind == "ClusterRole";
                roles.push(Role {
                    namespace: if cluster {
                        None
                    } else {
                        Some(namespace.unwrap_or_else(|| "default".into()))
                    },
                    name: object.oref.name.clone(),
                    labels: labels(object.labels()),
                    rules: root
                        .get("rules")
                        .and_then(Node::as_seq)
                        .unwrap_or_default()
                        .iter()
                        .map(rule)
                        .collect(),
                    aggregation: root.get("aggregationRule").filter(|_| cluster).map(|a| {
                        a.get("clusterRoleSelectors")
                            .and_then(Node::as_seq)
                            .unwrap_or_default()
                            .iter()
                            .map(LabelSelector::from_node)
                            .collect()
                    }),
                    object: Some(id),
                });
            }
            "RoleBinding" | "ClusterRoleBinding" if object.is(GROUP, &object.oref.kind) => {
                let cluster = object.oref.kind == "ClusterRoleBinding";
                bindings.push(binding(id, root, cluster, namespace));
            }
            _ => {}
        }
    }
    if let Some(version) = defaults {
        let (builtin_roles, builtin_bindings) = builtin_policy(version);
        let defined: HashSet<(Option<String>, String)> = roles
            .iter()
            .map(|r| (r.namespace.clone(), r.name.clone()))
            .collect();
        roles.extend(
            builtin_roles
                .into_iter()
                .filter(|r| !defined.contains(&(r.namespace.clone(), r.name.clone()))),
        );
        let defined: HashSet<(Option<String>, String)> = bindings
            .iter()
            .map(|b| (b.namespace.clone(), b.name.clone()))
            .collect();
        bindings.extend(
            builtin_bindings
                .into_iter()
                .filter(|b| !defined.contains(&(b.namespace.clone(), b.name.clone()))),
        );
    }
    aggregate(&mut roles);
    Policy::new(roles, bindings)
}

fn labels(map: BTreeMap<&str, &str>) -> BTreeMap<String, String> {
    map.into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn binding(id: ObjectId, root: &Node, cluster: bool, namespace: Option<String>) -> Binding {
    let role_ref = root.get("roleRef");
    Binding {
        namespace: if cluster {
            None
        } else {
            Some(namespace.unwrap_or_else(|| "default".into()))
        },
        name: text(root.get_path(&["metadata", "name"])),
        role_ref: RoleRef {
            kind: text(role_ref.and_then(|r| r.get("kind"))),
            name: text(role_ref.and_then(|r| r.get("name"))),
        },
        subjects: root
            .get("subjects")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .map(|s| Subject {
                kind: text(s.get("kind")),
                name: text(s.get("name")),
                namespace: s.get("namespace").and_then(Node::as_str).map(str::to_owned),
            })
            .collect(),
        object: Some(id),
    }
}

/// What the inputs say exists besides RBAC: service accounts, and Secrets holding their tokens.
#[derive(Debug, Clone, Default)]
pub struct Accounts {
    /// Service account names by namespace.
    pub by_namespace: BTreeMap<String, BTreeSet<String>>,
    /// (namespace, account) of every long-lived token Secret.
    pub token_secrets: BTreeSet<(String, String)>,
}

/// The service accounts the inputs name (ServiceAccount objects, binding subjects, pod specs, plus each
/// namespace's `default`) and the Secrets that hold their tokens.
#[must_use]
pub fn accounts_of(inventory: &Inventory, policy: &Policy) -> Accounts {
    let mut accounts = Accounts::default();
    let mut add = |ns: &str, name: &str| {
        accounts
            .by_namespace
            .entry(ns.to_owned())
            .or_default()
            .insert(name.to_owned());
    };
    for (_, object) in inventory.iter() {
        let ns = object.oref.namespace.as_deref().unwrap_or("default");
        if object.is("", "ServiceAccount") {
            add(ns, &object.oref.name);
        }
        if object.is("", "Namespace") {
            add(&object.oref.name, "default");
        }
        for pod in inventory.pod_specs_of(object) {
            add(ns, pod.service_account());
        }
        // A Secret read from a cluster as metadata only has no `type`: the annotation tells a token apart.
        let token_type = match object.root.get("type").and_then(Node::as_str) {
            Some(kind) => kind == "kubernetes.io/service-account-token",
            None => true,
        };
        if object.is("", "Secret") && token_type {
            if let Some(sa) = object
                .root
                .get_path(&["metadata", "annotations", "kubernetes.io/service-account.name"])
                .and_then(Node::as_str)
            {
                accounts.token_secrets.insert((ns.to_owned(), sa.to_owned()));
            }
        }
    }
    for b in &policy.bindings {
        for s in b.subjects.iter().filter(|s| s.kind == "ServiceAccount") {
            if let Some(ns) = s.namespace.as_deref().or(b.namespace.as_deref()) {
                add(ns, &s.name);
            }
        }
    }
    accounts
}
