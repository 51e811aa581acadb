//! What the tests that ask the real API server share: a seeded random source, a client for the test bed,
//! and creating generated objects there.

#![allow(dead_code)]

use std::path::PathBuf;

use kube::api::{Api, DynamicObject, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::core::{ApiResource, GroupVersionKind};
use kube::{Client, Config};
use serde_json::Value;

/// A small seeded generator (splitmix64): the same seed gives the same worlds and questions.
pub struct Rng(u64);

impl Rng {
    /// The seed of `BLASTWALL_ORACLE_SEED`, else `default`; printed so a run can be repeated.
    pub fn from_env(default: u64) -> Self {
        let seed = std::env::var("BLASTWALL_ORACLE_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default);
        println!("seed {seed} (set BLASTWALL_ORACLE_SEED to repeat another)");
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `1..=max` distinct items, in the order given.
    pub fn some<T: Clone>(&mut self, items: &[T], max: usize) -> Vec<T> {
        let want = 1 + self.below(max.min(items.len()));
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < want {
            let i = self.below(items.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i].clone()).collect()
    }
}

/// A number that names this run's objects apart from earlier runs' on the same test bed.
pub fn run_id() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    (nanos as u64 ^ u64::from(std::process::id())) & 0xffff_ffff
}

/// The test bed's folder.
pub fn testbed() -> PathBuf {
    PathBuf::from(std::env::var_os("BLASTWALL_TESTBED").expect("BLASTWALL_TESTBED is set"))
}

/// A client of the test bed, as its administrator.
pub async fn client() -> Client {
    let kubeconfig = Kubeconfig::read_from(testbed().join("kubeconfig")).expect("the test bed's kubeconfig");
    let config = Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .expect("a config");
    Client::try_from(config).expect("a client")
}

/// The API resource of a generated object (the kinds the generators make).
fn resource_of(object: &Value) -> (ApiResource, bool) {
    let api_version = object["apiVersion"].as_str().expect("apiVersion");
    let kind = object["kind"].as_str().expect("kind");
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    let (plural, namespaced) = match kind {
        "Namespace" => ("namespaces", false),
        "ServiceAccount" => ("serviceaccounts", true),
        "Role" => ("roles", true),
        "RoleBinding" => ("rolebindings", true),
        "ClusterRole" => ("clusterroles", false),
        "ClusterRoleBinding" => ("clusterrolebindings", false),
        "NetworkPolicy" => ("networkpolicies", true),
        "Pod" => ("pods", true),
        other => panic!("no plural known for {other}"),
    };
    let gvk = GroupVersionKind::gvk(group, version, kind);
    (ApiResource::from_gvk_with_plural(&gvk, plural), namespaced)
}

/// The API for `object`'s kind (in its namespace).
pub fn api_for(client: &Client, object: &Value) -> Api<DynamicObject> {
    let (resource, namespaced) = resource_of(object);
    match object.pointer("/metadata/namespace").and_then(Value::as_str) {
        Some(ns) if namespaced => Api::namespaced_with(client.clone(), ns, &resource),
        _ => Api::all_with(client.clone(), &resource),
    }
}

/// Creates every object, in order; panics with the server's answer when one is refused.
pub async fn create_all(client: &Client, objects: &[Value]) {
    for object in objects {
        let dynamic: DynamicObject = serde_json::from_value(object.clone()).expect("an object");
        api_for(client, object)
            .create(&PostParams::default(), &dynamic)
            .await
            .unwrap_or_else(|e| panic!("the server refused {object}: {e}"));
    }
}

/// The objects as one multi-document text (JSON documents are YAML), for the offline side.
pub fn as_documents(objects: &[Value]) -> String {
    objects
        .iter()
        .map(|o| serde_json::to_string_pretty(o).expect("JSON"))
        .collect::<Vec<_>>()
        .join("\n---\n")
}

/// Waits (up to 30 s) until the controller-manager has filled every aggregated ClusterRole among `objects`
/// with the distinct rules of the ClusterRoles its selectors pick there.
pub async fn wait_for_aggregation(client: &Client, objects: &[Value]) {
    for aggregated in objects.iter().filter(|o| o.get("aggregationRule").is_some()) {
        let selectors = aggregated["aggregationRule"]["clusterRoleSelectors"]
            .as_array()
            .expect("selectors");
        let mut expected: Vec<&Value> = Vec::new();
        let plain = objects
            .iter()
            .filter(|o| o["kind"] == "ClusterRole" && o.get("aggregationRule").is_none());
        for role in plain {
            let labels = &role["metadata"]["labels"];
            let picked = selectors.iter().any(|s| {
                s["matchLabels"]
                    .as_object()
                    .is_some_and(|m| m.iter().all(|(k, v)| labels.get(k) == Some(v)))
            });
            for rule in role["rules"].as_array().into_iter().flatten().filter(|_| picked) {
                if !expected.contains(&rule) {
                    expected.push(rule);
                }
            }
        }
        let api = api_for(client, aggregated);
        let name = aggregated["metadata"]["name"].as_str().expect("name");
        let mut filled = false;
        for _ in 0..300 {
            let now = api.get(name).await.expect("the aggregated ClusterRole");
            let count = now
                .data
                .get("rules")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            if count == expected.len() {
                filled = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(
            filled,
            "the controller-manager did not aggregate {name} within 30 s"
        );
    }
}

/// Waits (up to 60 s) until the controller-manager has made the `default` service account of every
/// namespace among `namespaces`: without it the API server refuses every pod there.
pub async fn wait_for_default_service_accounts(client: &Client, namespaces: &[Value]) {
    for namespace in namespaces {
        let name = namespace["metadata"]["name"].as_str().expect("name");
        let accounts: Api<DynamicObject> = Api::namespaced_with(
            client.clone(),
            name,
            &ApiResource::from_gvk_with_plural(
                &GroupVersionKind::gvk("", "v1", "ServiceAccount"),
                "serviceaccounts",
            ),
        );
        let mut found = false;
        for _ in 0..600 {
            if accounts.get_opt("default").await.expect("a lookup").is_some() {
                found = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(found, "no default service account in {name} after 60 s");
    }
}

/// The server's verdict on each object, each created with a server-side dry run, sixteen at a time: `Ok(true)`
/// when accepted, `Ok(false)` when refused in a way `refused` recognises, else the failure in words.
pub async fn dry_run_all(
    client: &Client,
    objects: &[Value],
    refused: fn(&kube::core::Status) -> bool,
) -> Vec<Result<bool, String>> {
    use futures::stream::{self, StreamExt};
    stream::iter(objects)
        .map(|object| async move {
            let dynamic: DynamicObject = serde_json::from_value(object.clone()).expect("an object");
            let dry_run = PostParams {
                dry_run: true,
                ..PostParams::default()
            };
            match api_for(client, object).create(&dry_run, &dynamic).await {
                Ok(_) => Ok(true),
                Err(kube::Error::Api(status)) if refused(&status) => Ok(false),
                Err(e) => Err(e.to_string()),
            }
        })
        .buffered(16)
        .collect()
        .await
}
