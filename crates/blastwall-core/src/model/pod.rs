//! Finding pod specs in any object that makes pods, and the containers in them.
//!
//! Built-in kinds are known by name; any other kind (Argo rollouts, `OpenShift` deployment configs, Knative
//! services, KEDA scaled jobs...) is recognised by shape: a pod template with a `containers` list at one of
//! the places controllers keep it.

use super::inventory::Inventory;
use super::object::Object;
use super::path::FieldPath;
use crate::source::Node;

/// A pod spec inside an object.
#[derive(Debug, Clone)]
pub struct PodSpec<'a> {
    /// Path from the object's root to the spec.
    pub path: FieldPath,
    /// The spec.
    pub spec: &'a Node,
    /// The pod's metadata: the template's, or the Pod's own.
    pub metadata: Option<&'a Node>,
    containers: Vec<Container<'a>>,
}

/// Which list a container is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    /// `initContainers`.
    Init,
    /// `containers`.
    Regular,
    /// `ephemeralContainers`.
    Ephemeral,
}

/// A container of a pod spec.
#[derive(Debug, Clone)]
pub struct Container<'a> {
    /// Path from the object's root to the container.
    pub path: FieldPath,
    /// The container.
    pub node: &'a Node,
    /// Its name, or `""` when missing.
    pub name: &'a str,
    /// Which list it is in.
    pub kind: ContainerKind,
}

/// Where controllers keep their pod template, relative to the object (template metadata is beside it).
const TEMPLATE_PATHS: [&[&str]; 3] = [
    &["spec", "template"],
    &["spec", "jobTemplate", "spec", "template"],
    &["spec", "jobTargetRef", "template"],
];

/// A place where objects of one kind keep a pod template (or a pod spec), named in the configuration for
/// kinds whose layout blastwall does not know: `{kind: Foo, path: spec.workerTemplate}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplatePath {
    /// The kind it applies to.
    pub kind: String,
    /// Mapping keys from the object's root to the template (or to a pod spec with `containers`).
    pub path: Vec<String>,
}

/// The pod specs of an object: a Pod's own spec, a `PodTemplate`'s template, and every controller-style
/// template that carries a `containers` list.
#[must_use]
pub fn pod_specs(object: &Object) -> Vec<PodSpec<'_>> {
    pod_specs_with(object, &[])
}

/// [`pod_specs`], plus the templates that `extra` names for the object's kind.
#[must_use]
pub(crate) fn pod_specs_with<'a>(object: &'a Object, extra: &[TemplatePath]) -> Vec<PodSpec<'a>> {
    let mut specs: Vec<PodSpec<'a>> = built_in(object)
        .map(|(keys, found)| found.spec_at(keys))
        .collect();
    for custom in extra.iter().filter(|t| t.kind == object.oref.kind) {
        let keys: Vec<&str> = custom.path.iter().map(String::as_str).collect();
        let Some(spec) = configured(&object.root, &keys).map(|found| found.spec_at(&keys)) else {
            continue;
        };
        if !specs.iter().any(|known| known.path == spec.path) {
            specs.push(spec);
        }
    }
    specs
}

/// Whether [`pod_specs_with`] finds a pod spec in the object, found the same way without building one.
#[must_use]
pub(crate) fn makes_pods(object: &Object, extra: &[TemplatePath]) -> bool {
    built_in(object).next().is_some()
        || extra.iter().filter(|t| t.kind == object.oref.kind).any(|custom| {
            let keys: Vec<&str> = custom.path.iter().map(String::as_str).collect();
            configured(&object.root, &keys).is_some()
        })
}

/// A pod spec where it was found, before its containers are listed.
struct Found<'a> {
    spec: &'a Node,
    metadata: Option<&'a Node>,
    /// Whether the keys it was found at lead to a template (the spec is under its `spec`).
    in_template: bool,
}

impl<'a> Found<'a> {
    /// The pod spec, found at `keys`.
    fn spec_at(self, keys: &[&str]) -> PodSpec<'a> {
        let path = FieldPath::keys(keys);
        let path = if self.in_template { path.key("spec") } else { path };
        PodSpec::new(path, self.spec, self.metadata)
    }
}

/// The pod specs Kubernetes' own kinds keep, and the controller-style templates of any kind: a Pod's
/// `spec`, a `PodTemplate`'s `template`, or each of [`TEMPLATE_PATHS`] that holds one.
fn built_in(object: &Object) -> impl Iterator<Item = (&'static [&'static str], Found<'_>)> {
    let root = &object.root;
    let is_pod = object.is("", "Pod");
    let own_spec = root.get("spec").filter(|_| is_pod).map(|spec| {
        let found = Found {
            spec,
            metadata: root.get("metadata"),
            in_template: false,
        };
        (&["spec"][..], found)
    });
    let templates: &'static [&'static [&'static str]] = if is_pod {
        &[]
    } else if object.is("", "PodTemplate") {
        &[&["template"]]
    } else {
        &TEMPLATE_PATHS
    };
    own_spec.into_iter().chain(
        templates
            .iter()
            .filter_map(move |keys| Some((*keys, template_at(root, keys)?))),
    )
}

/// What a configured path leads to: a spec with a `containers` list, or a template that holds one.
fn configured<'a>(root: &'a Node, keys: &[&str]) -> Option<Found<'a>> {
    let node = root.get_path(keys)?;
    if node.get("containers").and_then(Node::as_seq).is_some() {
        return Some(Found {
            spec: node,
            metadata: None,
            in_template: false,
        });
    }
    template_at(root, keys)
}

/// The template at `template`, when its spec has a `containers` list.
fn template_at<'a>(root: &'a Node, template: &[&str]) -> Option<Found<'a>> {
    let template_node = root.get_path(template)?;
    let spec = template_node.get("spec")?;
    spec.get("containers")?.as_seq()?;
    Some(Found {
        spec,
        metadata: template_node.get("metadata"),
        in_template: true,
    })
}

impl<'a> PodSpec<'a> {
    fn new(path: FieldPath, spec: &'a Node, metadata: Option<&'a Node>) -> Self {
        let lists = [
            ("initContainers", ContainerKind::Init),
            ("containers", ContainerKind::Regular),
            ("ephemeralContainers", ContainerKind::Ephemeral),
        ];
        let mut containers = Vec::new();
        for (key, kind) in lists {
            let Some(items) = spec.get(key).and_then(Node::as_seq) else {
                continue;
            };
            let list_path = path.key(key);
            for (i, node) in items.iter().enumerate() {
                let name = node.get("name").and_then(Node::as_str).unwrap_or("");
                containers.push(Container {
                    path: list_path.item(i, node),
                    node,
                    name,
                    kind,
                });
            }
        }
        Self {
            path,
            spec,
            metadata,
            containers,
        }
    }

    /// Init, regular and ephemeral containers, in that order.
    #[must_use]
    pub fn containers(&self) -> &[Container<'a>] {
        &self.containers
    }

    /// Init and regular containers: those a workload declares. Ephemeral containers are added later by
    /// `kubectl debug` and cannot set resources or most other fields.
    pub(crate) fn declared_containers(&self) -> impl Iterator<Item = &Container<'a>> {
        self.containers
            .iter()
            .filter(|k| k.kind != ContainerKind::Ephemeral)
    }

    /// The path of a field of the spec when it is written, else of the spec itself: where a finding about
    /// that field should point.
    #[must_use]
    pub(crate) fn path_to(&self, key: &str) -> FieldPath {
        if self.spec.get(key).is_some() {
            self.path.key(key)
        } else {
            self.path.clone()
        }
    }

    /// The service account the pods run as: `serviceAccountName`, else the deprecated `serviceAccount` (which
    /// the API server copies into it), else `default`.
    #[must_use]
    pub(crate) fn service_account(&self) -> &'a str {
        ["serviceAccountName", "serviceAccount"]
            .iter()
            .find_map(|key| {
                self.spec
                    .get(key)
                    .and_then(Node::as_str)
                    .filter(|s| !s.is_empty())
            })
            .unwrap_or("default")
    }

    /// Whether the pods get their service account's token: the pod's `automountServiceAccountToken` wins,
    /// then the ServiceAccount's (when it is among the inputs of `namespace`); Kubernetes mounts by default.
    #[must_use]
    pub(crate) fn mounts_token(&self, inventory: &Inventory, namespace: Option<&str>) -> bool {
        !self.is_static() && self.explicit_automount(inventory, namespace).unwrap_or(true)
    }

    /// Whether this is a static pod, run by a kubelet from a file, as its mirror pod shows it (the kubelet's
    /// `kubernetes.io/config.mirror` or `config.source` annotation, or a Node as owner): such a pod cannot
    /// use a service account, and no token is mounted into it.
    #[must_use]
    pub(crate) fn is_static(&self) -> bool {
        let Some(metadata) = self.metadata else {
            return false;
        };
        let annotated = metadata.get("annotations").is_some_and(|a| {
            a.get("kubernetes.io/config.mirror").is_some() || a.get("kubernetes.io/config.source").is_some()
        });
        let owned_by_node = metadata
            .get("ownerReferences")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .any(|o| o.get("kind").and_then(Node::as_str) == Some("Node"));
        annotated || owned_by_node
    }

    /// The `automountServiceAccountToken` that decides, when one is written.
    #[must_use]
    pub(crate) fn explicit_automount(&self, inventory: &Inventory, namespace: Option<&str>) -> Option<bool> {
        if let Some(v) = self
            .spec
            .get("automountServiceAccountToken")
            .and_then(Node::as_bool)
        {
            return Some(v);
        }
        let account = self.service_account();
        inventory
            .of_kind_in("ServiceAccount", namespace)
            .find(|sa| sa.is("", "ServiceAccount") && sa.oref.name == account)
            .and_then(|sa| {
                sa.root
                    .get("automountServiceAccountToken")
                    .and_then(Node::as_bool)
            })
    }

    /// A field of the spec and its path.
    #[must_use]
    pub(crate) fn field(&self, key: &str) -> Option<(FieldPath, &'a Node)> {
        self.spec.get(key).map(|n| (self.path.key(key), n))
    }
}

impl<'a> Container<'a> {
    /// A field of the container's `securityContext` and its path.
    #[must_use]
    pub(crate) fn security_context(&self, key: &str) -> Option<(FieldPath, &'a Node)> {
        let node = self.node.get_path(&["securityContext", key])?;
        Some((self.path.join(&["securityContext", key]), node))
    }

    /// A list field of the container (`env`, `envFrom`, `ports`...), empty when absent or not a list.
    #[must_use]
    pub fn list(&self, key: &str) -> &'a [Node] {
        self.node.get(key).and_then(Node::as_seq).unwrap_or_default()
    }

    /// The path of a field of the container when it is written, else of the container itself.
    #[must_use]
    pub(crate) fn path_to(&self, key: &str) -> FieldPath {
        if self.node.get(key).is_some() {
            self.path.key(key)
        } else {
            self.path.clone()
        }
    }

    /// "container", "init container" or "ephemeral container", for messages.
    #[must_use]
    pub(crate) fn describe(&self) -> String {
        let what = match self.kind {
            ContainerKind::Init => "init container",
            ContainerKind::Regular => "container",
            ContainerKind::Ephemeral => "ephemeral container",
        };
        format!("{what} `{}`", self.name)
    }
}
