//! The RBAC answers in kubectl's words: `can-i`, `who-can`, `rbac --as` and `rbac --all`, as text or JSON,
//! each binding and role with the file and line it was read from (or as Kubernetes' built-in).

pub mod can_i;
pub mod effective;
pub mod everyone;
pub mod who_can;

use std::io::{self, Write};

use serde_json::{json, Value};

use super::AnswerFormat;
use crate::analysis::rbac::{Binding, Grant, PolicyRule, Request};
use crate::model::{Inventory, ObjectId};

/// Where an object was read: file and line, or `{"builtin": true}` for Kubernetes' own roles and bindings.
fn origin(inventory: &Inventory, id: Option<ObjectId>) -> Value {
    id.map_or(json!({"builtin": true}), |id| {
        let o = inventory.object(id);
        json!({"file": inventory.source(o.source).name, "line": o.span().line + 1})
    })
}

/// `RoleBinding ns/name (file:line)`, `ClusterRoleBinding name (built-in)`.
#[must_use]
pub(crate) fn describe_binding(inventory: &Inventory, b: &Binding) -> String {
    let kind = if b.namespace.is_some() {
        "RoleBinding"
    } else {
        "ClusterRoleBinding"
    };
    let ns = b
        .namespace
        .as_deref()
        .map(|n| format!("{n}/"))
        .unwrap_or_default();
    let place = b.object.map_or_else(
        || " (built-in)".to_owned(),
        |id| {
            let o = inventory.object(id);
            format!(" ({}:{})", inventory.source(o.source).name, o.span().line + 1)
        },
    );
    format!("{kind} {ns}{}{place}", b.name)
}

fn grant_json(inventory: &Inventory, g: &Grant<'_>) -> Value {
    match (g.binding, g.role, g.rule) {
        (Some(b), Some(r), Some(rule)) => json!({
            "binding": {"kind": if b.namespace.is_some() { "RoleBinding" } else { "ClusterRoleBinding" },
                        "namespace": b.namespace, "name": b.name, "location": origin(inventory, b.object)},
            "role": {"kind": if r.namespace.is_some() { "Role" } else { "ClusterRole" },
                     "namespace": r.namespace, "name": r.name, "location": origin(inventory, r.object)},
            "rule": rule_json(rule),
        }),
        _ => json!({"group": "system:masters"}),
    }
}

fn rule_json(rule: &PolicyRule) -> Value {
    json!({"verbs": rule.verbs, "apiGroups": rule.api_groups, "resources": rule.resources,
           "resourceNames": rule.resource_names, "nonResourceURLs": rule.non_resource_urls})
}

fn request_json(req: &Request) -> Value {
    match req {
        Request::Resource {
            verb,
            api_group,
            resource,
            subresource,
            name,
            namespace,
        } => json!({
            "verb": verb, "apiGroup": api_group, "resource": resource, "subresource": subresource,
            "name": name, "namespace": namespace,
        }),
        Request::NonResource { verb, path } => json!({"verb": verb, "path": path}),
    }
}

/// Writes the rules of `grants` as kubectl's `auth can-i --list` does, in aligned columns; with `via`, a last
/// column names the binding and role behind each rule. JSON lists the grants whole.
pub fn list(
    out: &mut dyn Write,
    inventory: &Inventory,
    grants: &[Grant<'_>],
    format: AnswerFormat,
    via: bool,
) -> io::Result<()> {
    if format == AnswerFormat::Json {
        let rows: Vec<Value> = grants.iter().map(|g| grant_json(inventory, g)).collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    let mut rows: Vec<Vec<String>> =
        vec![
            ["RESOURCES", "NON-RESOURCE URLS", "RESOURCE NAMES", "VERBS", "VIA"]
                .iter()
                .map(|&h| h.to_owned())
                .collect(),
        ];
    for grant in grants {
        let Some(rule) = grant.rule else { continue };
        let by = match (grant.binding, grant.role) {
            (Some(b), Some(r)) => {
                let kind = if r.namespace.is_some() {
                    "Role"
                } else {
                    "ClusterRole"
                };
                format!("{} -> {kind} {}", describe_binding(inventory, b), r.name)
            }
            _ => "group system:masters".to_owned(),
        };
        rows.push(vec![
            rule.qualified_resources().join(","),
            format!("[{}]", rule.non_resource_urls.join(" ")),
            format!("[{}]", rule.resource_names.join(" ")),
            format!("[{}]", rule.verbs.join(" ")),
            by,
        ]);
    }
    let columns = if via { 5 } else { 4 };
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let cells: Vec<String> = (0..columns)
            .map(|c| {
                if c + 1 == columns {
                    row[c].clone()
                } else {
                    format!("{:<width$}", row[c], width = widths[c])
                }
            })
            .collect();
        writeln!(out, "{}", cells.join("   ").trim_end())?;
    }
    Ok(())
}
