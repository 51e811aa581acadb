//! NetworkPolicy exactly as Kubernetes defines it, on small types of its own: which pods a policy selects
//! and isolates per direction (`policyTypes` defaulted as the API server does), peers (pod and namespace
//! selectors alone or together, ipBlocks with except), ports (TCP by default, UDP, SCTP, ranges with
//! endPort, named ports resolved against each destination pod), and the connections every workload may
//! open to every other workload and to the outside.

mod connlist;
mod conns;
mod exposure;
mod from_inventory;
mod ipset;
mod matrix;
mod network;
mod policy;
mod reach;

pub(crate) use connlist::{classes_of_workloads, outside_connections};
pub use connlist::{connlist, split_workloads, Connection, Side};
pub use conns::{Conns, PortSet, Protocol};
pub(crate) use exposure::service_pods;
pub use exposure::{exposures, Admission, Door, Exposure};
pub use from_inventory::network_of;
pub(crate) use from_inventory::Problem;
pub use ipset::{BadCidr, IpSet};
pub use matrix::Matrix;
pub(crate) use network::labels_match;
pub use network::{Endpoint, NetPod, Network, Verdict, Workload};
pub use policy::{NetworkPolicy, Peer, PolicyProblem, PortRule, Rule};
pub use reach::{reach, resolve, Judgement, Party, ReachAnswer, ReachError};
