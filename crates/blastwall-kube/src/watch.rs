//! A watch cache of the cluster for the admission webhook: every kind the engines read, kept current by
//! kube-rs watchers (list, then watch, relisting after a lost watch), each object held as the JSON document
//! a read of the cluster would give. Secrets are watched as metadata only; managed fields and kubectl's
//! last-applied copy are dropped, as in a read.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use futures::StreamExt;
use kube::api::{Api, DynamicObject};
use kube::core::{ApiResource, PartialObjectMeta, TypeMeta};
use kube::discovery::{ApiCapabilities, Scope};
use kube::runtime::watcher::{self, Event};
use kube::runtime::WatchStreamExt;
use kube::Client;
use serde_json::{json, Value};

use crate::connect::{Bound, ConnectError};
use crate::list::{self, trim};
use crate::read::{connect_and_discover, Options};

type Objects = BTreeMap<Arc<str>, Arc<[u8]>>;

/// What the watchers hold; read by every admission decision.
pub struct WatchCache {
    kinds: Vec<RwLock<Objects>>,
    unsynced: AtomicUsize,
    ready: Arc<AtomicBool>,
}

impl WatchCache {
    /// Every object held, named `Kind/namespace/name` (`Kind//name` when cluster-scoped).
    #[must_use]
    pub fn objects(&self) -> Vec<(Arc<str>, Arc<[u8]>)> {
        let mut out = Vec::new();
        for kind in &self.kinds {
            if let Ok(objects) = kind.read() {
                out.extend(objects.iter().map(|(k, v)| (Arc::clone(k), Arc::clone(v))));
            }
        }
        out
    }

    fn synced_once(&self, synced: &mut bool) {
        if !*synced {
            *synced = true;
            if self.unsynced.fetch_sub(1, Ordering::AcqRel) == 1 {
                self.ready.store(true, Ordering::Release);
            }
        }
    }
}

/// Something a watcher wants said (a kind that cannot be watched, a lost watch).
pub type Report = Arc<dyn Fn(String) + Send + Sync>;

/// Starts a watcher per kind on the tokio runtime of the caller; `ready` turns true once every kind has
/// been listed once (a kind that cannot be listed counts as listed, and is reported).
pub async fn watch_cluster(
    options: &Options,
    ready: Arc<AtomicBool>,
    report: Report,
) -> Result<Arc<WatchCache>, ConnectError> {
    let (connection, kinds, crd_problem) =
        connect_and_discover(options, Bound::Watching(options.timeout)).await?;
    if let Some(problem) = crd_problem {
        report(problem);
    }
    let cache = Arc::new(WatchCache {
        kinds: kinds.iter().map(|_| RwLock::default()).collect(),
        unsynced: AtomicUsize::new(kinds.len()),
        ready,
    });
    if kinds.is_empty() {
        cache.ready.store(true, Ordering::Release);
    }
    for (index, (resource, caps)) in kinds.into_iter().enumerate() {
        let (cache, client, report) = (Arc::clone(&cache), connection.client.clone(), Arc::clone(&report));
        tokio::spawn(async move { watch_kind(&cache, index, client, resource, &caps, &report).await });
    }
    Ok(cache)
}

async fn watch_kind(
    cache: &WatchCache,
    index: usize,
    client: Client,
    resource: ApiResource,
    caps: &ApiCapabilities,
    report: &Report,
) {
    let config = watcher::Config::default();
    let types = TypeMeta {
        api_version: resource.api_version.clone(),
        kind: resource.kind.clone(),
    };
    let what = format!("{} {}", resource.api_version, resource.kind);
    let core = resource.group.is_empty();
    let mut stream = if core && resource.kind == "Secret" {
        let api = Api::<PartialObjectMeta<DynamicObject>>::all_with(client, &resource);
        watcher::watcher(api, config)
            .default_backoff()
            .map(|event| event.map(|e| map_event(e, |o| metadata_document(&types, o.metadata))))
            .boxed()
    } else {
        let api = if core && caps.scope == Scope::Namespaced && resource.kind == "ConfigMap" {
            // The control plane's configuration; other ConfigMaps hold nothing the engines read.
            Api::namespaced_with(client, "kube-system", &resource)
        } else {
            Api::all_with(client, &resource)
        };
        watcher::watcher(api, config)
            .default_backoff()
            .map(|event| event.map(|e| map_event(e, |o: DynamicObject| object_document(&types, o))))
            .boxed()
    };
    let mut synced = false;
    let mut listing = Objects::new();
    let mut failing = false;
    while let Some(event) = stream.next().await {
        let event = match event {
            Ok(event) => {
                failing = false;
                event
            }
            Err(e) => {
                if !failing {
                    report(format!("cannot watch {what}: {}", error_reason(&e)));
                }
                failing = true;
                // Rules must not wait forever for a kind the server will not list.
                cache.synced_once(&mut synced);
                continue;
            }
        };
        let Ok(mut objects) = cache.kinds[index].write() else {
            return;
        };
        match event {
            Event::Init => listing.clear(),
            Event::InitApply((key, bytes)) => {
                listing.insert(key, bytes);
            }
            Event::InitDone => {
                *objects = std::mem::take(&mut listing);
                drop(objects);
                cache.synced_once(&mut synced);
            }
            Event::Apply((key, bytes)) => {
                objects.insert(key, bytes);
            }
            Event::Delete((key, _)) => {
                objects.remove(&key);
            }
        }
    }
}

fn map_event<K>(
    event: Event<K>,
    document: impl Fn(K) -> (Arc<str>, Arc<[u8]>),
) -> Event<(Arc<str>, Arc<[u8]>)> {
    match event {
        Event::Init => Event::Init,
        Event::InitDone => Event::InitDone,
        Event::InitApply(o) => Event::InitApply(document(o)),
        Event::Apply(o) => Event::Apply(document(o)),
        Event::Delete(o) => Event::Delete(document(o)),
    }
}

fn error_reason(error: &watcher::Error) -> String {
    match error {
        watcher::Error::InitialListFailed(e)
        | watcher::Error::WatchStartFailed(e)
        | watcher::Error::WatchFailed(e) => list::reason(e),
        other => crate::connect::chain(other),
    }
}

fn key(types: &TypeMeta, metadata: &kube::core::ObjectMeta) -> Arc<str> {
    Arc::from(format!(
        "{}/{}/{}",
        types.kind,
        metadata.namespace.as_deref().unwrap_or(""),
        metadata.name.as_deref().unwrap_or("")
    ))
}

fn object_document(types: &TypeMeta, mut object: DynamicObject) -> (Arc<str>, Arc<[u8]>) {
    trim(&mut object.metadata);
    object.types = Some(types.clone());
    let key = key(types, &object.metadata);
    (key, Arc::from(serde_json::to_vec(&object).unwrap_or_default()))
}

fn metadata_document(types: &TypeMeta, mut metadata: kube::core::ObjectMeta) -> (Arc<str>, Arc<[u8]>) {
    trim(&mut metadata);
    let key = key(types, &metadata);
    let value: Value = json!({"apiVersion": types.api_version, "kind": types.kind, "metadata": metadata});
    (key, Arc::from(serde_json::to_vec(&value).unwrap_or_default()))
}
