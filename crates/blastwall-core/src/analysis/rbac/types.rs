//! The RBAC model's own types, independent of where they were read from.

use serde::Deserialize;

use crate::model::{LabelSelector, ObjectId};

/// One rule of a Role or ClusterRole. Absent lists are empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PolicyRule {
    /// Verbs, `*` for all.
    pub verbs: Vec<String>,
    /// API groups, `""` for the core group, `*` for all.
    pub api_groups: Vec<String>,
    /// Resources, `resource/subresource`, `*/subresource` or `*`.
    pub resources: Vec<String>,
    /// Object names; empty means any name.
    pub resource_names: Vec<String>,
    /// Non-resource URLs, exact or with a trailing `*`.
    #[serde(rename = "nonResourceURLs")]
    pub non_resource_urls: Vec<String>,
}

impl PolicyRule {
    /// Each resource with its API group, as kubectl prints them: `deployments.apps`, `pods` for the core group.
    #[must_use]
    pub fn qualified_resources(&self) -> Vec<String> {
        self.resources
            .iter()
            .flat_map(|r| {
                self.api_groups.iter().map(move |g| {
                    if g.is_empty() {
                        r.clone()
                    } else {
                        format!("{r}.{g}")
                    }
                })
            })
            .collect()
    }

    /// The rule in one line: verbs, then resources with their groups and names, or URLs.
    #[must_use]
    pub fn summary(&self) -> String {
        let verbs = self.verbs.join(",");
        if !self.non_resource_urls.is_empty() {
            return format!("{verbs} {}", self.non_resource_urls.join(","));
        }
        let names = if self.resource_names.is_empty() {
            String::new()
        } else {
            format!(" named {}", self.resource_names.join(","))
        };
        format!("{verbs} {}{names}", self.qualified_resources().join(","))
    }
}

/// A Role (`namespace` set) or ClusterRole.
#[derive(Debug, Clone, Default)]
pub struct Role {
    /// `None` for a ClusterRole.
    pub namespace: Option<String>,
    /// Its name.
    pub name: String,
    /// Its labels (aggregation selects ClusterRoles by label).
    pub labels: std::collections::BTreeMap<String, String>,
    /// Its rules (for an aggregated ClusterRole, after aggregation).
    pub rules: Vec<PolicyRule>,
    /// `aggregationRule.clusterRoleSelectors`, when present.
    pub aggregation: Option<Vec<LabelSelector>>,
    /// The object it was read from, when it was read from the inputs.
    pub object: Option<ObjectId>,
}

/// A binding's reference to a role.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct RoleRef {
    /// `Role` or `ClusterRole`.
    pub kind: String,
    /// The role's name.
    pub name: String,
}

/// A subject of a binding.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct Subject {
    /// `User`, `Group` or `ServiceAccount`.
    pub kind: String,
    /// The name.
    pub name: String,
    /// For service accounts; defaults to the binding's namespace.
    pub namespace: Option<String>,
}

/// A RoleBinding (`namespace` set) or ClusterRoleBinding.
#[derive(Debug, Clone, Default)]
pub struct Binding {
    /// `None` for a ClusterRoleBinding.
    pub namespace: Option<String>,
    /// Its name.
    pub name: String,
    /// The role it grants.
    pub role_ref: RoleRef,
    /// Who it grants it to.
    pub subjects: Vec<Subject>,
    /// The object it was read from, when it was read from the inputs.
    pub object: Option<ObjectId>,
}

/// An authenticated identity: a user name and the groups authentication asserted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct User {
    /// The user name (`system:serviceaccount:NS:NAME` for service accounts).
    pub name: String,
    /// The groups.
    pub groups: Vec<String>,
}

impl User {
    /// A user as the API server authenticates it: service accounts carry `system:serviceaccounts`,
    /// `system:serviceaccounts:NS` and `system:authenticated`; `system:anonymous` carries
    /// `system:unauthenticated`; any other user carries `system:authenticated`. Extra groups are added.
    #[must_use]
    pub fn authenticated(name: &str, extra_groups: &[String]) -> Self {
        let mut groups: Vec<String> = Vec::new();
        if let Some(rest) = name.strip_prefix("system:serviceaccount:") {
            if let Some((ns, _)) = rest.split_once(':') {
                groups.push("system:serviceaccounts".into());
                groups.push(format!("system:serviceaccounts:{ns}"));
            }
        }
        groups.extend(extra_groups.iter().cloned());
        let anonymous = name == "system:anonymous";
        let marker = if anonymous {
            "system:unauthenticated"
        } else {
            "system:authenticated"
        };
        if !groups
            .iter()
            .any(|g| g == "system:authenticated" || g == "system:unauthenticated")
        {
            groups.push(marker.into());
        }
        Self {
            name: name.to_owned(),
            groups,
        }
    }
}

/// What is asked of the API server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// A request on a resource.
    Resource {
        /// `get`, `list`, `create`, `bind`...
        verb: String,
        /// `""` for the core group.
        api_group: String,
        /// Plural resource name.
        resource: String,
        /// Subresource, or `""`.
        subresource: String,
        /// Object name, or `""` (create, list).
        name: String,
        /// Namespace, or `""` for cluster-scoped and all-namespace requests.
        namespace: String,
    },
    /// A request on a non-resource URL such as `/healthz`.
    NonResource {
        /// Lower-cased HTTP method.
        verb: String,
        /// URL path.
        path: String,
    },
}

impl Request {
    /// The namespace the request is in (`""` for cluster scope and non-resource URLs).
    #[must_use]
    pub fn namespace(&self) -> &str {
        match self {
            Self::Resource { namespace, .. } => namespace,
            Self::NonResource { .. } => "",
        }
    }
}
