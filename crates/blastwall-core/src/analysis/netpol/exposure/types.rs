//! The answer of the exposure engine: each door, how it is opened, where it leads and what the NetworkPolicies
//! make of it.

use super::super::conns::Protocol;
use crate::model::{FieldPath, ObjectId};

/// How traffic gets in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Door {
    /// A cloud load balancer; empty source ranges mean every address.
    LoadBalancer {
        /// `spec.loadBalancerSourceRanges`.
        source_ranges: Vec<String>,
    },
    /// A port opened on every node.
    NodePort(Option<u16>),
    /// An address given in `spec.externalIPs`.
    ExternalIp(String),
    /// An Ingress rule, through the ingress controller.
    Ingress {
        /// The host (`*` when none).
        host: String,
        /// The path (`/` when none).
        path: String,
    },
    /// The pod shares the node's network: every port it listens on is the node's.
    HostNetwork,
    /// A container port published on the node.
    HostPort(u16),
}

/// Whether the pods' NetworkPolicies admit the traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// From every address the door lets in.
    All,
    /// From some of them.
    Partly,
    /// From none: the policies close the door.
    Closed,
    /// NetworkPolicies do not apply (host network).
    NotGoverned,
}

/// One way in.
#[derive(Debug, Clone)]
pub struct Exposure {
    /// How.
    pub door: Door,
    /// The object that opens it (Service, Ingress, or the workload itself).
    pub via: ObjectId,
    /// The field that opens it.
    pub path: FieldPath,
    /// The pod it reaches (an index into `Network::pods`).
    pub pod: usize,
    /// The protocol and port the pod receives on; `None` for every port (host network).
    pub target: Option<(Protocol, u16)>,
    /// What the policies make of it.
    pub admission: Admission,
}
