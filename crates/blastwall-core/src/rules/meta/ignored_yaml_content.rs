//! BW003 ignored-yaml-content: text after a document's end that kubectl never reads.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW003",
    name: "ignored-yaml-content",
    category: Category::Meta,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "Text after the end of a document is never read by kubectl.",
    help: "start the following text with a `---` line, or delete it",
    docs: Docs {
        what: "Reports text that follows the end of a document without a `---` separator: after a `...` end marker, \
or after a top-level scalar or flow collection. kubectl reads the first document of each `---` piece and ignores \
the rest without a word.",
        why: "Objects written there are never applied and never checked: a NetworkPolicy or a securityContext that \
the author believes is in force is not.",
        example: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n...\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n",
        remediation: "Separate documents with a line holding only `---`; delete the `...` marker.",
        references: &["https://yaml.org/spec/1.2.2/#document-markers"],
    },
    optional: false,
};
