//! BW001 invalid-manifest: a document that kubectl would refuse, reported instead of dropped.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW001",
    name: "invalid-manifest",
    category: Category::Meta,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A document cannot be read as a Kubernetes object, so nothing in it was checked.",
    help: "fix the document so that `kubectl apply --dry-run=client -f FILE` accepts it",
    docs: Docs {
        what: "Reports every document that kubectl would refuse: YAML syntax errors, values JSON cannot carry \
(`.inf`, `.nan`), keys JSON cannot carry (null, lists), documents without `apiVersion` or `kind`, documents that \
are a list or a string rather than an object, invalid `---` separator lines, files that are not UTF-8 or UTF-16, \
and hostile input refused to keep the scan bounded (alias bombs, nesting deeper than 512 levels). The finding \
points at the position the parser names; the other documents of the file are still checked.",
        why: "A scanner that skips what it cannot read reports a clean result for input it never looked at. A \
broken document in a deployment repository either fails the deploy or, worse, is one a different tool reads \
differently. Either way, nothing in it has been checked.",
        example: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  ratio: [1, 2\n",
        remediation: "Fix the document: the message gives the parser's reason and position. Files that are not \
Kubernetes manifests (Helm values, CI configuration) should be left out of the scanned paths or excluded with \
`exclude:` in `.blastwall.yaml`.",
        references: &[
            "https://kubernetes.io/docs/concepts/overview/working-with-objects/#describing-a-kubernetes-object",
            "https://yaml.org/spec/1.1/",
        ],
    },
    optional: false,
};
