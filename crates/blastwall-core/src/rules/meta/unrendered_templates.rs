//! BW007 unrendered-templates: a Helm chart or a Kustomize folder among the inputs that was not rendered,
//! so the objects it makes were not scanned.

use crate::rule::{Category, Docs, Responsibility, Rule, Severity};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW007",
    name: "unrendered-templates",
    category: Category::Meta,
    severity: Severity::Info,
    responsibility: Responsibility::User,
    standards: &[],
    summary: "A Helm chart or Kustomize folder was not rendered: the objects it makes were not scanned.",
    help: "install helm (or kubectl for Kustomize) so that blastwall renders it, or render it yourself: \
`helm template . | blastwall scan -`",
    docs: Docs {
        what: "Reports each folder with a `Chart.yaml` (a Helm chart) or a `kustomization.yaml` (Kustomize) among \
the inputs that was not rendered: `helm` (or `kubectl`) is not on PATH, or `--no-render` turned rendering \
off. A chart's files are then \
not read (templates with `{{ }}` are not YAML, and values.yaml is not an object); a Kustomize folder's files \
are read as they are. When the command is there, the folder is rendered (`helm template`, `kubectl kustomize`) \
and the output is scanned, each finding naming the template it came from; a folder whose rendering fails is an \
incomplete-input finding (and a Kustomize folder's files are read as they are).",
        why: "A chart is where most of an application's objects are: a scan that silently skips it, or drowns it in \
parser errors, says nothing about what will run.",
        example: "# k8s/web/Chart.yaml, k8s/web/templates/deployment.yaml, and no helm on PATH:\n\
# unrendered-templates: the Helm chart k8s/web was not rendered (helm is not on PATH)\n",
        remediation: "Install helm (or kubectl) where blastwall runs, or scan the rendered output: `helm template \
k8s/web | blastwall scan -`, `kubectl kustomize k8s/overlays/prod | blastwall scan -`.",
        references: &["https://helm.sh/docs/helm/helm_template/"],
    },
    optional: false,
};
