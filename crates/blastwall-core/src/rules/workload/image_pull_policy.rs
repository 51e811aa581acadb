//! BW214 image-pull-policy (optional): a cached image may be used without the registry's authorisation.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;
use crate::source::Node;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW214",
    name: "image-pull-policy",
    category: Category::Workload,
    severity: Severity::Low,
    responsibility: Responsibility::User,
    standards: &["cis:1.2.11"],
    summary: "A container may start from an image cached on the node without pulling it again.",
    help: "set `imagePullPolicy: Always` (or pin the image by digest)",
    docs: Docs {
        what: "Reports containers whose effective pull policy is not `Always`: `IfNotPresent` or `Never` written, \
or, when unset, a tag other than `latest` (Kubernetes then defaults to `IfNotPresent`). Images pinned by digest \
are not reported: the cached image is the one asked for. Optional: enable it with `--select image-pull-policy`.",
        why: "With a cached image, a pod on a shared node can start from a private image that another team pulled \
with its own credentials, without the registry checking this pod's pull secret (the reason for the \
AlwaysPullImages admission plugin).",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example/api:1.4.2\n    imagePullPolicy: IfNotPresent\n",
        remediation: "Set `imagePullPolicy: Always`, or pin images by digest; on multi-tenant clusters the platform \
can enable the AlwaysPullImages admission plugin.",
        references: &["https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"],
    },
    optional: true,
};

pub(super) fn check(c: &mut Check<'_>) {
    for pod in c.pods {
        for container in pod.containers() {
            let Some(image) = container.node.get("image").and_then(Node::as_str) else {
                continue;
            };
            if image.contains('@') {
                continue;
            }
            let written = container.node.get("imagePullPolicy").and_then(Node::as_str);
            let tag = image
                .rsplit('/')
                .next()
                .and_then(|last| last.split_once(':'))
                .map(|(_, t)| t);
            let effective = written.unwrap_or(if matches!(tag, None | Some("latest")) {
                "Always"
            } else {
                "IfNotPresent"
            });
            if effective != "Always" {
                let path = match written {
                    Some(_) => container.path.key("imagePullPolicy"),
                    None => container.path.key("image"),
                };
                c.report(
                    path,
                    format!(
                        "{} may start from a cached image (pull policy {effective})",
                        container.describe()
                    ),
                );
            }
        }
    }
}
