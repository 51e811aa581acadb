//! What a set of grants allows, asked the way the authorizer decides: each grant is a role as one binding
//! grants it, and a question is answered per scope (every namespace, or the namespaces of RoleBindings),
//! with the binding and rule that allow it as evidence.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::graph::{Evidence, Evidences};
use crate::analysis::rbac::{rule_allows, Binding, PolicyRule, Request, Role};
use crate::model::FieldPath;

/// A role as one binding grants it.
#[derive(Debug, Clone)]
pub struct Grant<'p> {
    /// The rules.
    pub rules: &'p [PolicyRule],
    /// The namespace a RoleBinding grants them in; `None`: every namespace.
    pub namespace: Option<String>,
    /// Whether cluster-scoped requests are granted too (a ClusterRoleBinding).
    pub cluster: bool,
    /// The role, when it is one (not the `*` rules an attacker writes with `escalate`).
    pub role: Option<&'p Role>,
    /// The binding and role that grant the rules.
    pub evidence: Vec<Evidence>,
}

impl<'p> Grant<'p> {
    /// The grant of `role` through `binding` to the subject at `subject` of its subjects.
    #[must_use]
    pub fn of(binding: &Binding, subject: usize, role: &'p Role) -> Self {
        let what = match &binding.namespace {
            Some(ns) => format!("RoleBinding {ns}/{}", binding.name),
            None => format!("ClusterRoleBinding {}", binding.name),
        };
        let role_name = match &role.namespace {
            Some(ns) => format!("Role {ns}/{}", role.name),
            None => format!("ClusterRole {}", role.name),
        };
        let note = format!("{what} grants {role_name}");
        let evidence = match binding.object {
            Some(id) => Evidence::field(id, FieldPath::keys(&["subjects"]).index(subject), note),
            None => Evidence::fact(format!("built-in {note}")),
        };
        Self {
            rules: &role.rules,
            namespace: binding.namespace.clone(),
            cluster: binding.namespace.is_none(),
            role: Some(role),
            evidence: vec![evidence],
        }
    }

    /// The evidence that rule `index` of this grant allows something.
    fn evidence_for(&self, index: usize) -> Evidences {
        let mut out = self.evidence.clone();
        if let Some(role) = self.role {
            let kind = if role.namespace.is_some() {
                "Role"
            } else {
                "ClusterRole"
            };
            let note = format!("{kind} {} allows it", role.name);
            out.push(match role.object {
                Some(id) => Evidence::field(id, FieldPath::keys(&["rules"]).index(index), note),
                None => Evidence::fact(format!("built-in {note}")),
            });
        }
        Arc::from(out)
    }
}

/// Where something is allowed: in every namespace, and in the namespaces of single RoleBindings.
#[derive(Debug, Default, Clone)]
pub struct Scopes {
    /// In every namespace, with why.
    pub anywhere: Option<Evidences>,
    /// In these namespaces only.
    pub namespaces: BTreeMap<String, Evidences>,
}

impl Scopes {
    /// Why it is allowed in `namespace`, if it is.
    #[must_use]
    pub fn in_namespace(&self, namespace: &str) -> Option<&Evidences> {
        self.anywhere.as_ref().or_else(|| self.namespaces.get(namespace))
    }

    /// Whether it is allowed nowhere.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.anywhere.is_none() && self.namespaces.is_empty()
    }

    /// Each scope: `None` for every namespace (then no other is listed), else each namespace.
    pub fn each(&self) -> Vec<(Option<&str>, &Evidences)> {
        match &self.anywhere {
            Some(e) => vec![(None, e)],
            None => self
                .namespaces
                .iter()
                .map(|(ns, e)| (Some(ns.as_str()), e))
                .collect(),
        }
    }
}

/// One question: any of `verbs` on `group`/`resource` (with `/subresource`), for object `name` (`""`:
/// any, or none as for `create` and `list`).
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    /// The verbs, any of which will do.
    pub verbs: &'a [&'a str],
    /// The API group.
    pub group: &'a str,
    /// `resource` or `resource/subresource`.
    pub resource: &'a str,
    /// The object's name.
    pub name: &'a str,
}

impl Ask<'_> {
    /// The requests it stands for (rule matching does not look at `namespace`).
    fn requests(&self, namespace: &str) -> impl Iterator<Item = Request> + '_ {
        let (resource, subresource) = self.resource.split_once('/').unwrap_or((self.resource, ""));
        let namespace = namespace.to_owned();
        self.verbs.iter().map(move |verb| Request::Resource {
            verb: (*verb).to_owned(),
            api_group: self.group.to_owned(),
            resource: resource.to_owned(),
            subresource: subresource.to_owned(),
            name: self.name.to_owned(),
            namespace: namespace.clone(),
        })
    }
}

/// The grants of one position, asked questions.
#[derive(Debug)]
pub struct Grants<'p>(pub Vec<Grant<'p>>);

impl Grants<'_> {
    /// The first rule of `grant` that allows one of `requests`.
    fn matching(grant: &Grant<'_>, requests: &[Request]) -> Option<usize> {
        grant
            .rules
            .iter()
            .position(|rule| requests.iter().any(|r| rule_allows(rule, r)))
    }

    /// Where any of `asks` (namespaced requests) is allowed.
    #[must_use]
    pub fn scopes(&self, asks: &[Ask<'_>]) -> Scopes {
        let mut out = Scopes::default();
        // Rule matching does not look at the namespace: the requests are built once for every grant.
        let requests: Vec<Request> = asks.iter().flat_map(|ask| ask.requests("")).collect();
        for grant in &self.0 {
            let Some(index) = Self::matching(grant, &requests) else {
                continue;
            };
            match &grant.namespace {
                None => {
                    if out.anywhere.is_none() {
                        out.anywhere = Some(grant.evidence_for(index));
                    }
                }
                Some(ns) => {
                    out.namespaces
                        .entry(ns.clone())
                        .or_insert_with(|| grant.evidence_for(index));
                }
            }
        }
        if out.anywhere.is_some() {
            out.namespaces.clear();
        }
        out
    }

    /// Why `ask` (a cluster-scoped request) is allowed, if it is: only cluster-wide grants count.
    #[must_use]
    pub fn cluster(&self, ask: &Ask<'_>) -> Option<Evidences> {
        let requests: Vec<Request> = ask.requests("").collect();
        self.0
            .iter()
            .filter(|g| g.cluster)
            .find_map(|grant| Self::matching(grant, &requests).map(|i| grant.evidence_for(i)))
    }

    /// Names the grants allow `ask` for through rules that list resourceNames, with the namespace of the
    /// grant (`None`: every namespace) and why.
    #[must_use]
    pub fn named(&self, ask: &Ask<'_>) -> Vec<(Option<String>, String, Evidences)> {
        let mut out = Vec::new();
        for grant in &self.0 {
            for (index, rule) in grant.rules.iter().enumerate() {
                for name in &rule.resource_names {
                    let named = Ask { name, ..*ask };
                    let namespace = grant.namespace.as_deref().unwrap_or("");
                    if named.requests(namespace).any(|r| rule_allows(rule, &r)) {
                        out.push((grant.namespace.clone(), name.clone(), grant.evidence_for(index)));
                    }
                }
            }
        }
        out
    }
}
