//! BW523 pod-security-admission-defaults: the Pod Security admission configuration enforces nothing by default, or exempts users or runtime classes

use crate::model::FieldPath;
use crate::source::Node;

use super::config::is_config;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW523",
    name: "pod-security-admission-defaults",
    category: Category::ControlPlane,
    severity: Severity::Medium,
    responsibility: Responsibility::Platform,
    standards: &["cis:5.2.1", "pss:enforce"],
    summary: "The Pod Security admission configuration enforces nothing by default, or exempts users or runtime classes.",
    help: "set `defaults.enforce: baseline` (or restricted) and keep exemptions to system namespaces",
    docs: Docs {
        what: "Reports PodSecurity admission configurations (a PodSecurityConfiguration, alone or inside an AdmissionConfiguration) whose `defaults.enforce` is `privileged` or unset, and each exempted username or runtime class.",
        why: "Namespaces without their own labels get the cluster default: with `privileged`, any pod, host access included, is admitted there. An exempted user or runtime class skips every check, whatever namespace it targets.",
        example: "apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: PodSecurity\n  configuration:\n    apiVersion: pod-security.admission.config.k8s.io/v1\n    kind: PodSecurityConfiguration\n    defaults:\n      enforce: privileged\n",
        remediation: "Enforce `baseline` (or `restricted`) by default and label the few namespaces that need more; exempt namespaces only, and only system ones.",
        references: &["https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-admission-controller/"],
    },
    optional: false,
};

fn report(c: &mut Check<'_>, config: &Node, at: &FieldPath) {
    let enforce = config.get_path(&["defaults", "enforce"]).and_then(Node::as_str);
    if enforce.is_none_or(|e| e == "privileged") {
        c.report(
            at.key("defaults").key("enforce"),
            "namespaces without their own label enforce `privileged`: set `defaults.enforce: baseline` or `restricted`".to_owned(),
        );
    }
    for kind in ["usernames", "runtimeClasses"] {
        for (i, name) in config
            .get_path(&["exemptions", kind])
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let name = name.as_str().unwrap_or("");
            c.report(
                at.key("exemptions").key(kind).index(i),
                format!(
                    "`{name}` skips every Pod Security check in every namespace: exempt namespaces instead"
                ),
            );
        }
    }
}

pub(super) fn check(c: &mut Check<'_>) {
    let object = c.object;
    if is_config(
        object,
        &["pod-security.admission.config.k8s.io"],
        "PodSecurityConfiguration",
    ) {
        report(c, &object.root, &FieldPath::root());
        return;
    }
    if !is_config(
        object,
        &["apiserver.config.k8s.io", "apiserver.k8s.io"],
        "AdmissionConfiguration",
    ) {
        return;
    }
    for (i, plugin) in object
        .root
        .get("plugins")
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if plugin.get("name").and_then(Node::as_str) == Some("PodSecurity") {
            if let Some(config) = plugin.get("configuration") {
                report(
                    c,
                    config,
                    &FieldPath::keys(&["plugins"]).index(i).key("configuration"),
                );
            }
        }
    }
}
