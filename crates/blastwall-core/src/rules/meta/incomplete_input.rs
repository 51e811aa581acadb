//! BW006 incomplete-input: part of the input could not be read, so the answers may miss what it holds.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW006",
    name: "incomplete-input",
    category: Category::Meta,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "Part of the input could not be read: findings about what it holds are missing.",
    help: "grant the read access the message names (see deploy/ for the scanner's read-only ClusterRole), or fix \
the file or link it names (or leave it out with --exclude), and scan again",
    docs: Docs {
        what: "Reports each part of the input that could not be read: a kind of a live cluster that could not be \
listed (forbidden, unknown to the server, timed out), with the verb and the server's reason; a file that could \
not be read; a symbolic link under a scanned folder that leads nowhere or back into a loop. The rest of the \
input is scanned.",
        why: "A scan that silently skips what it cannot read reports a cluster cleaner than it is: a RoleBinding or \
a privileged pod in a kind that was not listed is exactly what an attacker finds.",
        example: "# blastwall scan --cluster, with an account that may not list RoleBindings:\n\
# incomplete-input: list rbac.authorization.k8s.io/v1 RoleBinding: forbidden\n",
        remediation: "Give the scanning account the read-only ClusterRole in `deploy/` (it lists every kind \
blastwall reads and reads Secrets as metadata only), or scan the files instead.",
        references: &["https://kubernetes.io/docs/reference/access-authn-authz/rbac/"],
    },
    optional: false,
};
