//! Listing one kind completely: pages of 500, each request retried with backoff when the server is busy or
//! failing (429, 5xx, a dropped connection), and a reason in words when it cannot be listed.

use std::time::Duration;

use kube::api::{Api, DynamicObject, ListParams};
use kube::core::{ApiResource, ObjectList};
use kube::Client;
use serde_json::Value;

const PAGE: u32 = 500;

/// kubectl's copy of the last applied manifest: for a Secret it holds the Secret's data, so it is never
/// kept; for other kinds it repeats the object.
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Drops what is never kept of an object's metadata: the managed fields and kubectl's last-applied copy.
pub(crate) fn trim(metadata: &mut kube::core::ObjectMeta) {
    metadata.managed_fields = None;
    if let Some(annotations) = &mut metadata.annotations {
        annotations.remove(LAST_APPLIED);
    }
}
const ATTEMPTS: u32 = 5;

/// Whether the failure may pass if asked again.
fn transient(error: &kube::Error) -> bool {
    match error {
        kube::Error::Api(status) => status.code == 429 || status.code >= 500,
        kube::Error::HyperError(_) | kube::Error::Service(_) => true,
        _ => false,
    }
}

/// The reason a kind could not be listed, in words.
pub(crate) fn reason(error: &kube::Error) -> String {
    match error {
        kube::Error::Api(status) if status.code == 401 => {
            "the API server does not accept the credentials (401 Unauthorized): an expired or revoked certificate or token?".into()
        }
        kube::Error::Api(status) if status.code == 403 => format!("forbidden: {}", status.message),
        kube::Error::Api(status) if status.code == 404 => "the server does not serve it".into(),
        kube::Error::Api(status) => format!("{} ({})", status.message, status.code),
        other => super::connect::chain(other),
    }
}

/// `call` until it succeeds, fails for good, or has failed `ATTEMPTS` times (waits 0.25 s, 0.5 s, 1 s...).
async fn with_retries<T, F, Fut>(mut call: F) -> Result<T, kube::Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, kube::Error>>,
{
    let mut wait = Duration::from_millis(250);
    let mut attempt = 1;
    loop {
        match call().await {
            Err(e) if transient(&e) && attempt < ATTEMPTS => {
                tokio::time::sleep(wait).await;
                wait *= 2;
                attempt += 1;
            }
            other => return other,
        }
    }
}

fn api(client: &Client, resource: &ApiResource, namespace: Option<&str>) -> Api<DynamicObject> {
    match namespace {
        Some(ns) => Api::namespaced_with(client.clone(), ns, resource),
        None => Api::all_with(client.clone(), resource),
    }
}

/// Every item of a paged list: `fetch` asks for one page (with the continue token of the previous one) and
/// turns its items into JSON, until the server gives no further token.
async fn all_pages<F, Fut>(mut fetch: F) -> Result<Vec<Value>, kube::Error>
where
    F: FnMut(ListParams) -> Fut,
    Fut: std::future::Future<Output = Result<(Vec<Value>, Option<String>), kube::Error>>,
{
    let mut items = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut params = ListParams::default().limit(PAGE);
        if let Some(t) = &token {
            params = params.continue_token(t);
        }
        let (page, next) = fetch(params).await?;
        items.extend(page);
        token = next.filter(|t| !t.is_empty());
        if token.is_none() {
            return Ok(items);
        }
    }
}

/// Every object of a kind (in `namespace`, or everywhere), as JSON with its apiVersion and kind.
pub(crate) async fn objects(
    client: &Client,
    resource: &ApiResource,
    namespace: Option<&str>,
) -> Result<Vec<Value>, kube::Error> {
    let api = api(client, resource, namespace);
    all_pages(|params| {
        let api = &api;
        async move {
            let page: ObjectList<DynamicObject> = with_retries(|| api.list(&params)).await?;
            let mut items = Vec::with_capacity(page.items.len());
            for mut object in page.items {
                object.types = Some(kube::core::TypeMeta {
                    api_version: resource.api_version.clone(),
                    kind: resource.kind.clone(),
                });
                trim(&mut object.metadata);
                items.push(serde_json::to_value(&object).map_err(kube::Error::SerdeError)?);
            }
            Ok((items, page.metadata.continue_))
        }
    })
    .await
}

/// Every object of a kind as metadata only (the server sends nothing else): how Secrets are read.
pub(crate) async fn metadata_only(
    client: &Client,
    resource: &ApiResource,
    namespace: Option<&str>,
) -> Result<Vec<Value>, kube::Error> {
    let api = api(client, resource, namespace);
    all_pages(|params| {
        let api = &api;
        async move {
            let page = with_retries(|| api.list_metadata(&params)).await?;
            let items = page
                .items
                .into_iter()
                .map(|object| {
                    let mut metadata = object.metadata;
                    trim(&mut metadata);
                    serde_json::json!({
                        "apiVersion": resource.api_version,
                        "kind": resource.kind,
                        "metadata": metadata,
                    })
                })
                .collect();
            Ok((items, page.metadata.continue_))
        }
    })
    .await
}
