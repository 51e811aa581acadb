//! What NetworkPolicy rules share: the pods an object makes, the policy an object is, which policies
//! isolate a pod, and the public address space.

use crate::analysis::netpol::{IpSet, NetPod, Network, NetworkPolicy};
use crate::rules::check::Check;

/// The pods the checked object makes (a Pod, or a controller's template).
pub(crate) fn pods_of<'a>(c: &Check<'a>) -> Vec<&'a NetPod> {
    let (net, _) = c.network();
    net.pods_by_object
        .get(&c.id)
        .into_iter()
        .flatten()
        .map(|&i| &net.pods[i])
        .collect()
}

/// The checked object as a policy, with its index.
pub fn policy_of<'a>(c: &Check<'a>) -> Option<(usize, &'a NetworkPolicy)> {
    let (net, _) = c.network();
    net.policies
        .iter()
        .enumerate()
        .find(|(_, p)| p.object == Some(c.id))
}

/// The policies that isolate `pod` for ingress and for egress.
pub(crate) fn isolating<'a>(
    net: &'a Network,
    pod: &NetPod,
) -> (Vec<&'a NetworkPolicy>, Vec<&'a NetworkPolicy>) {
    let selecting: Vec<&NetworkPolicy> = net
        .policies_of(&pod.namespace)
        .map(|(_, p)| p)
        .filter(|p| net.selects(p, pod))
        .collect();
    (
        selecting.iter().copied().filter(|p| p.ingress_isolates).collect(),
        selecting.iter().copied().filter(|p| p.egress_isolates).collect(),
    )
}

/// True when some pod of the inputs is in `namespace`.
pub(crate) fn has_pods(net: &Network, namespace: &str) -> bool {
    net.pods_in.contains_key(namespace)
}

/// A pod in a namespace of its own with no labels: what any other namespace's pods can do at least.
pub(crate) fn stranger() -> NetPod {
    NetPod::stranger("blastwall-any-namespace", "any-pod")
}

/// The public internet: every IPv4 address outside private, shared, loopback, link-local and multicast
/// ranges (computed once).
pub(crate) fn internet() -> &'static IpSet {
    static INTERNET: std::sync::OnceLock<IpSet> = std::sync::OnceLock::new();
    INTERNET.get_or_init(public_addresses)
}

fn public_addresses() -> IpSet {
    let mut public = IpSet::cidr("0.0.0.0/0").expect("valid");
    for private in [
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "224.0.0.0/3",
    ] {
        public = public.minus(&IpSet::cidr(private).expect("valid"));
    }
    public
}
