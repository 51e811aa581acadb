//! `blastwall can-i`, `who-can` and `rbac`: RBAC questions answered offline from manifests, in kubectl's
//! words.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use blastwall_core::analysis::attack::{self, AttackGraph};
use blastwall_core::analysis::rbac::resources::resolve_type;
use blastwall_core::analysis::rbac::{
    accounts_of, dangling_for, effective_rules, policy_of, rules_of, who_can, KubeVersion, Policy, Request,
    User,
};
use blastwall_core::model::Inventory;
use blastwall_core::render::rbac::effective::PathStep;
use blastwall_core::render::rbac::{can_i, effective, everyone, list, who_can as who_can_render};

use crate::cli::{CanIArgs, ClusterArgs, InputArgs, RbacArgs, RequestArgs, WhoCanArgs};
use crate::exit::{EXIT_ERROR, EXIT_FINDINGS};
use crate::input::{self, Inputs};
use crate::output;

/// Builds the request from kubectl-style arguments: `VERB TYPE[/NAME]` or `VERB /url`. As `kubectl auth
/// can-i` does, the request keeps the namespace whatever the resource's scope (only `-A` clears it), so the
/// RoleBindings of that namespace apply: `bind clusterroles/admin -n team` is decided by the bindings of
/// `team`. A cluster-scoped resource gets kubectl's warning on standard error.
fn request(verb: &str, target: &str, args: &RequestArgs) -> Request {
    if target.starts_with('/') {
        return Request::NonResource {
            verb: verb.to_owned(),
            path: target.to_owned(),
        };
    }
    let (typed, name) = target.split_once('/').unwrap_or((target, ""));
    let (resource, api_group, namespaced) = resolve_type(typed);
    if !namespaced && !args.all_namespaces && typed != "*" {
        eprintln!("Warning: resource '{resource}' is not namespace scoped");
    }
    Request::Resource {
        verb: verb.to_owned(),
        api_group,
        resource,
        subresource: args.subresource.clone(),
        name: name.to_owned(),
        namespace: if args.all_namespaces {
            String::new()
        } else {
            args.namespace.clone()
        },
    }
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
    input: &InputArgs,
    cluster: &ClusterArgs,
    needs: Needs,
) -> Result<Option<(Inventory, Policy)>> {
    let wanted = move |kind: &str| needs.wants(kind);
    let Some(Inputs { config, inventory }) = input::read_args(input, "the RBAC manifests", Some(&wanted))?
    else {
        return Ok(None);
    };
    input::warn_unreadable(&inventory, input);
    // A live cluster holds its own built-in roles and bindings.
    let builtin = if input.live.cluster {
        None
    } else {
        cluster.default_rbac(config.k8s_version)
    };
    let policy = policy_of(&inventory, builtin);
    Ok(Some((inventory, policy)))
}

/// With `--list` there is no question: words in the VERB and TYPE places are manifest paths too.
fn list_inputs(args: &CanIArgs) -> InputArgs {
    let question = args.verb.iter().chain(&args.target).map(PathBuf::from);
    InputArgs {
        paths: question.chain(args.input.paths.iter().cloned()).collect(),
        filenames: args.input.filenames.clone(),
        config: args.input.config.clone(),
        exclude: args.input.exclude.clone(),
        allow_empty: args.input.allow_empty,
        no_render: args.input.no_render,
        verbose: args.input.verbose,
        quiet: args.input.quiet,
        live: args.input.live.clone(),
        scope: args.input.scope.clone(),
    }
}

pub fn can_i_cmd(args: &CanIArgs) -> Result<u8> {
    let listed;
    let input = if args.list {
        listed = list_inputs(args);
        &listed
    } else {
        &args.input
    };
    let Some((inventory, policy)) = read_policy(input, &args.cluster, Needs::Rbac)? else {
        return Ok(EXIT_ERROR);
    };
    let user = User::authenticated(&args.as_user, &args.as_groups);
    let mut out = output::stdout();
    let (false, Some(verb), Some(target)) = (args.list, args.verb.as_deref(), args.target.as_deref()) else {
        let namespace = if args.request.all_namespaces {
            ""
        } else {
            args.request.namespace.as_str()
        };
        list(
            &mut out,
            &inventory,
            &rules_of(&policy, &user, namespace),
            args.output.into(),
            false,
        )?;
        out.flush()?;
        return Ok(0);
    };
    let req = request(verb, target, &args.request);
    let grant = policy.allows(&user, &req);
    let dangling = if grant.is_none() {
        dangling_for(&policy, &user, req.namespace())
    } else {
        Vec::new()
    };
    let notes = can_i::notes(&inventory, grant.as_ref(), &dangling);
    if grant.is_some() || input.verbose || notes.len() == 1 {
        for note in &notes {
            eprintln!("{note}");
        }
    } else if !input.quiet && !notes.is_empty() {
        eprintln!(
            "note: {} bindings that apply name roles that are not among the inputs: they grant nothing here \
(--verbose lists them)",
            notes.len()
        );
    }
    can_i::write(
        &mut out,
        &inventory,
        &user,
        &req,
        grant.as_ref(),
        args.output.into(),
    )?;
    out.flush()?;
    Ok(if grant.is_some() { 0 } else { EXIT_FINDINGS })
}

pub fn who_can_cmd(args: &WhoCanArgs) -> Result<u8> {
    let Some((inventory, policy)) = read_policy(&args.input, &args.cluster, Needs::Rbac)? else {
        return Ok(EXIT_ERROR);
    };
    let req = request(&args.verb, &args.target, &args.request);
    let holders = who_can(&policy, &req);
    let mut out = output::stdout();
    who_can_render::write(&mut out, &inventory, &req, &holders, args.output.into())?;
    out.flush()?;
    Ok(0)
}

/// `blastwall rbac --as USER`: the identity's rules cluster-wide, then in each namespace where RoleBindings
/// add to them; `--all`: every subject.
pub fn rbac_cmd(args: &RbacArgs) -> Result<u8> {
    let needs = if args.all {
        Needs::Accounts
    } else {
        Needs::Everything
    };
    let Some((inventory, policy)) = read_policy(&args.input, &args.cluster, needs)? else {
        return Ok(EXIT_ERROR);
    };
    let mut out = output::stdout();
    let Some(as_user) = args.as_user.as_deref() else {
        everyone::write(
            &mut out,
            &inventory,
            &policy,
            args.output.into(),
            args.include_builtin,
        )?;
        out.flush()?;
        return Ok(0);
    };
    let user = User::authenticated(as_user, &args.as_groups);
    let (cluster, per_namespace) = effective_rules(&policy, &user);
    let answer = effective::Effective {
        user: &user,
        cluster,
        per_namespace,
        path: path_to_cluster_admin(&inventory, &policy, &user, args.cluster.k8s_version),
    };
    effective::write(&mut out, &inventory, &answer, args.output.into())?;
    out.flush()?;
    Ok(0)
}

/// The shortest path from `user` to cluster-admin power in the attack graph of `inventory` and `policy`.
fn path_to_cluster_admin(
    inventory: &Inventory,
    policy: &Policy,
    user: &User,
    version: Option<KubeVersion>,
) -> Option<Vec<PathStep>> {
    let accounts = accounts_of(inventory, policy);
    let rbac = || (policy, &accounts);
    let no_exposures = |_| Vec::new();
    let inputs = attack::Inputs {
        inventory,
        rbac: &rbac,
        prepare_exposures: &|| {},
        exposures: &no_exposures,
        version: version.unwrap_or(KubeVersion::LATEST),
    };
    let mut graph = AttackGraph::build(&inputs, Some(user));
    let start = attack::start_vertex(&mut graph, &attack::Start::Identity(user.clone()));
    let end = *attack::end_vertices(&graph, attack::End::ClusterAdmin).first()?;
    let reached = attack::reach(&graph.graph, start, attack::MAX_STEPS, &[end], &mut |_, _| {});
    let path = reached.path(&graph.graph, end)?;
    let label = |v: u32| attack::label(&graph.graph.vertices[v as usize], inventory);
    Some(
        path.steps
            .iter()
            .map(|s| PathStep {
                from: label(s.from),
                kind: s.kind.as_str(),
                to: label(s.to),
            })
            .collect(),
    )
}
