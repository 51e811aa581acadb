//! `blastwall can-i` and `blastwall who-can`: RBAC questions answered offline from manifests, in kubectl's
//! words.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Result};
use blastwall_core::analysis::rbac::resources::resolve_type;
use blastwall_core::analysis::rbac::{
    accounts_of, dangling_for, path_to_cluster_admin, policy_of, rules_of, who_can, Binding, Grant, Policy,
    PolicyRule, Request, User, MAX_STEPS,
};
use blastwall_core::model::{Inventory, ObjectId};
use serde_json::{json, Value};

use crate::cli::{CanIArgs, ClusterArgs, RbacArgs, RbacFormat, WhoCanArgs};
use crate::exit::{EXIT_ERROR, EXIT_FINDINGS};
use crate::input;

/// Builds the request from kubectl-style arguments: `VERB TYPE[/NAME]` or `VERB /url`. As `kubectl auth
/// can-i` does, the request keeps the namespace whatever the resource's scope (only `-A` clears it), so the
/// RoleBindings of that namespace apply: `bind clusterroles/admin -n team` is decided by the bindings of
/// `team`. A cluster-scoped resource gets kubectl's warning on standard error.
fn request(verb: &str, target: &str, subresource: &str, namespace: &str, all_namespaces: bool) -> Request {
    if target.starts_with('/') {
        return Request::NonResource {
            verb: verb.to_owned(),
            path: target.to_owned(),
        };
    }
    let (typed, name) = target.split_once('/').unwrap_or((target, ""));
    let (resource, api_group, namespaced) = resolve_type(typed);
    if !namespaced && !all_namespaces && typed != "*" {
        eprintln!("Warning: resource '{resource}' is not namespace scoped");
    }
    Request::Resource {
        verb: verb.to_owned(),
        api_group,
        resource,
        subresource: subresource.to_owned(),
        name: name.to_owned(),
        namespace: if all_namespaces {
            String::new()
        } else {
            namespace.to_owned()
        },
    }
}

/// `-f` paths, then any positional arguments left after the question.
fn manifest_paths(filenames: &[PathBuf], rest: Vec<String>) -> Vec<PathBuf> {
    filenames
        .iter()
        .cloned()
        .chain(rest.into_iter().map(PathBuf::from))
        .collect()
}

/// The kinds an RBAC answer reads.
#[derive(Debug, Clone, Copy)]
enum Needs {
    /// Roles and bindings only.
    Rbac,
    /// Roles, bindings and ServiceAccounts.
    Accounts,
    /// Everything: escalation paths look at pods, Secrets and namespaces too.
    Everything,
}

impl Needs {
    fn wants(self, kind: &str) -> bool {
        let rbac = matches!(
            kind,
            "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding"
        ) || kind.ends_with("List");
        match self {
            Self::Rbac => rbac,
            Self::Accounts => rbac || kind == "ServiceAccount",
            Self::Everything => true,
        }
    }
}

fn read_policy(
    paths: &[PathBuf],
    cluster: &ClusterArgs,
    needs: Needs,
) -> Result<Option<(Inventory, Policy)>> {
    if paths.is_empty() {
        bail!("give the RBAC manifests with -f PATH (files or directories) or as paths");
    }
    let Some(inventory) = input::read_kinds(paths, &[], &|kind| needs.wants(kind))? else {
        return Ok(None);
    };
    input::warn_unreadable(&inventory);
    let policy = policy_of(&inventory, cluster.default_rbac());
    Ok(Some((inventory, policy)))
}

/// Where an object was read: file and line, or `{"builtin": true}` for Kubernetes' own roles and bindings.
pub(crate) fn origin(inventory: &Inventory, id: Option<ObjectId>) -> Value {
    id.map_or(json!({"builtin": true}), |id| {
        let o = inventory.object(id);
        json!({"file": inventory.source(o.source).name, "line": o.span().line + 1})
    })
}

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

pub(crate) fn grant_json(inventory: &Inventory, g: &Grant<'_>) -> Value {
    match (g.binding, g.role, g.rule) {
        (Some(b), Some(r), Some(rule)) => json!({
            "binding": {"kind": if b.namespace.is_some() { "RoleBinding" } else { "ClusterRoleBinding" },
                        "namespace": b.namespace, "name": b.name, "location": origin(inventory, b.object)},
            "role": {"kind": if r.namespace.is_some() { "Role" } else { "ClusterRole" },
                     "namespace": r.namespace, "name": r.name, "location": origin(inventory, r.object)},
            "rule": {"verbs": rule.verbs, "apiGroups": rule.api_groups, "resources": rule.resources,
                     "resourceNames": rule.resource_names, "nonResourceURLs": rule.non_resource_urls},
        }),
        _ => json!({"group": "system:masters"}),
    }
}

pub fn can_i(args: &CanIArgs) -> Result<u8> {
    let mut positional = args.args.clone();
    let (verb, target) = if args.list {
        (String::new(), String::new())
    } else {
        if positional.len() < 2 {
            bail!("usage: blastwall can-i VERB TYPE[/NAME] --as USER -f PATH (or VERB /non/resource/url)");
        }
        let verb = positional.remove(0);
        (verb, positional.remove(0))
    };
    let paths = manifest_paths(&args.filenames, positional);
    let Some((inventory, policy)) = read_policy(&paths, &args.cluster, Needs::Rbac)? else {
        return Ok(EXIT_ERROR);
    };
    let user = User::authenticated(&args.as_user, &args.as_groups);
    let mut out = String::new();
    if args.list {
        let namespace = if args.all_namespaces {
            ""
        } else {
            args.namespace.as_str()
        };
        let grants = rules_of(&policy, &user, namespace);
        list(&mut out, &inventory, &grants, args.output);
        std::io::stdout().lock().write_all(out.as_bytes())?;
        return Ok(0);
    }
    let req = request(
        &verb,
        &target,
        &args.subresource,
        &args.namespace,
        args.all_namespaces,
    );
    let grant = policy.allows(&user, &req);
    match args.output {
        RbacFormat::Json => {
            let value = json!({
                "allowed": grant.is_some(),
                "user": {"name": user.name, "groups": user.groups},
                "request": request_json(&req),
                "grant": grant.map(|g| grant_json(&inventory, &g)),
            });
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&value)?);
        }
        RbacFormat::Text => {
            let _ = writeln!(out, "{}", if grant.is_some() { "yes" } else { "no" });
            if let Some(g) = grant {
                if let (Some(b), Some(r)) = (g.binding, g.role) {
                    let kind = if r.namespace.is_some() {
                        "Role"
                    } else {
                        "ClusterRole"
                    };
                    eprintln!("  via {} -> {kind} {}", describe_binding(&inventory, b), r.name);
                } else {
                    eprintln!("  via group system:masters");
                }
            }
        }
    }
    if grant.is_none() {
        for b in dangling_for(&policy, &user, req.namespace()) {
            eprintln!(
                "note: {} binds {} `{}`, which is not among the inputs: it grants nothing here",
                describe_binding(&inventory, b),
                b.role_ref.kind,
                b.role_ref.name
            );
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(if grant.is_some() { 0 } else { EXIT_FINDINGS })
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

/// Each resource of a rule with its group, as kubectl writes them: `pods`, `deployments.apps`.
pub(crate) fn resources_of(rule: &PolicyRule) -> Vec<String> {
    rule.resources
        .iter()
        .flat_map(|r| {
            rule.api_groups.iter().map(move |g| {
                if g.is_empty() {
                    r.clone()
                } else {
                    format!("{r}.{g}")
                }
            })
        })
        .collect()
}

pub(crate) fn list(out: &mut String, inventory: &Inventory, grants: &[Grant<'_>], format: RbacFormat) {
    if format == RbacFormat::Json {
        let rows: Vec<Value> = grants.iter().map(|g| grant_json(inventory, g)).collect();
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&rows).unwrap_or_default());
        return;
    }
    let _ = writeln!(
        out,
        "{:<40} {:<25} {:<20} VERBS",
        "RESOURCES", "NON-RESOURCE URLS", "RESOURCE NAMES"
    );
    for rule in grants.iter().filter_map(|g| g.rule) {
        let resources = resources_of(rule);
        let urls = format!("[{}]", rule.non_resource_urls.join(" "));
        let names = format!("[{}]", rule.resource_names.join(" "));
        let _ = writeln!(
            out,
            "{:<40} {urls:<25} {names:<20} [{}]",
            resources.join(","),
            rule.verbs.join(" ")
        );
    }
}

pub fn who_can_cmd(args: &WhoCanArgs) -> Result<u8> {
    let mut positional = args.args.clone();
    if positional.len() < 2 {
        bail!("usage: blastwall who-can VERB TYPE[/NAME] -f PATH (or VERB /non/resource/url)");
    }
    let verb = positional.remove(0);
    let target = positional.remove(0);
    let paths = manifest_paths(&args.filenames, positional);
    let Some((inventory, policy)) = read_policy(&paths, &args.cluster, Needs::Rbac)? else {
        return Ok(EXIT_ERROR);
    };
    let req = request(
        &verb,
        &target,
        &args.subresource,
        &args.namespace,
        args.all_namespaces,
    );
    let holders = who_can(&policy, &req);
    let mut out = String::new();
    match args.output {
        RbacFormat::Json => {
            let rows: Vec<Value> = holders
                .iter()
                .map(|h| {
                    json!({
                        "subject": {"kind": h.subject.kind, "name": h.subject.name, "namespace": h.subject.namespace},
                        "binding": {"kind": if h.binding.namespace.is_some() { "RoleBinding" } else { "ClusterRoleBinding" },
                                    "namespace": h.binding.namespace, "name": h.binding.name,
                                    "location": origin(&inventory, h.binding.object)},
                        "role": {"kind": if h.role.namespace.is_some() { "Role" } else { "ClusterRole" },
                                 "name": h.role.name, "location": origin(&inventory, h.role.object)},
                    })
                })
                .collect();
            let value =
                json!({"request": request_json(&req), "subjects": rows, "always": ["Group system:masters"]});
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&value)?);
        }
        RbacFormat::Text => {
            let _ = writeln!(out, "{:<16} {:<45} VIA", "KIND", "SUBJECT");
            for h in &holders {
                let name = match &h.subject.namespace {
                    Some(ns) if h.subject.kind == "ServiceAccount" => format!("{ns}/{}", h.subject.name),
                    _ => h.subject.name.clone(),
                };
                let _ = writeln!(
                    out,
                    "{:<16} {:<45} {} -> {}",
                    h.subject.kind,
                    name,
                    describe_binding(&inventory, h.binding),
                    h.role.name
                );
            }
            let _ = writeln!(out, "{:<16} {:<45} always allowed", "Group", "system:masters");
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(0)
}

/// `blastwall rbac --as USER`: the identity's rules cluster-wide, then in each namespace where RoleBindings
/// add to them.
pub fn effective(args: &RbacArgs) -> Result<u8> {
    let paths: Vec<PathBuf> = args.filenames.iter().chain(&args.paths).cloned().collect();
    let needs = if args.all {
        Needs::Accounts
    } else {
        Needs::Everything
    };
    let Some((inventory, policy)) = read_policy(&paths, &args.cluster, needs)? else {
        return Ok(EXIT_ERROR);
    };
    let Some(as_user) = args.as_user.as_deref() else {
        crate::rbac_all_cmd::print_everyone(&inventory, &policy, args.output)?;
        return Ok(0);
    };
    let user = User::authenticated(as_user, &args.as_groups);
    let mut namespaces: Vec<&str> = policy
        .bindings
        .iter()
        .filter_map(|b| b.namespace.as_deref())
        .collect();
    namespaces.sort_unstable();
    namespaces.dedup();
    let cluster = rules_of(&policy, &user, "");
    let per_namespace: Vec<(&str, Vec<Grant<'_>>)> = namespaces
        .iter()
        .map(|ns| {
            let only_here: Vec<Grant<'_>> = rules_of(&policy, &user, ns)
                .into_iter()
                .filter(|g| g.binding.is_some_and(|b| b.namespace.is_some()))
                .collect();
            (*ns, only_here)
        })
        .filter(|(_, grants)| !grants.is_empty())
        .collect();
    let masters = user.groups.iter().any(|g| g == "system:masters");
    let path = path_to_cluster_admin(&policy, &accounts_of(&inventory, &policy), &user);
    let steps: Option<Vec<Value>> = path.as_ref().map(|p| {
        p.iter()
            .map(|s| json!({"from": s.from, "action": s.action, "to": s.to}))
            .collect()
    });
    let mut out = String::new();
    match args.output {
        RbacFormat::Json => {
            let value = json!({
                "user": {"name": user.name, "groups": user.groups},
                "system_masters": masters,
                "path_to_cluster_admin": steps,
                "cluster": cluster.iter().map(|g| grant_json(&inventory, g)).collect::<Vec<_>>(),
                "namespaces": per_namespace.iter().map(|(ns, g)| {
                    (ns.to_string(), Value::Array(g.iter().map(|g| grant_json(&inventory, g)).collect()))
                }).collect::<serde_json::Map<String, Value>>(),
            });
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&value)?);
        }
        RbacFormat::Text => {
            let _ = writeln!(out, "{} (groups: {})", user.name, user.groups.join(", "));
            if masters {
                let _ = writeln!(
                    out,
                    "member of system:masters: may do everything, whatever RBAC says\n"
                );
            }
            let _ = writeln!(out, "\nCluster-wide (ClusterRoleBindings), in every namespace:");
            list(&mut out, &inventory, &cluster, RbacFormat::Text);
            for (ns, grants) in &per_namespace {
                let _ = writeln!(out, "\nIn namespace {ns} (RoleBindings), in addition:");
                list(&mut out, &inventory, grants, RbacFormat::Text);
            }
            match &path {
                None => {
                    let _ = writeln!(out, "\nNo path to cluster-admin within {MAX_STEPS} steps.");
                }
                Some(p) if p.is_empty() => {
                    let _ = writeln!(out, "\nAlready holds cluster-admin power.");
                }
                Some(p) => {
                    let steps = if p.len() == 1 {
                        "1 step".to_owned()
                    } else {
                        format!("{} steps", p.len())
                    };
                    let _ = writeln!(out, "\nPath to cluster-admin in {steps}:");
                    for (i, step) in p.iter().enumerate() {
                        let _ = writeln!(
                            out,
                            "  {}. {} can {} -> {}",
                            i + 1,
                            step.from,
                            step.action,
                            step.to
                        );
                    }
                }
            }
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(0)
}
