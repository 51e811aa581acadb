//! BW005 invalid-suppression: a suppression without a reason or naming an unknown rule.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW005",
    name: "invalid-suppression",
    category: Category::Meta,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A suppression has no reason or names a rule that does not exist, so it suppresses nothing.",
    help: "write `# blastwall:ignore[rule-name] why this is acceptable`, with a known rule name",
    docs: Docs {
        what: "Reports inline comments and `blastwall.dev/ignore` annotations that lack a reason, are malformed, or \
name an unknown rule. Such a suppression is not applied.",
        why: "A reason is what lets the next reader judge whether the exception still holds. A typo in a rule name \
would otherwise leave the finding visible while the author believes it handled.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: capture\nspec:\n  # blastwall:ignore[host-network]\n  hostNetwork: true\n  containers:\n  - name: capture\n    image: registry.example/capture:1\n",
        remediation: "Add the reason after the bracket, and check the rule's name with `blastwall rules`.",
        references: &["../../README.md#suppressing-findings"],
    },
    optional: false,
};
