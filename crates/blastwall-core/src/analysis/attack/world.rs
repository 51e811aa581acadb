//! What the edges need to know besides a position's own grants: the namespaces and whether Pod Security
//! admits a pod that takes its node there, the service accounts and token Secrets, the users and groups
//! bindings name, the roles worth binding, and which verbs `pods/exec` needs on this Kubernetes version.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::graph::{Evidence, Evidences, RoleKey};
use crate::analysis::pss::namespace_labels::{enforce_of, ENFORCE};
use crate::analysis::pss::Level;
use crate::analysis::rbac::{Accounts, KubeVersion, Policy, Role};
use crate::model::{FieldPath, Inventory};

/// The first Kubernetes minor whose API server asks for `create` on `pods/exec` (and `attach`,
/// `portforward`) when the request arrives as a websocket GET; before it, `get` was enough
/// (`AuthorizePodWebsocketUpgradeCreatePermission`, on by default from 1.35).
pub const EXEC_NEEDS_CREATE_FROM: u32 = 35;

/// The facts every position's edges are decided against.
#[derive(Debug)]
pub struct World<'a> {
    /// The RBAC policy.
    pub policy: &'a Policy,
    /// Service accounts by namespace, and token Secrets.
    pub accounts: &'a Accounts,
    /// Every namespace the inputs name (plus `default`), with why Pod Security admits a pod that takes
    /// its node there (`None`: it does not).
    pub namespaces: BTreeMap<String, Option<Evidences>>,
    /// User names bindings name.
    pub users: BTreeSet<String>,
    /// Group names bindings name.
    pub groups: BTreeSet<String>,
    /// The verbs on `pods/exec` that let a command run.
    pub exec_verbs: &'static [&'static str],
    /// The roles (indexes into the policy's) whose permissions the graph follows: worth binding.
    pub bindable: Vec<usize>,
    /// A ClusterRole of every permission (`cluster-admin`, usually), when one exists.
    pub everything: Option<usize>,
}

impl<'a> World<'a> {
    /// The world of `inventory` under `policy`, on Kubernetes `version`.
    #[must_use]
    pub fn new(
        inventory: &Inventory,
        policy: &'a Policy,
        accounts: &'a Accounts,
        version: KubeVersion,
    ) -> Self {
        let mut namespaces: BTreeMap<String, Option<Evidences>> = BTreeMap::new();
        for (id, object) in inventory.iter() {
            if object.is("", "Namespace") {
                let name = object.oref.name.clone();
                let admits = match enforce_of(object) {
                    None => Some(Evidence::field(
                        id,
                        FieldPath::keys(&["metadata"]),
                        format!("namespace {name} has no `{ENFORCE}` label: Pod Security admits any pod"),
                    )),
                    Some(e) if e.level == Level::Privileged => Some(Evidence::field(
                        id,
                        FieldPath::keys(&["metadata", "labels", ENFORCE]),
                        format!("namespace {name} enforces the privileged level: any pod is admitted"),
                    )),
                    Some(_) => None,
                };
                namespaces.insert(name, admits.map(|e| Arc::from(vec![e])));
            }
        }
        let named = inventory
            .iter()
            .filter_map(|(_, o)| o.oref.namespace.clone())
            .chain(accounts.by_namespace.keys().cloned())
            .chain(std::iter::once("default".to_owned()));
        for ns in named {
            namespaces.entry(ns).or_insert_with_key(|ns| {
                Some(Arc::from(vec![Evidence::fact(format!(
                    "namespace {ns} is not among the inputs: no Pod Security level is known, so any pod is \
assumed admitted"
                ))]))
            });
        }
        let (mut users, mut groups) = (BTreeSet::new(), BTreeSet::new());
        for subject in policy.bindings.iter().flat_map(|b| &b.subjects) {
            match subject.kind.as_str() {
                "User" if !subject.name.starts_with("system:serviceaccount:") => {
                    users.insert(subject.name.clone());
                }
                "Group" => {
                    groups.insert(subject.name.clone());
                }
                _ => {}
            }
        }
        let exec_verbs: &'static [&'static str] = if version.minor() >= EXEC_NEEDS_CREATE_FROM {
            &["create"]
        } else {
            &["create", "get"]
        };
        let bindable = (0..policy.roles.len())
            .filter(|&i| super::permission_edges::worth_binding(&policy.roles[i], exec_verbs))
            .collect();
        let everything = policy.roles.iter().position(|r| {
            r.namespace.is_none()
                && r.aggregation.is_none()
                && r.rules.iter().any(|rule| {
                    rule.resource_names.is_empty()
                        && [&rule.verbs, &rule.api_groups, &rule.resources]
                            .iter()
                            .all(|list| list.iter().any(|x| x == "*"))
                })
        });
        Self {
            policy,
            accounts,
            namespaces,
            users,
            groups,
            exec_verbs,
            bindable,
            everything,
        }
    }

    /// Why Pod Security admits a pod that takes its node in `namespace`, if it does.
    #[must_use]
    pub fn admits(&self, namespace: &str) -> Option<&Evidences> {
        self.namespaces.get(namespace).and_then(Option::as_ref)
    }

    /// The first namespace where a pod that takes its node is admitted, and why.
    #[must_use]
    pub fn any_admitting(&self) -> Option<(&str, &Evidences)> {
        self.namespaces
            .iter()
            .find_map(|(ns, why)| why.as_ref().map(|w| (ns.as_str(), w)))
    }

    /// The role a key names.
    #[must_use]
    pub fn role(&self, key: &RoleKey) -> Option<&'a Role> {
        self.policy
            .roles
            .iter()
            .rev()
            .find(|r| r.namespace == key.namespace && r.name == key.name)
    }
}
