//! `blastwall paths` and `blastwall blast-radius`: searches over the attack graph of the inputs. `paths`
//! exits 0 when a path exists, 1 when none does, 2 on error (as `reach`); `blast-radius` exits 0.

use std::io::Write;

use anyhow::{bail, Result};
use blastwall_core::analysis::analyses::Analyses;
use blastwall_core::analysis::attack::{
    end_vertices, paths_to, reach_from, start_vertex, workload_named, AttackGraph, End, NetworkMoves, Start,
};
use blastwall_core::analysis::netpol::Matrix;
use blastwall_core::analysis::rbac::{KubeVersion, User};
use blastwall_core::model::Inventory;
use blastwall_core::render::attack::{blast_radius as render_radius, paths as render_paths};

use crate::cli::{AnswerFormat, ClusterArgs, InputArgs, PathsArgs, PathsFormat, PathsTo};
use crate::exit::{EXIT_ERROR, EXIT_FINDINGS};
use crate::input::{self, Inputs};
use crate::output;

/// The inputs, and the analyses over them with the built-in RBAC policy of the version asked for.
fn read(
    input: &InputArgs,
    cluster: &ClusterArgs,
) -> Result<Option<(Inventory, Option<KubeVersion>, KubeVersion)>> {
    let Some(Inputs { config, inventory }) = input::read_args(input, "the manifests", None)? else {
        return Ok(None);
    };
    input::warn_unreadable(&inventory, input);
    let version = cluster
        .k8s_version
        .or(config.k8s_version)
        .unwrap_or(KubeVersion::LATEST);
    // A live cluster holds its own built-in roles and bindings.
    let builtin = if input.live.cluster {
        None
    } else {
        cluster.default_rbac(config.k8s_version)
    };
    Ok(Some((inventory, builtin, version)))
}

/// The attack graph (with `user`'s edges) and the matrix of lateral moves, made side by side: the graph's
/// exposures wait for the same network the matrix is made from.
fn graph_and_matrix<'a>(analyses: &'a Analyses<'_>, user: Option<&User>) -> (AttackGraph, Matrix<'a>) {
    rayon::join(
        || analyses.attack_graph_for(user),
        || Matrix::new(&analyses.network().0),
    )
}

pub fn paths(args: &PathsArgs) -> Result<u8> {
    let Some((inventory, builtin, version)) = read(&args.input, &args.cluster)? else {
        return Ok(EXIT_ERROR);
    };
    let analyses = Analyses::new(&inventory, builtin).with_version(version);
    let user = args
        .as_user
        .as_deref()
        .map(|name| User::authenticated(name, &args.as_groups));
    let (mut graph, matrix) = graph_and_matrix(&analyses, user.as_ref());
    let network = &analyses.network().0;
    let start = match (&user, args.from.as_deref()) {
        (Some(user), _) => Start::Identity(user.clone()),
        (None, Some("internet")) => Start::Internet,
        (None, Some(name)) => Start::Workload(workload_named(&graph, &inventory, name)?),
        (None, None) => bail!("give --as USER or --from internet|NAMESPACE/WORKLOAD"),
    };
    let end = match &args.to {
        PathsTo::ClusterAdmin => End::ClusterAdmin,
        PathsTo::Nodes => End::Nodes,
        PathsTo::Secrets => End::Secrets,
        PathsTo::Workload(name) => End::Workload(workload_named(&graph, &inventory, name)?),
    };
    let from = start_vertex(&mut graph, &start);
    let moves = NetworkMoves::with_matrix(matrix, network, &graph.graph);
    let ends = end_vertices(&graph, end);
    let reached = reach_from(&graph, from, args.max_steps, &moves, &ends);
    let found = paths_to(&graph, &reached, &ends);
    let format = match args.output {
        PathsFormat::Text => render_paths::Format::Text,
        PathsFormat::Json => render_paths::Format::Json,
        PathsFormat::Dot => render_paths::Format::Dot,
        PathsFormat::Mermaid => render_paths::Format::Mermaid,
    };
    let mut out = output::stdout();
    render_paths::write(&mut out, format, &graph.graph, &inventory, &found)?;
    out.flush()?;
    let code = if found.is_empty() { EXIT_FINDINGS } else { 0 };
    // The process ends here: freeing the graph, the models and every parsed node would only delay the exit.
    std::mem::forget((graph, analyses));
    std::mem::forget(inventory);
    Ok(code)
}

pub fn blast_radius(args: &crate::cli::BlastRadiusArgs) -> Result<u8> {
    let Some((inventory, builtin, version)) = read(&args.input, &args.cluster)? else {
        return Ok(EXIT_ERROR);
    };
    let analyses = Analyses::new(&inventory, builtin).with_version(version);
    let (mut graph, matrix) = graph_and_matrix(&analyses, None);
    let start = Start::Workload(workload_named(&graph, &inventory, &args.workload)?);
    let from = start_vertex(&mut graph, &start);
    let moves = NetworkMoves::with_matrix(matrix, &analyses.network().0, &graph.graph);
    let reached = reach_from(&graph, from, args.max_steps, &moves, &[]);
    let mut out = output::stdout();
    let json = args.output == AnswerFormat::Json;
    render_radius::write(&mut out, json, &graph.graph, &inventory, &reached, from)?;
    out.flush()?;
    std::mem::forget((graph, analyses));
    std::mem::forget(inventory);
    Ok(0)
}
