//! The `who-can` answer: every subject that may make the request, with the binding and role that allow it;
//! members of `system:masters` always may.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{describe_binding, origin, request_json, AnswerFormat};
use crate::analysis::rbac::{Holder, Request};
use crate::model::Inventory;

/// Writes the answer.
pub fn write(
    out: &mut dyn Write,
    inventory: &Inventory,
    req: &Request,
    holders: &[Holder<'_>],
    format: AnswerFormat,
) -> io::Result<()> {
    match format {
        AnswerFormat::Json => {
            let rows: Vec<Value> = holders
                .iter()
                .map(|h| {
                    json!({
                        "subject": {"kind": h.subject.kind, "name": h.subject.name, "namespace": h.subject.namespace},
                        "binding": {"kind": if h.binding.namespace.is_some() { "RoleBinding" } else { "ClusterRoleBinding" },
                                    "namespace": h.binding.namespace, "name": h.binding.name,
                                    "location": origin(inventory, h.binding.object)},
                        "role": {"kind": if h.role.namespace.is_some() { "Role" } else { "ClusterRole" },
                                 "name": h.role.name, "location": origin(inventory, h.role.object)},
                    })
                })
                .collect();
            let value =
                json!({"request": request_json(req), "subjects": rows, "always": ["Group system:masters"]});
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)
        }
        AnswerFormat::Text => {
            writeln!(out, "{:<16} {:<45} VIA", "KIND", "SUBJECT")?;
            for h in holders {
                let name = match &h.subject.namespace {
                    Some(ns) if h.subject.kind == "ServiceAccount" => format!("{ns}/{}", h.subject.name),
                    _ => h.subject.name.clone(),
                };
                writeln!(
                    out,
                    "{:<16} {:<45} {} -> {}",
                    h.subject.kind,
                    name,
                    describe_binding(inventory, h.binding),
                    h.role.name
                )?;
            }
            writeln!(out, "{:<16} {:<45} always allowed", "Group", "system:masters")
        }
    }
}
