//! The `rbac --all` answer: every subject's effective permissions at once, streamed. Text lists each subject
//! with the bindings that apply to it and the rules of their roles; JSON lists subjects with their bindings
//! and, once, the rules of every role those bindings reference.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde_json::{json, Value};

use super::{describe_binding, origin, rule_json, AnswerFormat};
use crate::analysis::rbac::{everyone, Policy, Role, SubjectKey};
use crate::model::Inventory;

fn role_key(role: &Role) -> String {
    match &role.namespace {
        Some(ns) => format!("Role/{ns}/{}", role.name),
        None => format!("ClusterRole/{}", role.name),
    }
}

fn subject_json(key: &SubjectKey) -> Value {
    match key {
        SubjectKey::ServiceAccount(ns, name) => {
            json!({"kind": "ServiceAccount", "namespace": ns, "name": name})
        }
        SubjectKey::User(name) => json!({"kind": "User", "name": name}),
        SubjectKey::Group(name) => json!({"kind": "Group", "name": name}),
    }
}

/// The service accounts the inputs define: subjects too, even when no binding names them.
fn defined_accounts(inventory: &Inventory) -> Vec<SubjectKey> {
    inventory
        .iter()
        .filter(|(_, o)| o.is("", "ServiceAccount"))
        .map(|(_, o)| {
            let ns = o.oref.namespace.clone().unwrap_or_else(|| "default".into());
            SubjectKey::ServiceAccount(ns, o.oref.name.clone())
        })
        .collect()
}

/// The subjects the inputs name: in a binding among the inputs, or a service account they define.
fn named_by_inputs(inventory: &Inventory, policy: &Policy) -> BTreeSet<SubjectKey> {
    policy
        .bindings
        .iter()
        .filter(|b| b.object.is_some())
        .flat_map(|b| b.subjects.iter().filter_map(move |s| SubjectKey::named(s, b)))
        .chain(defined_accounts(inventory))
        .collect()
}

/// Writes every subject of `policy` (and every service account the inputs define) with its bindings: the
/// subjects the inputs name first, then, with `include_builtin`, those only Kubernetes' built-in bindings
/// name.
pub fn write(
    out: &mut dyn Write,
    inventory: &Inventory,
    policy: &Policy,
    format: AnswerFormat,
    include_builtin: bool,
) -> io::Result<()> {
    let own = named_by_inputs(inventory, policy);
    let (mut all, builtin): (Vec<_>, Vec<_>) = everyone(policy, defined_accounts(inventory))
        .into_iter()
        .partition(|e| own.contains(&e.subject));
    if include_builtin {
        all.extend(builtin);
    }
    match format {
        AnswerFormat::Text => {
            for e in &all {
                let groups = if e.user.groups.is_empty() || matches!(e.subject, SubjectKey::Group(_)) {
                    String::new()
                } else {
                    format!(" (groups: {})", e.user.groups.join(", "))
                };
                writeln!(out, "{}{groups}", e.subject.describe())?;
                if e.grants.is_empty() {
                    writeln!(out, "  nothing")?;
                }
                for (binding, role) in &e.grants {
                    let kind = if role.namespace.is_some() {
                        "Role"
                    } else {
                        "ClusterRole"
                    };
                    writeln!(
                        out,
                        "  via {} -> {kind} {}",
                        describe_binding(inventory, binding),
                        role.name
                    )?;
                    for rule in &role.rules {
                        writeln!(out, "      {}", rule.summary())?;
                    }
                }
            }
        }
        AnswerFormat::Json => {
            let mut roles: BTreeMap<String, &Role> = BTreeMap::new();
            write!(out, "{{\"schema_version\":1,\"subjects\":[")?;
            for (i, e) in all.iter().enumerate() {
                let bindings: Vec<Value> = e
                    .grants
                    .iter()
                    .map(|(b, r)| {
                        let key = role_key(r);
                        roles.entry(key.clone()).or_insert(r);
                        json!({"kind": if b.namespace.is_some() { "RoleBinding" } else { "ClusterRoleBinding" },
                               "namespace": b.namespace, "name": b.name, "location": origin(inventory, b.object),
                               "role": key})
                    })
                    .collect();
                let mut subject = subject_json(&e.subject);
                subject["groups"] = json!(e.user.groups);
                subject["bindings"] = Value::Array(bindings);
                if i > 0 {
                    write!(out, ",")?;
                }
                serde_json::to_writer(&mut *out, &subject)?;
            }
            write!(out, "],\"roles\":{{")?;
            for (i, (key, role)) in roles.iter().enumerate() {
                if i > 0 {
                    write!(out, ",")?;
                }
                let value = json!({"location": origin(inventory, role.object),
                                   "rules": role.rules.iter().map(rule_json).collect::<Vec<_>>()});
                write!(out, "{}:", serde_json::to_string(key)?)?;
                serde_json::to_writer(&mut *out, &value)?;
            }
            writeln!(out, "}}}}")?;
        }
    }
    Ok(())
}
