//! BW115 unsafe-sysctl: a sysctl outside the safe, namespaced set.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW115",
    name: "unsafe-sysctl",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:sysctls", "mitre:T1611"],
    summary: "A pod sets a kernel parameter that is not isolated to the pod.",
    help: "remove the sysctl, or use one of the safe sysctls of the Pod Security Standards",
    docs: Docs {
        what: "Reports entries of `spec.securityContext.sysctls` outside the safe list of the baseline Pod \
Security Standard at the run's policy version: `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`, \
`net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`, `net.ipv4.ip_unprivileged_port_start`, then \
`net.ipv4.ip_local_reserved_ports` (v1.27), the TCP keepalive and `tcp_fin_timeout` settings (v1.29), \
`tcp_rmem`/`tcp_wmem` (v1.32), and `tcp_slow_start_after_idle`/`tcp_notsent_lowat` (v1.37).",
        why: "Sysctls outside that list are either not namespaced, so they change the whole node and every pod on \
it, or can disable kernel protections.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: tuned\nspec:\n  securityContext:\n    sysctls:\n    - name: kernel.msgmax\n      value: \"65536\"\n  containers:\n  - name: tuned\n    image: registry.example/tuned:1\n",
        remediation: "Remove the sysctl. Node-wide tuning belongs in the node's configuration, owned by the \
platform, not in a workload.",
        references: &[
            "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::SYSCTLS, |_, _| true);
}
