//! Reading a whole cluster (or one namespace and the cluster-scoped kinds): discovery, the custom resources
//! with pod templates, every selected kind listed in parallel, each object turned into one named JSON
//! document. A kind that cannot be listed is said in `unread`, never skipped in silence.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use blastwall_core::load::Input;
use futures::stream::{self, StreamExt};
use kube::core::ApiResource;
use kube::discovery::{verbs, ApiCapabilities, Discovery, Scope};
use serde_json::Value;

use crate::connect::{connect, Bound, ConnectError, Connection};
use crate::kinds::{with_pod_template, BUILT_IN};
use crate::list;

/// Lists at a time.
const PARALLEL: usize = 8;

/// What to read and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The kubeconfig (else `KUBECONFIG`, else `~/.kube/config`).
    pub kubeconfig: Option<PathBuf>,
    /// The context (else the current one).
    pub context: Option<String>,
    /// Only this namespace's objects (cluster-scoped kinds are read whole); `None` for every namespace.
    pub namespace: Option<String>,
    /// The bound on each request (connect, read, write).
    pub timeout: Duration,
}

/// What a read gave.
#[derive(Debug)]
pub struct ClusterRead {
    /// One document per object.
    pub inputs: Vec<Input>,
    /// Each kind that could not be listed, said in a sentence.
    pub unread: Vec<String>,
    /// The number of kinds listed.
    pub kinds_read: usize,
    /// The context read.
    pub context: String,
    /// The server's address.
    pub server: String,
}

/// The kinds to list: the built-in ones the engines read and the custom resources with pod templates.
fn selected(
    discovery: &Discovery,
    custom: &BTreeSet<(String, String)>,
) -> Vec<(ApiResource, ApiCapabilities)> {
    let mut out = Vec::new();
    for group in discovery.groups() {
        for (resource, caps) in group.recommended_resources() {
            let key = (resource.group.clone(), resource.kind.clone());
            let wanted = BUILT_IN.iter().any(|(g, k)| *g == key.0 && *k == key.1) || custom.contains(&key);
            if wanted && caps.supports_operation(verbs::LIST) {
                out.push((resource, caps));
            }
        }
    }
    out.sort_by(|a, b| (&a.0.group, &a.0.kind).cmp(&(&b.0.group, &b.0.kind)));
    out
}

/// The document's name: the context, then the object as `kind/namespace/name`.
fn document_name(context: &str, object: &Value) -> String {
    let text = |pointer: &str| object.pointer(pointer).and_then(Value::as_str).unwrap_or("");
    let kind = text("/kind");
    let name = text("/metadata/name");
    match object.pointer("/metadata/namespace").and_then(Value::as_str) {
        Some(ns) => format!("{context}:{kind}/{ns}/{name}"),
        None => format!("{context}:{kind}/{name}"),
    }
}

/// Lists one kind; `Err` holds the sentence for `unread`.
async fn list_kind(
    connection: &Connection,
    resource: &ApiResource,
    caps: &ApiCapabilities,
    namespace: Option<&str>,
) -> Result<Vec<Value>, String> {
    let namespaced = caps.scope == Scope::Namespaced;
    let scope = if !namespaced {
        None
    } else if resource.group.is_empty() && resource.kind == "ConfigMap" {
        // The control plane's configuration; the namespace's own ConfigMaps hold nothing the engines read.
        match namespace {
            Some(ns) if ns != "kube-system" => return Ok(Vec::new()),
            _ => Some("kube-system"),
        }
    } else {
        namespace
    };
    let listed = if resource.group.is_empty() && resource.kind == "Secret" {
        list::metadata_only(&connection.client, resource, scope).await
    } else {
        list::objects(&connection.client, resource, scope).await
    };
    listed.map_err(|e| {
        let verb = if resource.kind == "Secret" {
            "list (metadata only)"
        } else {
            "list"
        };
        format!(
            "could not {verb} {} {}: {}",
            resource.api_version,
            resource.kind,
            list::reason(&e)
        )
    })
}

/// The custom resources with pod templates, from the CustomResourceDefinitions; a sentence when they cannot
/// be listed.
async fn custom_kinds(
    connection: &Connection,
    discovery: &Discovery,
) -> (BTreeSet<(String, String)>, Option<String>) {
    let crds = discovery
        .groups()
        .flat_map(kube::discovery::ApiGroup::recommended_resources)
        .find(|(r, _)| r.group == "apiextensions.k8s.io" && r.kind == "CustomResourceDefinition");
    let Some((resource, _)) = crds else {
        return (BTreeSet::new(), None);
    };
    match list::objects(&connection.client, &resource, None).await {
        Ok(items) => (items.iter().filter_map(with_pod_template).collect(), None),
        Err(e) => (
            BTreeSet::new(),
            Some(format!(
                "could not list {} CustomResourceDefinition (to find custom resources with pod templates): {}",
                resource.api_version,
                list::reason(&e)
            )),
        ),
    }
}

/// Reads the cluster: `progress` counts the kinds listed so far, `total` is set once they are known.
pub fn read_cluster(
    options: &Options,
    progress: &AtomicUsize,
    total: &AtomicUsize,
) -> Result<ClusterRead, ConnectError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| ConnectError::Kubeconfig {
            file: String::new(),
            reason: format!("cannot start the async runtime: {e}"),
        })?;
    runtime.block_on(read_async(options, progress, total))
}

/// The client, the kinds to read (built-in and custom with pod templates), and a sentence when the
/// CustomResourceDefinitions could not be listed.
pub(crate) async fn connect_and_discover(
    options: &Options,
    bound: Bound,
) -> Result<(Connection, Vec<(ApiResource, ApiCapabilities)>, Option<String>), ConnectError> {
    let connection = connect(options.kubeconfig.as_ref(), options.context.as_deref(), bound).await?;
    let discovery = Discovery::new(connection.client.clone())
        .run_aggregated()
        .await
        .map_err(|e| ConnectError::Unreachable {
            server: connection.server.clone(),
            context: connection.context.clone(),
            reason: list::reason(&e),
        })?;
    let (custom, crd_problem) = custom_kinds(&connection, &discovery).await;
    let kinds = selected(&discovery, &custom);
    Ok((connection, kinds, crd_problem))
}

async fn read_async(
    options: &Options,
    progress: &AtomicUsize,
    total: &AtomicUsize,
) -> Result<ClusterRead, ConnectError> {
    let (connection, kinds, crd_problem) =
        connect_and_discover(options, Bound::Each(options.timeout)).await?;
    total.store(kinds.len(), Ordering::Relaxed);
    let namespace = options.namespace.as_deref();
    let results: Vec<Result<Vec<Value>, String>> = stream::iter(&kinds)
        .map(|(resource, caps)| async {
            let result = list_kind(&connection, resource, caps, namespace).await;
            progress.fetch_add(1, Ordering::Relaxed);
            result
        })
        .buffered(PARALLEL)
        .collect()
        .await;
    let mut unread: Vec<String> = crd_problem.into_iter().collect();
    let mut inputs = Vec::new();
    let mut kinds_read = 0;
    for result in results {
        match result {
            Ok(objects) => {
                kinds_read += 1;
                for object in objects {
                    let name = document_name(&connection.context, &object);
                    let bytes = serde_json::to_vec_pretty(&object).unwrap_or_default();
                    inputs.push(Input::Text { name, bytes });
                }
            }
            Err(sentence) => unread.push(sentence),
        }
    }
    Ok(ClusterRead {
        inputs,
        unread,
        kinds_read,
        context: connection.context,
        server: connection.server,
    })
}
