//! Whether a pod's NetworkPolicies admit traffic from outside addresses, or from an ingress controller's
//! pods, to one port: all of it, part of it, or none.

use super::super::conns::Protocol;
use super::super::ipset::{Family, IpSet};
use super::super::network::{Endpoint, NetPod, Network};
use super::super::policy::Peer;
use super::types::Admission;

/// Traffic from `sources` to `target` on `pod`. The sources are cut by the ipBlocks of the pod's ingress
/// rules so that each piece is admitted whole or not at all; `Partly` when some pieces are.
pub(super) fn from_addresses(
    net: &Network,
    pod: &NetPod,
    target: (Protocol, u16),
    sources: &IpSet,
) -> Admission {
    let blocks: Vec<&IpSet> = isolating_ingress_peers(net, pod)
        .filter_map(|peer| match peer {
            Peer::Block(b) => Some(b),
            Peer::Pods { .. } | Peer::Invalid => None,
        })
        .chain(std::iter::once(sources))
        .collect();
    let pieces: Vec<IpSet> = IpSet::partition(blocks, &[Family::V4, Family::V6])
        .into_iter()
        .filter(|b| sources.covers(b))
        .collect();
    let open = pieces
        .iter()
        .filter(|b| {
            net.ingress(pod, Endpoint::Outside(b))
                .conns
                .allows(target.0, target.1)
        })
        .count();
    count(open, pieces.len())
}

/// Traffic from the ingress controller to `target` on `pod`: from each of `controllers` when the inputs hold
/// them; otherwise a pod of some other namespace stands for the controller (`Partly` when only pods of
/// namespaces chosen by a selector are admitted: the controller's may be among them).
pub(super) fn from_controllers(
    net: &Network,
    controllers: &[&NetPod],
    pod: &NetPod,
    target: (Protocol, u16),
) -> Admission {
    if controllers.is_empty() {
        let stranger = NetPod::stranger("blastwall-ingress-controller", "ingress-controller");
        return if net
            .ingress(pod, Endpoint::Pod(&stranger))
            .conns
            .allows(target.0, target.1)
        {
            Admission::All
        } else if admits_chosen_namespaces(net, pod) {
            Admission::Partly
        } else {
            Admission::Closed
        };
    }
    let reaching = controllers
        .iter()
        .filter(|c| {
            net.allowed(Endpoint::Pod(c), Endpoint::Pod(pod))
                .allows(target.0, target.1)
        })
        .count();
    count(reaching, controllers.len())
}

fn count(open: usize, of: usize) -> Admission {
    match open {
        0 => Admission::Closed,
        n if n == of => Admission::All,
        _ => Admission::Partly,
    }
}

/// The peers of the ingress rules of every policy that selects `pod` and isolates its ingress.
fn isolating_ingress_peers<'n>(net: &'n Network, pod: &'n NetPod) -> impl Iterator<Item = &'n Peer> + 'n {
    net.policies_of(&pod.namespace)
        .map(|(_, p)| p)
        .filter(|p| p.ingress_isolates && net.selects(p, pod))
        .flat_map(|p| &p.ingress)
        .filter_map(|r| r.peers.as_ref())
        .flatten()
}

/// True when an ingress rule isolating `pod` admits pods of namespaces chosen by a selector.
fn admits_chosen_namespaces(net: &Network, pod: &NetPod) -> bool {
    isolating_ingress_peers(net, pod).any(|peer| {
        matches!(
            peer,
            Peer::Pods {
                namespaces: Some(_),
                ..
            }
        )
    })
}
