//! The `can-i` answer: `yes` or `no` as kubectl prints it (or JSON with the grant), and the notes for standard
//! error: the binding and role that allow it, and bindings to roles the inputs lack.

use std::io::{self, Write};

use serde_json::json;

use super::{describe_binding, grant_json, request_json, AnswerFormat};
use crate::analysis::rbac::{Binding, Grant, Request, User};
use crate::model::Inventory;

/// Writes the answer.
pub fn write(
    out: &mut dyn Write,
    inventory: &Inventory,
    user: &User,
    req: &Request,
    grant: Option<&Grant<'_>>,
    format: AnswerFormat,
) -> io::Result<()> {
    match format {
        AnswerFormat::Json => {
            let value = json!({
                "allowed": grant.is_some(),
                "user": {"name": user.name, "groups": user.groups},
                "request": request_json(req),
                "grant": grant.map(|g| grant_json(inventory, g)),
            });
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)
        }
        AnswerFormat::Text => writeln!(out, "{}", if grant.is_some() { "yes" } else { "no" }),
    }
}

/// What kubectl would not print but a reader wants: which binding allows it, or which bindings name a
/// role that is not among the inputs.
#[must_use]
pub fn notes(inventory: &Inventory, grant: Option<&Grant<'_>>, dangling: &[&Binding]) -> Vec<String> {
    match grant {
        Some(g) => match (g.binding, g.role) {
            (Some(b), Some(r)) => {
                let kind = if r.namespace.is_some() {
                    "Role"
                } else {
                    "ClusterRole"
                };
                vec![format!(
                    "  via {} -> {kind} {}",
                    describe_binding(inventory, b),
                    r.name
                )]
            }
            _ => vec!["  via group system:masters".to_owned()],
        },
        None => dangling
            .iter()
            .map(|b| {
                format!(
                    "note: {} binds {} `{}`, which is not among the inputs: it grants nothing here",
                    describe_binding(inventory, b),
                    b.role_ref.kind,
                    b.role_ref.name
                )
            })
            .collect(),
    }
}
