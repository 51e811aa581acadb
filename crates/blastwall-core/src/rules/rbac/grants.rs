//! What RBAC rules need: the rules of a Role or ClusterRole object, the test of whether a rule grants a kind
//! of request, and who a role is bound to.

use crate::analysis::rbac::{namespace_can_grant, rule_allows, Binding, Policy, PolicyRule, Request};
use crate::model::{FieldPath, ObjectId};
use crate::rules::check::Check;

/// True when `rule` grants `verb` on `resource` (`resource/subresource` allowed) of `group` for an
/// unnamed object: rules limited to resourceNames do not count, since they grant only those objects.
pub fn grants(rule: &PolicyRule, verb: &str, group: &str, resource: &str) -> bool {
    let (resource, subresource) = resource.split_once('/').unwrap_or((resource, ""));
    let request = Request::Resource {
        verb: verb.to_owned(),
        api_group: group.to_owned(),
        resource: resource.to_owned(),
        subresource: subresource.to_owned(),
        name: String::new(),
        namespace: "any".to_owned(),
    };
    rule_allows(rule, &request)
}

/// One rule of a role, with how far the role's bindings reach: a Role, or a ClusterRole bound only by
/// RoleBindings, grants nothing that the authorizer is asked about without a namespace.
#[derive(Clone, Copy)]
pub(crate) struct Granted<'r> {
    /// The rule.
    pub rule: &'r PolicyRule,
    /// True when a ClusterRoleBinding grants it (or could: a ClusterRole no input binds).
    pub cluster_wide: bool,
}

impl Granted<'_> {
    /// True when the rule grants `verb` on `resource` of `group` through the role's bindings.
    pub fn grants(&self, verb: &str, group: &str, resource: &str) -> bool {
        (self.cluster_wide || namespace_can_grant(verb, group, resource))
            && grants(self.rule, verb, group, resource)
    }

    /// True when the rule grants any of `verbs` on any of `resources` of `group`.
    pub(crate) fn grants_any(&self, verbs: &[&str], group: &str, resources: &[&str]) -> bool {
        verbs
            .iter()
            .any(|v| resources.iter().any(|r| self.grants(v, group, r)))
    }
}

/// The bindings that grant the role read from `role`, as a short phrase with file:line.
pub(crate) fn bound_to(c: &Check<'_>, policy: &Policy, role: ObjectId) -> String {
    let index = policy.roles.iter().position(|r| r.object == Some(role));
    let bindings: Vec<&Binding> = index.map(|i| policy.bindings_of(i).collect()).unwrap_or_default();
    if bindings.is_empty() {
        return "not bound by any binding among the inputs".to_owned();
    }
    let mut parts: Vec<String> = bindings
        .iter()
        .take(3)
        .map(|b| {
            let subjects: Vec<String> = b
                .subjects
                .iter()
                .map(|s| format!("{} {}", s.kind, s.name))
                .collect();
            let place = b.object.map(|id| {
                let o = c.inventory.object(id);
                format!(" ({}:{})", c.inventory.source(o.source).name, o.span().line + 1)
            });
            format!(
                "{} via {}{}",
                subjects.join(", "),
                b.name,
                place.unwrap_or_default()
            )
        })
        .collect();
    if bindings.len() > 3 {
        parts.push(format!("and {} more bindings", bindings.len() - 3));
    }
    format!("bound to {}", parts.join("; "))
}

/// Runs `risk` on every rule of a Role or ClusterRole object and reports what it returns, at that rule. On
/// a binding that references one of Kubernetes' built-in roles (which no input shows), reports the first
/// risky rule of that role at the binding's `roleRef`. cluster-admin is left to cluster-admin-binding.
pub(crate) fn report_role_rules(c: &mut Check<'_>, risk: impl Fn(Granted<'_>) -> Option<String>) {
    let object = c.object;
    let is_role = object.is(RBAC, "Role") || object.is(RBAC, "ClusterRole");
    if object.is(RBAC, "RoleBinding") || object.is(RBAC, "ClusterRoleBinding") {
        report_builtin_role(c, &risk);
    }
    if !is_role {
        return;
    }
    let policy = c.rbac();
    let Some(role) = policy.roles.iter().find(|r| r.object == Some(c.id)) else {
        return;
    };
    // An aggregated role's written rules are replaced by those it gathers, which are reported on their own roles.
    if role.aggregation.is_some() {
        return;
    }
    let index = policy.roles.iter().position(|r| r.object == Some(c.id));
    let bindings: Vec<&Binding> = index.map(|i| policy.bindings_of(i).collect()).unwrap_or_default();
    let cluster_wide = object.is(RBAC, "ClusterRole")
        && (bindings.is_empty() || bindings.iter().any(|b| b.namespace.is_none()));
    for (i, rule) in role.rules.iter().enumerate() {
        if let Some(what) = risk(Granted { rule, cluster_wide }) {
            let message = format!(
                "{} `{}` {what}; {}",
                object.oref.kind,
                object.oref.name,
                bound_to(c, policy, c.id)
            );
            c.report(FieldPath::keys(&["rules"]).index(i), message);
        }
    }
}

const RBAC: &str = "rbac.authorization.k8s.io";

fn report_builtin_role(c: &mut Check<'_>, risk: &impl Fn(Granted<'_>) -> Option<String>) {
    let policy = c.rbac();
    let Some(binding) = policy.bindings.iter().find(|b| b.object == Some(c.id)) else {
        return;
    };
    let Some(role) = policy.role_of(binding).filter(|r| r.object.is_none()) else {
        return;
    };
    if role.name == "cluster-admin" {
        return;
    }
    let cluster_wide = binding.namespace.is_none();
    let Some((risky, what)) = role
        .rules
        .iter()
        .find_map(|rule| risk(Granted { rule, cluster_wide }).map(|w| (rule, w)))
    else {
        return;
    };
    let subjects: Vec<String> = binding
        .subjects
        .iter()
        .map(|s| format!("{} {}", s.kind, s.name))
        .collect();
    let message =
        format!(
        "{} `{}` grants Kubernetes' built-in ClusterRole `{}`, which {what} (rule: {} on {}); bound to {}",
        c.object.oref.kind,
        c.object.oref.name,
        role.name,
        risky.verbs.join(","),
        risky.resources.join(","),
        if subjects.is_empty() { "no subject".to_owned() } else { subjects.join(", ") }
    );
    c.report(FieldPath::keys(&["roleRef", "name"]), message);
}
