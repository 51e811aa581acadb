//! BW116 windows-host-process: a Windows `HostProcess` pod or container.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW116",
    name: "windows-host-process",
    category: Category::Pod,
    severity: Severity::Critical,
    responsibility: Responsibility::User,
    standards: &["pss:baseline:windowsHostProcess", "cis:5.2.11", "mitre:T1611"],
    summary: "A Windows pod or container runs as a HostProcess, directly on the node.",
    help: "remove `windowsOptions.hostProcess: true`",
    docs: Docs {
        what: "Reports `securityContext.windowsOptions.hostProcess: true` at pod or container level, as the \
`windowsHostProcess` check of the baseline Pod Security Standard does.",
        why: "A HostProcess container is not a container at all: it runs as a process on the Windows node, with \
the node's network and filesystem and, typically, SYSTEM rights.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: win-agent\nspec:\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"\n  hostNetwork: true\n  containers:\n  - name: agent\n    image: registry.example/win-agent:1\n",
        remediation: "Remove `hostProcess: true`. Node management on Windows belongs to the platform's own agents, \
in a namespace reserved for them.",
        references: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::WINDOWS_HOST_PROCESS, |_, _| true);
}
