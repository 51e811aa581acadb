//! The inventory: every source, document and object of one run, with indexes by kind, namespace and label.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::object::{Object, ObjectId, ObjectRef};
use super::pod::{pod_specs_with, PodSpec, TemplatePath};
use super::rbac_validation::rbac_error;
use super::schema::type_error;
use super::selector::LabelSelector;
use super::service::Service;
use crate::source::{Document, Key, LoadError, Node, Outcome, Quirk, Source, SourceId, Value};

/// Parsed selectors of one kind, by namespace.
type SelectorIndex = BTreeMap<Option<String>, Vec<(ObjectId, LabelSelector)>>;

/// A document (or `List` item) that is not a usable object, and why.
#[derive(Debug, Clone)]
pub struct Invalid {
    /// The file.
    pub source: SourceId,
    /// The reason and position.
    pub error: LoadError,
}

/// What was read from a live cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterRead {
    /// The kubeconfig context.
    pub context: String,
    /// The kinds listed.
    pub kinds_read: usize,
    /// The kinds that could not be listed (each also in `unread`).
    pub kinds_not_read: usize,
}

/// Everything read in one run.
#[derive(Debug, Default)]
pub struct Inventory {
    /// Inputs, in the order given (directories expanded in name order).
    pub sources: Vec<Source>,
    /// Objects in input order.
    pub objects: Vec<Object>,
    /// Documents that could not be used.
    pub invalid: Vec<Invalid>,
    /// Parts of the input that could not be read at all (a kind of a live cluster that could not be listed),
    /// each said in a sentence; they become incomplete-input findings.
    pub unread: Vec<String>,
    /// Helm charts and Kustomize folders among the inputs that could not be rendered, each said in a
    /// sentence; they become unrendered-templates findings.
    pub unrendered: Vec<String>,
    /// The live cluster read, when one was.
    pub cluster: Option<ClusterRead>,
    /// Things kubectl reads silently that a reader should know (repeated keys, ignored text).
    pub quirks: Vec<(SourceId, Quirk)>,
    /// Number of non-empty documents.
    pub documents: usize,
    /// Files that hold no Kubernetes document (package.json, a chart's values.yaml): read and left out.
    pub not_kubernetes: Vec<SourceId>,
    /// Where kinds unknown to blastwall keep pod templates (from the configuration).
    pub template_paths: Vec<TemplatePath>,
    by_kind: BTreeMap<String, Vec<ObjectId>>,
    by_kind_namespace: BTreeMap<(String, Option<String>), Vec<ObjectId>>,
    by_kind_name: BTreeMap<(String, String), Vec<ObjectId>>,
    service_selectors: OnceLock<SelectorIndex>,
    budget_selectors: OnceLock<SelectorIndex>,
}

impl Inventory {
    /// An indexed inventory of one YAML text, for the crate's unit tests.
    #[cfg(test)]
    pub(crate) fn from_text(text: &str) -> Self {
        let mut inventory = Self::default();
        let source = Source::new("test.yaml".into(), None, text.as_bytes().to_vec()).expect("a source");
        let documents = source.documents();
        inventory.add(source, documents);
        inventory.index();
        inventory
    }

    /// Adds a source and its parsed documents. Call [`Inventory::index`] when all are added.
    pub fn add(&mut self, source: Source, documents: Vec<Document>) -> SourceId {
        let id = SourceId(self.sources.len() as u32);
        let skip = holds_no_kubernetes(&source, &documents);
        self.sources.push(source);
        if skip {
            self.not_kubernetes.push(id);
            return id;
        }
        for doc in documents {
            self.quirks.extend(doc.parsed.quirks.into_iter().map(|q| (id, q)));
            match doc.parsed.outcome {
                Outcome::Empty => {}
                Outcome::Error(error) => {
                    self.documents += 1;
                    self.invalid.push(Invalid { source: id, error });
                }
                Outcome::Value(node) => {
                    self.documents += 1;
                    self.add_value(id, doc.index, node);
                }
            }
        }
        id
    }

    /// Records a source that could not be read at all.
    pub(crate) fn add_unreadable(&mut self, source: Source, error: LoadError) -> SourceId {
        let id = SourceId(self.sources.len() as u32);
        self.sources.push(source);
        self.documents += 1;
        self.invalid.push(Invalid { source: id, error });
        id
    }

    fn add_value(&mut self, source: SourceId, document: u32, node: Node) {
        let span = node.span;
        let invalid = |message: String| Invalid {
            source,
            error: LoadError { message, span },
        };
        let Value::Map(_) = &node.value else {
            let what = node.type_name();
            self.invalid.push(invalid(format!(
                "the document is {what}, not a Kubernetes object"
            )));
            return;
        };
        match identify(&node) {
            Err(message) => self.invalid.push(invalid(message)),
            Ok(oref) if oref.kind.ends_with("List") && node.get("items").is_some() => {
                let typed = oref.kind.strip_suffix("List").filter(|k| !k.is_empty());
                let item_type = typed.map(|kind| (kind.to_owned(), oref.api_version.clone()));
                self.add_list_items(source, document, node, item_type.as_ref());
            }
            Ok(oref) => self.add_object(source, document, oref, node),
        }
    }

    /// Adds an object, unless a field the engines read has a type the API server refuses, or (for RBAC
    /// objects) a value its validation refuses: such an object is never stored, so it takes no effect and is
    /// reported instead.
    fn add_object(&mut self, source: SourceId, document: u32, oref: ObjectRef, root: Node) {
        let refused = type_error(&root, &oref.api_version, &oref.kind).or_else(|| {
            rbac_error(&root, &oref.api_version, &oref.kind).map(|(path, reason)| {
                (
                    path.locate(&root),
                    format!("`{path}`: {reason}; the API server refuses the object"),
                )
            })
        });
        if let Some((span, message)) = refused {
            self.invalid.push(Invalid {
                source,
                error: LoadError { message, span },
            });
            return;
        }
        self.objects.push(Object {
            oref,
            source,
            document,
            root,
        });
    }

    /// kubectl applies the items of a `List` (and of any `*List` kind) as separate objects. The items of a
    /// typed list (`PodList`) may leave out `kind` and `apiVersion`, as the API server writes them: they are
    /// of the list's item type (`item_type`: kind and apiVersion).
    fn add_list_items(
        &mut self,
        source: SourceId,
        document: u32,
        mut list: Node,
        item_type: Option<&(String, String)>,
    ) {
        let items_span = list
            .as_map()
            .and_then(|m| m.entry("items"))
            .map_or(list.span, |(k, _)| k.span);
        let items = match &mut list.value {
            Value::Map(m) => m.remove("items"),
            _ => None,
        };
        match items.map(|n| n.value) {
            Some(Value::Seq(items)) => {
                for mut item in items {
                    let span = item.span;
                    if let (Some((kind, api_version)), Value::Map(m)) = (item_type, &mut item.value) {
                        if m.get("kind").is_none() && m.get("apiVersion").is_none() {
                            let text = |t: &str| Node {
                                span,
                                value: Value::Str(t.into()),
                            };
                            let key = |t: &str| Key { text: t.into(), span };
                            m.entries_mut().push((key("apiVersion"), text(api_version)));
                            m.entries_mut().push((key("kind"), text(kind)));
                        }
                    }
                    match identify(&item) {
                        Ok(oref) if matches!(item.value, Value::Map(_)) => {
                            self.add_object(source, document, oref, item);
                        }
                        Ok(_) => self.invalid.push(Invalid {
                            source,
                            error: LoadError {
                                message: "a List item is not a Kubernetes object".into(),
                                span,
                            },
                        }),
                        Err(message) => self.invalid.push(Invalid {
                            source,
                            error: LoadError {
                                message: format!("List item: {message}"),
                                span,
                            },
                        }),
                    }
                }
            }
            Some(Value::Null) => {}
            _ => self.invalid.push(Invalid {
                source,
                error: LoadError {
                    message: "`items` of a List must be a list".into(),
                    span: items_span,
                },
            }),
        }
    }

    /// Builds the indexes; call once after the last [`Inventory::add`].
    pub fn index(&mut self) {
        self.by_kind.clear();
        self.by_kind_namespace.clear();
        self.by_kind_name.clear();
        for (i, object) in self.objects.iter().enumerate() {
            let id = ObjectId(i as u32);
            self.by_kind.entry(object.oref.kind.clone()).or_default().push(id);
            let kind_ns = (object.oref.kind.clone(), object.oref.namespace.clone());
            self.by_kind_namespace.entry(kind_ns).or_default().push(id);
            let kind_name = (object.oref.kind.clone(), object.oref.name.clone());
            self.by_kind_name.entry(kind_name).or_default().push(id);
        }
    }

    /// An object by id.
    #[must_use]
    pub fn object(&self, id: ObjectId) -> &Object {
        &self.objects[id.0 as usize]
    }

    /// The pod specs of an object, including those of configured template paths.
    #[must_use]
    pub fn pod_specs_of<'a>(&self, object: &'a Object) -> Vec<PodSpec<'a>> {
        pod_specs_with(object, &self.template_paths)
    }

    /// Whether the object makes pods ([`Inventory::pod_specs_of`] is not empty), found without building
    /// its pod specs.
    #[must_use]
    pub fn makes_pods(&self, object: &Object) -> bool {
        super::pod::makes_pods(object, &self.template_paths)
    }

    /// A source by id.
    #[must_use]
    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id.0 as usize]
    }

    /// Objects of a kind (any API group).
    pub(crate) fn of_kind<'a>(&'a self, kind: &str) -> impl Iterator<Item = &'a Object> + 'a {
        self.ids(self.by_kind.get(kind))
    }

    /// Objects of a kind whose manifest names this namespace (`None`: objects that name none).
    pub(crate) fn of_kind_in<'a>(
        &'a self,
        kind: &str,
        namespace: Option<&str>,
    ) -> impl Iterator<Item = &'a Object> + 'a {
        self.ids(
            self.by_kind_namespace
                .get(&(kind.to_owned(), namespace.map(str::to_owned))),
        )
    }

    /// Core Services of a namespace with their (map) selectors, parsed once per run.
    #[must_use]
    pub(crate) fn service_selectors(&self, namespace: Option<&str>) -> &[(ObjectId, LabelSelector)] {
        let index = self.service_selectors.get_or_init(|| {
            self.selector_index("Service", |o| {
                Service::read(o)?.selector.map(|labels| {
                    LabelSelector::with_labels(
                        labels
                            .into_iter()
                            .map(|(k, v)| (k.to_owned(), v.to_owned()))
                            .collect(),
                    )
                })
            })
        });
        index
            .get(&namespace.map(str::to_owned))
            .map_or(&[], Vec::as_slice)
    }

    /// PodDisruptionBudgets of a namespace with their label selectors, parsed once per run.
    #[must_use]
    pub(crate) fn budget_selectors(&self, namespace: Option<&str>) -> &[(ObjectId, LabelSelector)] {
        let index = self.budget_selectors.get_or_init(|| {
            self.selector_index("PodDisruptionBudget", |o| {
                o.root
                    .get_path(&["spec", "selector"])
                    .map(LabelSelector::from_node)
            })
        });
        index
            .get(&namespace.map(str::to_owned))
            .map_or(&[], Vec::as_slice)
    }

    fn selector_index(&self, kind: &str, read: impl Fn(&Object) -> Option<LabelSelector>) -> SelectorIndex {
        let mut index = SelectorIndex::new();
        for id in self.by_kind.get(kind).into_iter().flatten() {
            let object = self.object(*id);
            if let Some(selector) = read(object) {
                index
                    .entry(object.oref.namespace.clone())
                    .or_default()
                    .push((*id, selector));
            }
        }
        index
    }
    /// Whether `object` is a Pod, ReplicaSet or Job made by a controller that is among the inputs (as in
    /// `kubectl get all -o yaml` or a live cluster): its controller's findings already say what its spec
    /// holds, so it is judged once, through the controller.
    #[must_use]
    pub fn judged_through_owner(&self, object: &Object) -> bool {
        let namespace = object.oref.namespace.as_deref();
        let owners = object
            .root
            .get_path(&["metadata", "ownerReferences"])
            .and_then(Node::as_seq)
            .unwrap_or_default();
        owners
            .iter()
            .filter(|o| o.get("controller").is_some_and(Node::is_true))
            .any(|o| {
                let text = |key: &str| o.get(key).and_then(Node::as_str).unwrap_or("");
                let group = super::object::api_group(text("apiVersion"));
                self.named(text("kind"), text("name")).any(|owner| {
                    owner.oref.namespace.as_deref() == namespace
                        && super::object::api_group(&owner.oref.api_version) == group
                })
            })
    }

    /// Objects of a kind with this name (in any namespace).
    pub fn named<'a>(&'a self, kind: &str, name: &str) -> impl Iterator<Item = &'a Object> + 'a {
        self.ids(self.by_kind_name.get(&(kind.to_owned(), name.to_owned())))
    }

    fn ids<'a>(&'a self, ids: Option<&'a Vec<ObjectId>>) -> impl Iterator<Item = &'a Object> + 'a {
        ids.into_iter().flatten().map(|id| self.object(*id))
    }

    /// Objects with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (ObjectId, &Object)> {
        self.objects
            .iter()
            .enumerate()
            .map(|(i, o)| (ObjectId(i as u32), o))
    }
}

/// The identity of an object, or why kubectl would refuse it.
fn identify(node: &Node) -> Result<ObjectRef, String> {
    let text = |key: &str| node.get(key).and_then(Node::as_str).filter(|s| !s.is_empty());
    let (api_version, kind) = match (text("apiVersion"), text("kind")) {
        (Some(a), Some(k)) => (a, k),
        (None, Some(_)) => return Err("the object has no `apiVersion`".into()),
        (Some(_), None) => return Err("the object has no `kind`".into()),
        (None, None) => {
            return Err(
                "the document has no `apiVersion` and no `kind`: it is not a Kubernetes object".into(),
            )
        }
    };
    let meta = |key: &str| {
        node.get_path(&["metadata", key])
            .and_then(Node::as_str)
            .filter(|s| !s.is_empty())
    };
    let name = meta("name")
        .map(str::to_owned)
        .or_else(|| meta("generateName").map(|g| format!("{g}*")));
    Ok(ObjectRef {
        api_version: api_version.to_owned(),
        kind: kind.to_owned(),
        namespace: meta("namespace").map(str::to_owned),
        name: name.unwrap_or_default(),
    })
}

/// Whether a file holds no Kubernetes document: it has documents, none of them a mapping that names an
/// `apiVersion` or a `kind`, and its text never mentions `apiVersion` (a broken manifest does, and stays
/// reported). Such files (package.json, tsconfig.json, a chart's values.yaml) are counted, not reported.
fn holds_no_kubernetes(source: &Source, documents: &[Document]) -> bool {
    let mut any = false;
    for doc in documents {
        match &doc.parsed.outcome {
            Outcome::Empty => {}
            Outcome::Error(_) => any = true,
            Outcome::Value(node) => {
                any = true;
                if matches!(node.value, Value::Map(_))
                    && (node.get("apiVersion").is_some() || node.get("kind").is_some())
                {
                    return false;
                }
            }
        }
    }
    any && !source.text.contains("apiVersion")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{pod_specs, ContainerKind, NAMESPACE_NAME_LABEL};

    fn inventory(text: &str) -> Inventory {
        Inventory::from_text(text)
    }

    #[test]
    fn indexes_by_kind_namespace_and_name() {
        let inv = inventory(
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: a}}\n---\n\
             apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop, labels: {team: a}}\n---\n\
             apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\n",
        );
        assert_eq!(inv.of_kind("ConfigMap").count(), 2);
        let names =
            |it: &mut dyn Iterator<Item = &Object>| it.map(|o| o.oref.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&mut inv.of_kind_in("ConfigMap", Some("shop"))), ["c"]);
        assert_eq!(names(&mut inv.of_kind_in("ConfigMap", None)), ["d"]);
        assert_eq!(names(&mut inv.named("Namespace", "shop")), ["shop"]);
        // Kubernetes labels every namespace with its own name.
        assert_eq!(inv.objects[0].labels().get(NAMESPACE_NAME_LABEL), Some(&"shop"));
        assert_eq!(inv.objects[2].oref.namespace, None);
    }

    #[test]
    fn lists_expand_and_bad_items_are_reported() {
        let inv = inventory(
            "apiVersion: v1\nkind: ConfigMapList\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n\
             - {kind: ConfigMap}\n- plain\n",
        );
        assert_eq!(inv.objects.len(), 1);
        assert_eq!(inv.invalid.len(), 2);
        assert_eq!(inv.invalid[0].error.span.line, 4);
    }

    #[test]
    fn generate_name_stands_in_for_a_missing_name() {
        let inv = inventory("apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: run-}\n");
        assert_eq!(inv.objects[0].oref.name, "run-*");
    }

    #[test]
    fn pod_specs_are_found_in_every_kind_that_makes_pods() {
        let template = "template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}";
        let cases = [
            (
                "v1",
                "Pod",
                "spec: {containers: [{name: c, image: i}]}".to_owned(),
                "spec",
            ),
            ("v1", "PodTemplate", template.to_owned(), "template.spec"),
            (
                "apps/v1",
                "Deployment",
                format!("spec: {{{template}}}"),
                "spec.template.spec",
            ),
            (
                "apps/v1",
                "StatefulSet",
                format!("spec: {{{template}}}"),
                "spec.template.spec",
            ),
            (
                "apps/v1",
                "DaemonSet",
                format!("spec: {{{template}}}"),
                "spec.template.spec",
            ),
            (
                "apps/v1",
                "ReplicaSet",
                format!("spec: {{{template}}}"),
                "spec.template.spec",
            ),
            (
                "v1",
                "ReplicationController",
                format!("spec: {{{template}}}"),
                "spec.template.spec",
            ),
            (
                "batch/v1",
                "Job",
                format!("spec: {{{template}}}"),
                "spec.template.spec",
            ),
            (
                "batch/v1",
                "CronJob",
                format!("spec: {{jobTemplate: {{spec: {{{template}}}}}}}"),
                "spec.jobTemplate.spec.template.spec",
            ),
            (
                "argoproj.io/v1alpha1",
                "Rollout",
                format!("spec: {{{template}}}"),
                "spec.template.spec",
            ),
            (
                "apps.openshift.io/v1",
                "DeploymentConfig",
                format!("spec: {{{template}}}"),
                "spec.template.spec",
            ),
            (
                "serving.knative.dev/v1",
                "Service",
                format!("spec: {{{template}}}"),
                "spec.template.spec",
            ),
            (
                "keda.sh/v1alpha1",
                "ScaledJob",
                format!("spec: {{jobTargetRef: {{{template}}}}}"),
                "spec.jobTargetRef.template.spec",
            ),
        ];
        for (api, kind, body, path) in cases {
            let inv = inventory(&format!(
                "apiVersion: {api}\nkind: {kind}\nmetadata: {{name: x}}\n{body}\n"
            ));
            let specs = pod_specs(&inv.objects[0]);
            assert!(inv.makes_pods(&inv.objects[0]), "{kind}");
            assert_eq!(specs.len(), 1, "{kind}");
            assert_eq!(specs[0].path.to_string(), path, "{kind}");
            assert_eq!(specs[0].containers()[0].name, "c", "{kind}");
        }
        // A core Service is not a pod template, and neither is a template without containers.
        let inv =
            inventory("apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {template: {spec: {}}}\n");
        assert!(pod_specs(&inv.objects[0]).is_empty());
        assert!(!inv.makes_pods(&inv.objects[0]));
    }

    #[test]
    fn templates_the_configuration_names_make_pods() {
        let mut inv = inventory(
            "apiVersion: example.com/v1\nkind: Runner\nmetadata: {name: r}\nspec:\n  \
             worker: {spec: {containers: [{name: c}]}}\n  inline: {containers: [{name: d}]}\n",
        );
        assert!(
            !inv.makes_pods(&inv.objects[0]),
            "no template path is known for the kind"
        );
        for path in [["spec", "worker"], ["spec", "inline"]] {
            inv.template_paths = vec![TemplatePath {
                kind: "Runner".to_owned(),
                path: path.map(String::from).to_vec(),
            }];
            assert!(inv.makes_pods(&inv.objects[0]), "{path:?}");
            assert_eq!(inv.pod_specs_of(&inv.objects[0]).len(), 1, "{path:?}");
        }
    }

    #[test]
    fn init_and_ephemeral_containers_count() {
        let inv = inventory(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [{name: i}]\n  \
             containers: [{name: c}, {image: unnamed}]\n  ephemeralContainers: [{name: e}]\n",
        );
        let spec = &pod_specs(&inv.objects[0])[0];
        let kinds: Vec<(String, ContainerKind)> = spec
            .containers()
            .iter()
            .map(|c| (c.path.to_string(), c.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("spec.initContainers[name=i]".to_owned(), ContainerKind::Init),
                ("spec.containers[name=c]".to_owned(), ContainerKind::Regular),
                ("spec.containers[1]".to_owned(), ContainerKind::Regular),
                (
                    "spec.ephemeralContainers[name=e]".to_owned(),
                    ContainerKind::Ephemeral
                ),
            ]
        );
    }

    #[test]
    fn a_file_with_no_kubernetes_document_is_counted_apart_and_never_reported() {
        let cases: [(&str, bool); 9] = [
            ("--\napiVersion: apps/v1\nkind: Deployment\n::::\n", false),
            ("{\"name\": \"web\", \"version\": \"1.0.0\"}\n", true),
            ("replicaCount: 1\nimage: {repository: web}\n", true),
            ("- a\n- b\n", true),
            ("{\n  // comments are not YAML\n  \"strict\": true\n}\n", true),
            ("# only a comment\n", false),
            ("kind: Pod\n", false),
            (
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\nreplicas: 2\n",
                false,
            ),
            (
                "{{- if .Values.x }}\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n",
                false,
            ),
        ];
        for (text, skipped) in cases {
            let inv = inventory(text);
            assert_eq!(inv.not_kubernetes.len() == 1, skipped, "{text}");
            if skipped {
                assert!(inv.invalid.is_empty() && inv.documents == 0, "{text}");
            }
        }
        let mixed = inventory("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\nreplicas: 2\n");
        assert_eq!(mixed.invalid.len(), 1);
    }
}
