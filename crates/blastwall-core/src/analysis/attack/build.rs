//! Building the attack graph of one inventory: workloads and their edges, every identity's and every
//! self-bound role's permission edges, the hubs' members, and what a node and cluster-admin power reach.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use super::grants::{Grant, Grants};
use rayon::prelude::*;

use super::graph::{EdgeKind, Evidence, Evidences, Graph, NewEdges, Vertex};
use super::permission_edges::add_permission_edges;
use super::workload_edges::{add_workload_edges, workloads};
use super::world::World;
use crate::analysis::netpol::Exposure;
use crate::analysis::rbac::{
    applies_to, everyone, Accounts, Binding, Effective, KubeVersion, Policy, PolicyRule, Role, SubjectKey,
    User,
};
use crate::model::{Inventory, ObjectId};

/// The attack graph of one inventory.
#[derive(Debug, Default)]
pub struct AttackGraph {
    /// Vertices and edges.
    pub graph: Graph,
    /// The workloads by namespace.
    pub workloads: BTreeMap<String, Vec<ObjectId>>,
}

/// What the graph is built from. The RBAC side and the exposures are asked for side by side, each when its
/// half of the graph needs it.
pub struct Inputs<'a> {
    /// The objects.
    pub inventory: &'a Inventory,
    /// Their RBAC policy (built-in roles and bindings included), and their service accounts and token
    /// Secrets.
    pub rbac: &'a (dyn Fn() -> (&'a Policy, &'a Accounts) + Sync),
    /// Works out what `exposures` answers from; called once, before `exposures`.
    pub prepare_exposures: &'a (dyn Fn() + Sync),
    /// The ways in from outside that reach each object's pods.
    pub exposures: &'a (dyn Fn(ObjectId) -> Vec<&'a Exposure> + Sync),
    /// The Kubernetes version (which verbs `pods/exec` needs).
    pub version: KubeVersion,
}

/// The rules of a role into which `escalate` wrote every permission.
fn everything() -> &'static [PolicyRule] {
    static RULES: OnceLock<Vec<PolicyRule>> = OnceLock::new();
    RULES.get_or_init(|| {
        vec![PolicyRule {
            verbs: vec!["*".into()],
            api_groups: vec!["*".into()],
            resources: vec!["*".into()],
            ..PolicyRule::default()
        }]
    })
}

fn fact(note: &str) -> Evidences {
    Arc::from(vec![Evidence::fact(note)])
}

impl AttackGraph {
    /// The graph of `inputs`; `start`, when given, is an identity with groups of its own (as `--as` and
    /// `--as-group` name it) whose edges are added beside the others.
    #[must_use]
    pub fn build(inputs: &Inputs<'_>, start: Option<&User>) -> Self {
        // Workloads' edges need the exposures, identities' edges the RBAC policy: each half waits only for
        // its own. The RBAC half runs here; the other is left for an idle thread (or this one, after).
        let ((world, sets), (workloads, found)) = rayon::join(
            || {
                let (policy, accounts) = (inputs.rbac)();
                let world = World::new(inputs.inventory, policy, accounts, inputs.version);
                let sets = GrantSets::new(&world);
                (world, sets)
            },
            || {
                let workloads = workloads(inputs.inventory);
                (inputs.prepare_exposures)();
                let found = workload_edges(inputs, &workloads);
                (workloads, found)
            },
        );
        let mut graph = Graph::default();
        for edges in found {
            edges.into_graph(&mut graph);
        }
        let mut pending = sets.add_edges(&mut graph);
        if let Some(user) = start {
            let from = Vertex::Identity(SubjectKey::of_user(&user.name));
            let grants = Grants(
                world
                    .policy
                    .bindings
                    .iter()
                    .filter_map(|b| {
                        let ns = b.namespace.as_deref().unwrap_or("");
                        let subject = applies_to(user, &b.subjects, ns)?;
                        world.policy.role_of(b).map(|role| Grant::of(b, subject, role))
                    })
                    .collect(),
            );
            graph.vertex(from.clone());
            let mut edges = NewEdges::default();
            pending.extend(add_permission_edges(&mut edges, &from, &grants, &world));
            edges.into_graph(&mut graph);
        }
        let mut done: HashSet<Vertex> = HashSet::new();
        while let Some(position) = pending.pop() {
            if !done.insert(position.clone()) {
                continue;
            }
            let Vertex::Holding { role, namespace } = &position else {
                continue;
            };
            let role = role.as_ref().and_then(|key| world.role(key));
            let grant = Grant {
                rules: role.map_or(everything(), |r| r.rules.as_slice()),
                namespace: namespace.clone().filter(|ns| ns != "*"),
                cluster: namespace.is_none(),
                role,
                evidence: Vec::new(),
            };
            let mut edges = NewEdges::default();
            pending.extend(add_permission_edges(
                &mut edges,
                &position,
                &Grants(vec![grant]),
                &world,
            ));
            edges.into_graph(&mut graph);
        }
        add_fixed_edges(&mut graph, &world, &workloads);
        graph.seal();
        Self { graph, workloads }
    }
}

/// Each workload's edges, in parallel, in the order of `workloads`.
fn workload_edges(inputs: &Inputs<'_>, workloads: &BTreeMap<String, Vec<ObjectId>>) -> Vec<NewEdges> {
    let each: Vec<(&String, ObjectId)> = workloads
        .iter()
        .flat_map(|(ns, ids)| ids.iter().map(move |&id| (ns, id)))
        .collect();
    each.par_iter()
        .map(|&(ns, id)| {
            let mut edges = NewEdges::default();
            add_workload_edges(&mut edges, inputs.inventory, id, ns, &(inputs.exposures)(id));
            edges
        })
        .collect()
}

/// Every identity's permission edges. Identities with the same grants (most service accounts hold only
/// what their groups are given) open the same edges: each distinct set of grants is worked out once, in
/// parallel, and its edges are then added from every identity that holds it, in a fixed order.
struct GrantSets<'w> {
    subjects: Vec<Effective<'w>>,
    /// The set each subject holds.
    set_of: Vec<usize>,
    /// Each set's edges (from a stand-in source) and the roles it can bind to itself.
    found: Vec<(NewEdges, Vec<Vertex>)>,
}

impl<'w> GrantSets<'w> {
    fn new(world: &World<'w>) -> Self {
        let extra = world.accounts.by_namespace.iter().flat_map(|(ns, names)| {
            names
                .iter()
                .map(|n| SubjectKey::ServiceAccount(ns.clone(), n.clone()))
        });
        let subjects = everyone(world.policy, extra);
        let mut shared: HashMap<Vec<(usize, usize, usize)>, usize> = HashMap::new();
        let mut sets: Vec<Grants<'_>> = Vec::new();
        let set_of: Vec<usize> = subjects
            .iter()
            .map(|effective| {
                let grants: Vec<(&Binding, usize, &Role)> = effective
                    .grants
                    .iter()
                    .map(|&(binding, role)| {
                        let ns = binding.namespace.as_deref().unwrap_or("");
                        let subject = applies_to(&effective.user, &binding.subjects, ns).unwrap_or(0);
                        (binding, subject, role)
                    })
                    .collect();
                let key = grants
                    .iter()
                    .map(|&(b, s, r)| (std::ptr::from_ref(b) as usize, s, std::ptr::from_ref(r) as usize))
                    .collect();
                *shared.entry(key).or_insert_with(|| {
                    sets.push(Grants(
                        grants.iter().map(|&(b, s, r)| Grant::of(b, s, r)).collect(),
                    ));
                    sets.len() - 1
                })
            })
            .collect();
        let found = sets
            .par_iter()
            .map(|grants| {
                let mut edges = NewEdges::default();
                let gained = add_permission_edges(&mut edges, &Vertex::Internet, grants, world);
                (edges, gained)
            })
            .collect();
        Self {
            subjects,
            set_of,
            found,
        }
    }

    /// Adds the edges from every holder; returns the roles they can bind to themselves.
    fn add_edges(&self, graph: &mut Graph) -> Vec<Vertex> {
        let mut pending: Vec<Vertex> = Vec::new();
        // The vertex each set's edges lead to, numbered when its first holder is added.
        let mut ends: Vec<Option<Vec<u32>>> = vec![None; self.found.len()];
        for (effective, &set) in self.subjects.iter().zip(&self.set_of) {
            let (edges, gained) = &self.found[set];
            pending.extend(gained.iter().cloned());
            if edges.0.is_empty() {
                continue;
            }
            let from = graph.vertex(Vertex::Identity(effective.subject.clone()));
            let to = ends[set].get_or_insert_with(|| {
                edges
                    .0
                    .iter()
                    .map(|(_, _, to, _)| graph.vertex(to.clone()))
                    .collect()
            });
            for ((kind, _, _, evidence), &to) in edges.0.iter().zip(to.iter()) {
                graph.edge_between(*kind, from, to, evidence);
            }
        }
        pending
    }
}

/// The members of every hub an edge leads to, and what a node and cluster-admin power reach.
fn add_fixed_edges(graph: &mut Graph, world: &World<'_>, workloads: &BTreeMap<String, Vec<ObjectId>>) {
    let member = fact("one of them");
    let node_pods = fact(
        "any pod may be scheduled on the node an attacker holds (the inputs do not say where pods run): \
its containers and tokens are the node's",
    );
    graph.edge(
        EdgeKind::NodePods,
        Vertex::Node,
        Vertex::WorkloadsOf(None),
        &node_pods,
    );
    if world.groups.contains("system:nodes") {
        let kubelet = fact("the kubelet's credentials are in group system:nodes");
        let to = Vertex::Identity(SubjectKey::Group("system:nodes".into()));
        graph.edge(EdgeKind::KubeletCredentials, Vertex::Node, to, &kubelet);
    }
    let all = fact("cluster-admin power does anything");
    graph.edge(EdgeKind::Everything, Vertex::ClusterAdmin, Vertex::Node, &all);
    graph.edge(
        EdgeKind::Everything,
        Vertex::ClusterAdmin,
        Vertex::Secrets(None),
        &all,
    );
    let hubs: Vec<Vertex> = graph.vertices.iter().filter(|v| v.is_hub()).cloned().collect();
    let any_account = hubs.contains(&Vertex::AccountsOf(None));
    let any_workload = hubs.contains(&Vertex::WorkloadsOf(None));
    for ns in world.namespaces.keys() {
        let accounts = Vertex::AccountsOf(Some(ns.clone()));
        if any_account {
            graph.edge(
                EdgeKind::Member,
                Vertex::AccountsOf(None),
                accounts.clone(),
                &member,
            );
        }
        if any_account || hubs.contains(&accounts) {
            let names = world.accounts.by_namespace.get(ns).into_iter().flatten();
            for name in names.chain(std::iter::once(&"default".to_owned())) {
                let sa = Vertex::Identity(SubjectKey::ServiceAccount(ns.clone(), name.clone()));
                graph.edge(EdgeKind::Member, accounts.clone(), sa, &member);
            }
        }
        let in_ns = Vertex::WorkloadsOf(Some(ns.clone()));
        if any_workload || hubs.contains(&in_ns) {
            if any_workload {
                graph.edge(
                    EdgeKind::Member,
                    Vertex::WorkloadsOf(None),
                    in_ns.clone(),
                    &member,
                );
            }
            for &id in workloads.get(ns).into_iter().flatten() {
                graph.edge(EdgeKind::Member, in_ns.clone(), Vertex::Workload(id), &member);
            }
        }
    }
}
