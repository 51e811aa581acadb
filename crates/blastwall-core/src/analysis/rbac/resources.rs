//! The built-in resource types: plural name, API group, scope and the short names kubectl accepts, so that
//! `can-i get deploy` means `deployments.apps` in a namespace and `can-i list nodes` is cluster-wide.

/// One resource type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ResourceType {
    /// Plural name, as in RBAC rules.
    pub resource: &'static str,
    /// API group (`""` for core).
    pub group: &'static str,
    /// Whether objects live in a namespace.
    pub namespaced: bool,
    /// Singular name and short names kubectl accepts.
    pub aliases: &'static [&'static str],
}

const fn t(
    resource: &'static str,
    group: &'static str,
    namespaced: bool,
    aliases: &'static [&'static str],
) -> ResourceType {
    ResourceType {
        resource,
        group,
        namespaced,
        aliases,
    }
}

/// The built-in types of a current Kubernetes release.
pub(crate) const BUILT_IN: &[ResourceType] = &[
    t("pods", "", true, &["pod", "po"]),
    t("services", "", true, &["service", "svc"]),
    t("endpoints", "", true, &["ep"]),
    t("configmaps", "", true, &["configmap", "cm"]),
    t("secrets", "", true, &["secret"]),
    t("serviceaccounts", "", true, &["serviceaccount", "sa"]),
    t(
        "persistentvolumeclaims",
        "",
        true,
        &["persistentvolumeclaim", "pvc"],
    ),
    t("persistentvolumes", "", false, &["persistentvolume", "pv"]),
    t("namespaces", "", false, &["namespace", "ns"]),
    t("nodes", "", false, &["node", "no"]),
    t("events", "", true, &["event", "ev"]),
    t("limitranges", "", true, &["limitrange", "limits"]),
    t("resourcequotas", "", true, &["resourcequota", "quota"]),
    t(
        "replicationcontrollers",
        "",
        true,
        &["replicationcontroller", "rc"],
    ),
    t("podtemplates", "", true, &["podtemplate"]),
    t("deployments", "apps", true, &["deployment", "deploy"]),
    t("replicasets", "apps", true, &["replicaset", "rs"]),
    t("statefulsets", "apps", true, &["statefulset", "sts"]),
    t("daemonsets", "apps", true, &["daemonset", "ds"]),
    t("controllerrevisions", "apps", true, &["controllerrevision"]),
    t("jobs", "batch", true, &["job"]),
    t("cronjobs", "batch", true, &["cronjob", "cj"]),
    t(
        "horizontalpodautoscalers",
        "autoscaling",
        true,
        &["horizontalpodautoscaler", "hpa"],
    ),
    t("ingresses", "networking.k8s.io", true, &["ingress", "ing"]),
    t("ingressclasses", "networking.k8s.io", false, &["ingressclass"]),
    t(
        "networkpolicies",
        "networking.k8s.io",
        true,
        &["networkpolicy", "netpol"],
    ),
    t("endpointslices", "discovery.k8s.io", true, &["endpointslice"]),
    t(
        "poddisruptionbudgets",
        "policy",
        true,
        &["poddisruptionbudget", "pdb"],
    ),
    t("roles", "rbac.authorization.k8s.io", true, &["role"]),
    t(
        "rolebindings",
        "rbac.authorization.k8s.io",
        true,
        &["rolebinding"],
    ),
    t(
        "clusterroles",
        "rbac.authorization.k8s.io",
        false,
        &["clusterrole"],
    ),
    t(
        "clusterrolebindings",
        "rbac.authorization.k8s.io",
        false,
        &["clusterrolebinding"],
    ),
    t("storageclasses", "storage.k8s.io", false, &["storageclass", "sc"]),
    t("csidrivers", "storage.k8s.io", false, &["csidriver"]),
    t(
        "volumeattachments",
        "storage.k8s.io",
        false,
        &["volumeattachment"],
    ),
    t(
        "customresourcedefinitions",
        "apiextensions.k8s.io",
        false,
        &["customresourcedefinition", "crd", "crds"],
    ),
    t("apiservices", "apiregistration.k8s.io", false, &["apiservice"]),
    t(
        "certificatesigningrequests",
        "certificates.k8s.io",
        false,
        &["certificatesigningrequest", "csr"],
    ),
    t("leases", "coordination.k8s.io", true, &["lease"]),
    t(
        "priorityclasses",
        "scheduling.k8s.io",
        false,
        &["priorityclass", "pc"],
    ),
    t("runtimeclasses", "node.k8s.io", false, &["runtimeclass"]),
    t(
        "validatingwebhookconfigurations",
        "admissionregistration.k8s.io",
        false,
        &["validatingwebhookconfiguration"],
    ),
    t(
        "mutatingwebhookconfigurations",
        "admissionregistration.k8s.io",
        false,
        &["mutatingwebhookconfiguration"],
    ),
    t(
        "validatingadmissionpolicies",
        "admissionregistration.k8s.io",
        false,
        &["validatingadmissionpolicy"],
    ),
    t(
        "validatingadmissionpolicybindings",
        "admissionregistration.k8s.io",
        false,
        &["validatingadmissionpolicybinding"],
    ),
    t("tokenreviews", "authentication.k8s.io", false, &["tokenreview"]),
    t(
        "subjectaccessreviews",
        "authorization.k8s.io",
        false,
        &["subjectaccessreview"],
    ),
    t(
        "selfsubjectaccessreviews",
        "authorization.k8s.io",
        false,
        &["selfsubjectaccessreview"],
    ),
    t("users", "", false, &["user"]),
    t("groups", "", false, &["group"]),
    t("signers", "certificates.k8s.io", false, &["signer"]),
];

/// Resolves what a user typed (`pods`, `pod`, `po`, `deploy`, `deployments.apps`, `foos.example.com`) to a
/// resource and group, and whether it is namespaced. Unknown types are taken literally (`x.group` splits on
/// the first dot) and assumed namespaced.
#[must_use]
pub fn resolve_type(typed: &str) -> (String, String, bool) {
    let lower = typed.to_ascii_lowercase();
    let (name, group) = match lower.split_once('.') {
        Some((n, g)) => (n.to_owned(), Some(g.to_owned())),
        None => (lower.clone(), None),
    };
    let known = BUILT_IN.iter().find(|t| {
        (t.resource == name || t.aliases.contains(&name.as_str()))
            && group.as_deref().is_none_or(|g| g == t.group)
    });
    match known {
        Some(t) => (t.resource.to_owned(), t.group.to_owned(), t.namespaced),
        None => (name, group.unwrap_or_default(), true),
    }
}

/// Whether a RoleBinding can grant `verb` on `resource` (`resource/subresource`) of `group`: the API server
/// asks the authorizer about cluster-scoped resources, and about impersonating users, groups, uids and
/// extras, with no namespace, which no RoleBinding matches. `bind` is the exception: writing a RoleBinding
/// asks for `bind` on its role (a ClusterRole too) in the binding's own namespace. Unknown resources are
/// taken as namespaced.
#[must_use]
pub(crate) fn namespace_can_grant(verb: &str, group: &str, resource: &str) -> bool {
    if verb == "bind" {
        return true;
    }
    let base = resource.split_once('/').map_or(resource, |(r, _)| r);
    if verb == "impersonate" {
        return base == "serviceaccounts";
    }
    BUILT_IN
        .iter()
        .find(|t| t.resource == base && t.group == group)
        .is_none_or(|t| t.namespaced)
}

#[cfg(test)]
mod tests {
    use super::{namespace_can_grant, resolve_type};

    #[test]
    fn a_role_binding_grants_only_what_is_asked_in_a_namespace() {
        let rbac = "rbac.authorization.k8s.io";
        let cases = [
            ("get", "", "nodes/proxy", false),
            ("create", "", "persistentvolumes", false),
            (
                "update",
                "certificates.k8s.io",
                "certificatesigningrequests/approval",
                false,
            ),
            ("approve", "certificates.k8s.io", "signers", false),
            (
                "create",
                "admissionregistration.k8s.io",
                "validatingwebhookconfigurations",
                false,
            ),
            ("create", rbac, "clusterrolebindings", false),
            ("escalate", rbac, "clusterroles", false),
            ("delete", "", "namespaces", false),
            ("impersonate", "", "users", false),
            ("impersonate", "", "groups", false),
            ("impersonate", "authentication.k8s.io", "uids", false),
            ("impersonate", "authentication.k8s.io", "userextras", false),
            ("impersonate", "", "serviceaccounts", true),
            ("bind", rbac, "clusterroles", true),
            ("escalate", rbac, "roles", true),
            ("list", "", "secrets", true),
            ("create", "", "pods/exec", true),
            ("create", "example.com", "widgets", true),
        ];
        for (verb, group, resource, expected) in cases {
            assert_eq!(
                namespace_can_grant(verb, group, resource),
                expected,
                "{verb} {group}/{resource}"
            );
        }
    }

    #[test]
    fn kubectl_names_resolve() {
        assert_eq!(
            resolve_type("deploy"),
            ("deployments".into(), "apps".into(), true)
        );
        assert_eq!(resolve_type("Pods"), ("pods".into(), String::new(), true));
        assert_eq!(resolve_type("nodes"), ("nodes".into(), String::new(), false));
        assert_eq!(
            resolve_type("deployments.apps"),
            ("deployments".into(), "apps".into(), true)
        );
        assert_eq!(
            resolve_type("widgets.example.com"),
            ("widgets".into(), "example.com".into(), true)
        );
    }
}
