//! The `rbac --as` answer: what one identity may do cluster-wide and in each namespace where RoleBindings add
//! to it, and its shortest path to cluster-admin power.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{grant_json, list, AnswerFormat};
use crate::analysis::attack::MAX_STEPS;
use crate::analysis::rbac::{Grant, User};
use crate::model::Inventory;

/// What an identity may do.
#[derive(Debug)]
pub struct Effective<'a> {
    /// The identity.
    pub user: &'a User,
    /// Grants of ClusterRoleBindings.
    pub cluster: Vec<Grant<'a>>,
    /// Grants that RoleBindings add, by namespace.
    pub per_namespace: Vec<(&'a str, Vec<Grant<'a>>)>,
    /// The shortest path to cluster-admin power in the attack graph, or `None`.
    pub path: Option<Vec<PathStep>>,
}

/// One step of a path, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// Who acts.
    pub from: String,
    /// The kind of step (`create-pod`, `holds`...).
    pub kind: &'static str,
    /// What it gains.
    pub to: String,
}

/// Writes the answer.
pub fn write(
    out: &mut dyn Write,
    inventory: &Inventory,
    answer: &Effective<'_>,
    format: AnswerFormat,
) -> io::Result<()> {
    let user = answer.user;
    let masters = user.groups.iter().any(|g| g == "system:masters");
    match format {
        AnswerFormat::Json => {
            let steps: Option<Vec<Value>> = answer.path.as_ref().map(|p| {
                p.iter()
                    .map(|s| json!({"from": s.from, "kind": s.kind, "to": s.to}))
                    .collect()
            });
            let value = json!({
                "user": {"name": user.name, "groups": user.groups},
                "system_masters": masters,
                "path_to_cluster_admin": steps,
                "cluster": answer.cluster.iter().map(|g| grant_json(inventory, g)).collect::<Vec<_>>(),
                "namespaces": answer.per_namespace.iter().map(|(ns, g)| {
                    ((*ns).to_string(), Value::Array(g.iter().map(|g| grant_json(inventory, g)).collect()))
                }).collect::<serde_json::Map<String, Value>>(),
            });
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)
        }
        AnswerFormat::Text => {
            writeln!(out, "{} (groups: {})", user.name, user.groups.join(", "))?;
            if masters {
                writeln!(
                    out,
                    "member of system:masters: may do everything, whatever RBAC says\n"
                )?;
            }
            writeln!(out, "\nCluster-wide (ClusterRoleBindings), in every namespace:")?;
            list(out, inventory, &answer.cluster, AnswerFormat::Text, true)?;
            for (ns, grants) in &answer.per_namespace {
                writeln!(out, "\nIn namespace {ns} (RoleBindings), in addition:")?;
                list(out, inventory, grants, AnswerFormat::Text, true)?;
            }
            write_path(out, answer.path.as_deref())
        }
    }
}

fn write_path(out: &mut dyn Write, path: Option<&[PathStep]>) -> io::Result<()> {
    let Some(p) = path else {
        return writeln!(out, "\nNo path to cluster-admin within {MAX_STEPS} steps.");
    };
    let steps = if p.len() == 1 {
        "1 step".to_owned()
    } else {
        format!("{} steps", p.len())
    };
    writeln!(
        out,
        "\nPath to cluster-admin in {steps} (`blastwall paths --as` shows the evidence):"
    )?;
    for (i, step) in p.iter().enumerate() {
        writeln!(out, "  {}. {} -[{}]-> {}", i + 1, step.from, step.kind, step.to)?;
    }
    Ok(())
}
