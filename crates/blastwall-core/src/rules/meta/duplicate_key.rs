//! BW002 duplicate-key: a key written twice in one mapping; kubectl silently keeps the last.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW002",
    name: "duplicate-key",
    category: Category::Meta,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A mapping has the same key twice; kubectl keeps only the last value.",
    help: "remove one of the two keys so the manifest says one thing",
    docs: Docs {
        what: "Reports every key written twice in the same mapping (keys brought in by a `<<` merge do not count). \
The finding points at the second key, whose value wins, and names the line of the first.",
        why: "kubectl's YAML reader keeps the last value without a warning, while reviewers and other tools may read \
the first: a `privileged: false` above a `privileged: true` looks safe in review. Some scanners skip such files \
entirely; blastwall reads them as kubectl does and tells you.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: registry.example/web:1\n    securityContext:\n      privileged: false\n      privileged: true\n",
        remediation: "Delete the key that should not be there. If a merge of two snippets produced the repeat, merge \
them with `<<` or a templating tool instead.",
        references: &["https://yaml.org/spec/1.2.2/#nodes"],
    },
    optional: false,
};
