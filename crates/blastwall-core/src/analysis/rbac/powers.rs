//! The dangerous powers of a service account: what, of a short list of permissions that turn one
//! compromised pod into its namespace or the cluster, the account may do, and through which binding.

use std::fmt;

use super::matching::rule_allows;
use super::policy::{Grant, Policy};
use super::types::{Request, User};

/// One dangerous permission an account holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Power {
    /// What it means, in words (`read Secrets`).
    pub what: &'static str,
    /// The binding that grants it, when a binding does.
    pub via: Option<String>,
}

impl fmt::Display for Power {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.via {
            Some(binding) => write!(f, "{} (via {binding})", self.what),
            None => f.write_str(self.what),
        }
    }
}

/// (what it means, verb, group, resource, namespaced).
const DANGEROUS: [(&str, &str, &str, &str, bool); 9] = [
    ("read Secrets", "list", "", "secrets", true),
    ("create pods", "create", "", "pods", true),
    ("exec into pods", "create", "", "pods/exec", true),
    (
        "mint service-account tokens",
        "create",
        "",
        "serviceaccounts/token",
        true,
    ),
    (
        "bind roles",
        "bind",
        "rbac.authorization.k8s.io",
        "clusterroles",
        true,
    ),
    (
        "escalate roles",
        "escalate",
        "rbac.authorization.k8s.io",
        "roles",
        true,
    ),
    ("impersonate users", "impersonate", "", "users", false),
    ("use the kubelet proxy", "get", "", "nodes/proxy", false),
    (
        "approve certificates",
        "update",
        "certificates.k8s.io",
        "certificatesigningrequests/approval",
        false,
    ),
];

/// What the account may do from the dangerous list, with the binding that allows each.
pub(crate) fn dangerous_powers(policy: &Policy, namespace: &str, account: &str) -> Vec<Power> {
    let user = User::authenticated(&format!("system:serviceaccount:{namespace}:{account}"), &[]);
    // The account's grants, gathered once: in its namespace, and cluster-wide.
    let local: Vec<Grant<'_>> = policy.rules_for(&user, namespace).collect();
    let cluster: Vec<Grant<'_>> = policy.rules_for(&user, "").collect();
    let mut can = Vec::new();
    for (what, verb, group, resource, namespaced) in DANGEROUS {
        let (resource, subresource) = resource.split_once('/').unwrap_or((resource, ""));
        let request = Request::Resource {
            verb: verb.into(),
            api_group: group.into(),
            resource: resource.into(),
            subresource: subresource.into(),
            name: String::new(),
            namespace: if namespaced {
                namespace.into()
            } else {
                String::new()
            },
        };
        let grants = if namespaced { &local } else { &cluster };
        if let Some(grant) = grants
            .iter()
            .find(|g| g.rule.is_some_and(|r| rule_allows(r, &request)))
        {
            can.push(Power {
                what,
                via: grant.binding.map(|b| b.name.clone()),
            });
        }
    }
    can
}
