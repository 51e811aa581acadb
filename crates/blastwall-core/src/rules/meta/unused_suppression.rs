//! BW004 unused-suppression: a suppression that matches no finding.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW004",
    name: "unused-suppression",
    category: Category::Meta,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A suppression (comment, annotation or config exception) no longer matches any finding.",
    help: "delete the suppression, or fix its rule name or target",
    docs: Docs {
        what: "Reports inline `# blastwall:ignore[...]` comments, `blastwall.dev/ignore` annotations and config \
`exceptions:` entries that suppressed nothing in this run, pointing at the suppression itself.",
        why: "A stale suppression is a loaded gun: when the problem it was written for comes back, or the line it \
sits on changes, it silently hides a new finding. Removing it keeps every exception deliberate.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  # blastwall:ignore[host-network] needed for the capture tool\n  containers:\n  - name: web\n    image: registry.example/web:1\n",
        remediation: "Delete the suppression. If it is meant to stay, check the rule name (`blastwall rules`) and \
that the comment sits on, or directly above, the line the finding points to.",
        references: &["../../README.md#suppressing-findings"],
    },
    optional: false,
};
