//! `sysctls` (baseline, v1.0): only namespaced, isolated sysctls; the safe list grows in v1.27, v1.29,
//! v1.32 and v1.37.

use crate::analysis::pss::fields::pod_security;
use crate::analysis::pss::types::{Check, Level, Violation};
use crate::model::PodSpec;
use crate::source::Node;

/// The check.
pub(crate) const CHECK: Check = Check {
    id: "sysctls",
    level: Level::Baseline,
    since: 0,
    overrides: None,
    run,
};

/// Safe sysctls and the policy version that allows each.
const SAFE: [(&str, u32); 14] = [
    ("kernel.shm_rmid_forced", 0),
    ("net.ipv4.ip_local_port_range", 0),
    ("net.ipv4.tcp_syncookies", 0),
    ("net.ipv4.ping_group_range", 0),
    ("net.ipv4.ip_unprivileged_port_start", 0),
    ("net.ipv4.ip_local_reserved_ports", 27),
    ("net.ipv4.tcp_keepalive_time", 29),
    ("net.ipv4.tcp_fin_timeout", 29),
    ("net.ipv4.tcp_keepalive_intvl", 29),
    ("net.ipv4.tcp_keepalive_probes", 29),
    ("net.ipv4.tcp_rmem", 32),
    ("net.ipv4.tcp_wmem", 32),
    ("net.ipv4.tcp_slow_start_after_idle", 37),
    ("net.ipv4.tcp_notsent_lowat", 37),
];

fn run(pod: &PodSpec<'_>, minor: u32) -> Vec<Violation> {
    let Some((path, sysctls)) = pod_security(pod, &["sysctls"]) else {
        return Vec::new();
    };
    sysctls
        .as_seq()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let name = s.get("name").and_then(Node::as_str).unwrap_or("");
            let safe = SAFE.iter().any(|(n, since)| *n == name && *since <= minor);
            (!safe).then(|| {
                CHECK.violation(
                    path.item(i, s),
                    format!("the sysctl {name:?} is not safe at policy v1.{minor}"),
                )
            })
        })
        .collect()
}
