//! BW529 kubeconfig-exec-writable-path: a kubeconfig runs a credential plugin from a path others can write to

use crate::source::Node;

use super::config::kubeconfig_entries;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW529",
    name: "kubeconfig-exec-writable-path",
    category: Category::ControlPlane,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["mitre:T1574"],
    summary: "A kubeconfig runs a credential plugin from a path others can write to.",
    help: "point `exec.command` at an absolute path in a directory only root (or you) can write",
    docs: Docs {
        what: "Reports users of kubeconfig files whose `exec.command` is a relative path (`./`, `../`, or a path without a leading `/` that names a directory) or lives in a world-writable directory (`/tmp`, `/var/tmp`, `/dev/shm`).",
        why: "kubectl runs the plugin with the user's rights every time it needs a token; whoever can replace that file runs code as the user and receives their cluster credentials.",
        example: "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://203.0.113.10:6443\ncontexts:\n- name: prod\n  context: {cluster: prod, user: admin}\ncurrent-context: prod\nusers:\n- name: admin\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /tmp/get-token\n",
        remediation: "Install the plugin under /usr/local/bin (or another root-owned directory) and reference it by absolute path or by a name found on a trusted PATH.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins"],
    },
    optional: false,
};

/// Directories anyone may write to.
const WRITABLE: &[&str] = &["/tmp/", "/var/tmp/", "/dev/shm/"];

pub(super) fn check(c: &mut Check<'_>) {
    for (at, _, user) in kubeconfig_entries(c.object, "users") {
        let Some(command) = user.get_path(&["user", "exec", "command"]).and_then(Node::as_str) else {
            continue;
        };
        let relative = !command.starts_with('/') && command.contains('/');
        let writable = WRITABLE.iter().any(|d| command.starts_with(d));
        if relative || writable {
            let place = if writable {
                "in a directory anyone may write"
            } else {
                "relative to the current directory"
            };
            c.report(
                at.key("user").key("exec").key("command"),
                format!("`{command}` is {place}: whoever can replace it gets these credentials"),
            );
        }
    }
}
