//! What the outside can reach: Services of type LoadBalancer and NodePort, Services with externalIPs,
//! Ingress rules (through their Services), host-network pods and host ports; each resolved to the pods it
//! sends traffic to and the port they receive it on (named targetPorts resolved per pod), and whether the
//! pods' NetworkPolicies let that traffic in. One module per kind of door; `admission` judges the traffic.

mod admission;
mod host_doors;
mod ingress_doors;
mod service_doors;
#[cfg(test)]
mod testing;
mod types;

use super::network::Network;
use crate::model::Inventory;

pub(crate) use service_doors::service_pods;
pub use types::{Admission, Door, Exposure};

/// Every way in among the inputs: Services, then Ingresses, then the pods' own host network and ports.
#[must_use]
pub fn exposures(inventory: &Inventory, net: &Network) -> Vec<Exposure> {
    let mut out = service_doors::exposures(inventory, net);
    out.extend(ingress_doors::exposures(inventory, net));
    out.extend(host_doors::exposures(net));
    out
}
