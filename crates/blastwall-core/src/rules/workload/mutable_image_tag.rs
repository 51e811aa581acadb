//! BW206 mutable-image-tag: an image without a tag, or tagged `latest`, and not pinned by digest.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;
use crate::source::Node;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW206",
    name: "mutable-image-tag",
    category: Category::Workload,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["nsa:supply-chain:image-pinning", "mitre:T1525"],
    summary: "A container image has no tag or the `latest` tag, so what runs can change without a deploy.",
    help: "pin the image to a version tag, or better to a digest (`image@sha256:...`)",
    docs: Docs {
        what: "Reports container images that are not pinned by digest and have no tag (which means `latest`) or \
the `latest` tag. A registry port (`registry:5000/app`) is not mistaken for a tag.",
        why: "A mutable tag runs whatever the registry serves at pull time: a compromised registry or a careless \
push changes production without review, different nodes can run different code, and a rollback may not roll \
anything back.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n  containers:\n  - name: worker\n    image: registry.example/worker:latest\n",
        remediation: "Use an immutable version tag, and pin by digest where the supply chain matters: \
`registry.example/worker:1.4.2@sha256:<digest>`.",
        references: &["https://kubernetes.io/docs/concepts/containers/images/#image-names"],
    },
    optional: false,
};

/// The tag of an image reference, `None` when it has none; digests are reported as `Err(())`.
fn tag(image: &str) -> Result<Option<&str>, ()> {
    if image.contains('@') {
        return Err(());
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    Ok(last.split_once(':').map(|(_, t)| t))
}

pub(super) fn check(c: &mut Check<'_>) {
    for pod in c.pods {
        for container in pod.containers() {
            let Some(image) = container.node.get("image").and_then(Node::as_str) else {
                continue;
            };
            let problem = match tag(image) {
                Ok(Some("latest")) => "the `latest` tag",
                Ok(None) => "no tag (so `latest`)",
                Ok(Some(_)) | Err(()) => continue,
            };
            c.report(
                container.path.key("image"),
                format!("{} runs `{image}`, with {problem}", container.describe()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tag;

    #[test]
    fn tags_digests_and_registry_ports() {
        assert_eq!(tag("nginx"), Ok(None));
        assert_eq!(tag("nginx:1.27"), Ok(Some("1.27")));
        assert_eq!(tag("registry:5000/team/app"), Ok(None));
        assert_eq!(tag("registry:5000/team/app:latest"), Ok(Some("latest")));
        assert_eq!(tag("app@sha256:abc"), Err(()));
        assert_eq!(tag("app:latest@sha256:abc"), Err(()));
    }
}
