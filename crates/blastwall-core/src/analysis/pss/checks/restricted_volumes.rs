//! `restrictedVolumes` (restricted, v1.0): only volume types that cannot reach the node or outside
//! storage directly. Replaces `hostPathVolumes`.

use super::host_path_volumes::ID as HOST_PATH_VOLUMES;
use crate::analysis::pss::fields::present;
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;
use crate::source::Node;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "restrictedVolumes",
    level: Level::Restricted,
    since: 0,
    overrides: Some(HOST_PATH_VOLUMES),
    run,
};

const ALLOWED: [&str; 9] = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "image",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

/// The other volume sources of the core API. A volume that sets none of the known sources is defaulted to
/// `emptyDir` by the API server before admission, so it is allowed.
const RESTRICTED: [&str; 21] = [
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "nfs",
    "iscsi",
    "glusterfs",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "fc",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "portworxVolume",
    "photonPersistentDisk",
    "scaleIO",
    "storageos",
];

fn run(pod: &PodSpec<'_>, _minor: u32) -> Vec<Violation> {
    let Some((path, volumes)) = pod.field("volumes") else {
        return Vec::new();
    };
    volumes
        .as_seq()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(_, v)| !ALLOWED.iter().any(|t| present(v.get(t)).is_some()))
        .filter_map(|(i, v)| {
            let kind = RESTRICTED.iter().find(|t| present(v.get(t)).is_some())?;
            let name = v.get("name").and_then(Node::as_str).unwrap_or("");
            Some(CHECK.violation(
                path.item(i, v).key(kind),
                format!("volume {name:?} uses the restricted volume type {kind}"),
            ))
        })
        .collect()
}
