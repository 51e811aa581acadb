//! BW213 image-without-digest (optional): an image not pinned by digest.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;
use crate::source::Node;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW213",
    name: "image-without-digest",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &["nsa:supply-chain:image-pinning", "mitre:T1525"],
    summary: "A container image is referenced by tag, not by digest.",
    help: "pin the image by digest: `image:tag@sha256:...`",
    docs: Docs {
        what: "Reports container images without an `@sha256:` (or other) digest. Optional: enable it with \
`--select image-without-digest` or in `select:`; `mutable-image-tag` already reports the worst case, no tag or \
`latest`.",
        why: "Even a version tag can be moved by whoever controls the registry; only a digest names exactly one \
image. Teams that sign and admit images by digest want every manifest to say which one.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example/api:1.4.2\n",
        remediation: "Resolve each tag to its digest at release time (most CD tools and `crane digest` do) and \
write `image: registry.example/api:1.4.2@sha256:<digest>`.",
        references: &["https://kubernetes.io/docs/concepts/containers/images/#image-names"],
    },
    optional: true,
};

pub(super) fn check(c: &mut Check<'_>) {
    for pod in c.pods {
        for container in pod.containers() {
            let Some(image) = container.node.get("image").and_then(Node::as_str) else {
                continue;
            };
            if !image.contains('@') {
                c.report(
                    container.path.key("image"),
                    format!("{} runs `{image}`, not pinned by digest", container.describe()),
                );
            }
        }
    }
}
