//! BW107 dangerous-capabilities: capabilities added beyond the Pod Security baseline's allowed set.

use crate::analysis::pss::BASELINE_CAPABILITIES;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW107",
    name: "dangerous-capabilities",
    category: Category::Pod,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:capabilities_baseline", "cis:5.2.9", "nsa:pod-security:capabilities", "mitre:T1611"],
    summary: "A container adds Linux capabilities beyond the runtime's default set.",
    help: "remove the added capability; drop ALL and add back only NET_BIND_SERVICE if the process binds a low port",
    docs: Docs {
        what: "Reports each entry of `securityContext.capabilities.add` that the baseline Pod Security Standard does \
not allow: anything other than AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, \
SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT. As in Kubernetes, names are compared exactly: `CAP_SYS_ADMIN` and \
`ALL` are reported too.",
        why: "Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE, NET_ADMIN or BPF let a process mount \
filesystems, load kernel modules, trace other processes or reconfigure the node's network: each is a known way \
out of the container. Adding them makes a compromised container a compromised node.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: vpn\nspec:\n  containers:\n  - name: vpn\n    image: registry.example/vpn:1\n    securityContext:\n      capabilities:\n        add: [NET_ADMIN, SYS_ADMIN]\n",
        remediation: "Remove the capability. Most processes need none: set `capabilities: {drop: [ALL]}` and add back \
`NET_BIND_SERVICE` only if the process binds a port below 1024. If a capability is truly needed (a CNI plugin \
needs NET_ADMIN), keep the workload in a namespace reserved for it, with a suppression that says why.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://man7.org/linux/man-pages/man7/capabilities.7.html",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    let pods = c.pods;
    for pod in pods {
        for container in pod.containers() {
            let Some(added) = container
                .node
                .get_path(&["securityContext", "capabilities", "add"])
            else {
                continue;
            };
            let list = container.path.join(&["securityContext", "capabilities", "add"]);
            for (i, cap) in added.as_seq().unwrap_or_default().iter().enumerate() {
                let Some(name) = cap.as_str() else { continue };
                if !BASELINE_CAPABILITIES.contains(&name) {
                    c.report(
                        list.index(i),
                        format!("{} adds the capability {name}", container.describe()),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::pss::BASELINE_CAPABILITIES;

    #[test]
    fn baseline_set_is_compared_exactly() {
        assert!(BASELINE_CAPABILITIES.contains(&"NET_BIND_SERVICE"));
        assert!(!BASELINE_CAPABILITIES.contains(&"CAP_NET_BIND_SERVICE"));
        assert!(!BASELINE_CAPABILITIES.contains(&"ALL"));
    }
}
