//! The analyses of one run: each is built at most once, on first use (or up front when the run knows a rule
//! needs it), and shared by every rule through typed accessors. Rules never build an analysis themselves.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use super::attack::{self, AttackGraph, Toward};
use super::controlplane::{component_flags, Component, ComponentFlags};
use super::netpol::{self, Exposure, Network};
use super::rbac::{accounts_of, dangerous_powers, policy_of, Accounts, KubeVersion, Policy, Power, User};
use crate::model::{Inventory, ObjectId};

/// An analysis a rule asks for; the engine builds the ones the enabled rules need before the per-object pass,
/// so that every worker helps build them instead of waiting for the first that asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Need {
    /// The RBAC policy: the inputs' roles and bindings with the built-in ones.
    Rbac,
    /// The attack graph and every vertex's shortest way to cluster-admin power.
    Attack,
    /// Pods, namespaces and NetworkPolicies.
    Network,
    /// The ways in from outside the cluster.
    Exposures,
}

/// The analyses of one run over one inventory.
#[derive(Debug)]
pub struct Analyses<'i> {
    inventory: &'i Inventory,
    default_rbac: Option<KubeVersion>,
    version: KubeVersion,
    rbac: OnceLock<Policy>,
    accounts: OnceLock<Accounts>,
    attack: OnceLock<(AttackGraph, Toward)>,
    network: OnceLock<(Network, Vec<netpol::Problem>)>,
    exposures: OnceLock<Exposures>,
    control_plane: OnceLock<Vec<(ObjectId, ComponentFlags)>>,
    powers: PerKey<(String, String), Vec<Power>>,
}

/// Every way in from outside, and which of them reach the pods of each object.
#[derive(Debug, Default)]
struct Exposures {
    all: Vec<Exposure>,
    by_object: HashMap<ObjectId, Vec<usize>>,
}

/// Answers computed once per key (a service account) and shared by every object that asks.
#[derive(Debug)]
struct PerKey<K, V>(Mutex<HashMap<K, Arc<V>>>);

impl<K: Eq + Hash, V> Default for PerKey<K, V> {
    fn default() -> Self {
        Self(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V> PerKey<K, V> {
    fn get_or_compute(&self, key: K, compute: impl FnOnce() -> V) -> Arc<V> {
        if let Some(found) = self.0.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return found;
        }
        // Computed outside the lock: two workers may both compute a key, never block each other.
        let value = Arc::new(compute());
        if let Ok(mut m) = self.0.lock() {
            m.entry(key).or_insert_with(|| Arc::clone(&value));
        }
        value
    }
}

impl<'i> Analyses<'i> {
    /// The analyses of `inventory`, whose RBAC policy includes the built-in roles and bindings of
    /// `default_rbac`.
    #[must_use]
    pub fn new(inventory: &'i Inventory, default_rbac: Option<KubeVersion>) -> Self {
        Self {
            inventory,
            default_rbac,
            version: default_rbac.unwrap_or(KubeVersion::LATEST),
            rbac: OnceLock::new(),
            accounts: OnceLock::new(),
            attack: OnceLock::new(),
            network: OnceLock::new(),
            exposures: OnceLock::new(),
            control_plane: OnceLock::new(),
            powers: PerKey::default(),
        }
    }

    /// The same analyses, for Kubernetes `version` (which decides, for example, the verb `pods/exec`
    /// needs) when the built-in RBAC policy is left out.
    #[must_use]
    pub fn with_version(self, version: KubeVersion) -> Self {
        Self { version, ..self }
    }

    /// Builds the analyses in `needs` now, in parallel, when the inventory is large enough to gain by it.
    pub(crate) fn prepare(&self, needs: &[Need]) {
        let build = |need: &Need| match need {
            Need::Rbac => {
                self.rbac();
            }
            Need::Attack => {
                self.attack();
            }
            Need::Network => {
                self.network();
            }
            Need::Exposures => {
                self.exposures.get_or_init(|| self.build_exposures());
            }
        };
        // For a few objects (an admission request) each analysis is left to be built on first use, if any
        // rule asks for it at all.
        if self.inventory.objects.len() >= 16 {
            needs.par_iter().for_each(build);
        }
    }

    /// The inventory the analyses read.
    #[must_use]
    pub fn inventory(&self) -> &'i Inventory {
        self.inventory
    }

    /// The RBAC policy of the inputs and the cluster's built-in roles and bindings.
    pub fn rbac(&self) -> &Policy {
        self.rbac
            .get_or_init(|| policy_of(self.inventory, self.default_rbac))
    }

    /// The service accounts and token Secrets of the inputs.
    pub fn accounts(&self) -> &Accounts {
        self.accounts
            .get_or_init(|| accounts_of(self.inventory, self.rbac()))
    }

    /// The attack graph, and every vertex's shortest way to cluster-admin power (without lateral network
    /// moves, which only searches from one start follow).
    pub fn attack(&self) -> &(AttackGraph, Toward) {
        self.attack.get_or_init(|| {
            let built = self.attack_graph_for(None);
            let target: Vec<u32> = built
                .graph
                .find(&attack::Vertex::ClusterAdmin)
                .into_iter()
                .collect();
            let toward = attack::toward(&built.graph, &target, attack::MAX_STEPS);
            (built, toward)
        })
    }

    /// A new attack graph, with the edges of `start` (an identity with groups of its own) when given.
    #[must_use]
    pub fn attack_graph_for(&self, start: Option<&User>) -> AttackGraph {
        let rbac = || (self.rbac(), self.accounts());
        let prepare_exposures = || {
            self.all_exposures();
        };
        let exposures = |id: ObjectId| self.exposures_of(id);
        let inputs = attack::Inputs {
            inventory: self.inventory,
            rbac: &rbac,
            prepare_exposures: &prepare_exposures,
            exposures: &exposures,
            version: self.version,
        };
        AttackGraph::build(&inputs, start)
    }

    /// The Kubernetes version the analyses assume.
    #[must_use]
    pub fn version(&self) -> KubeVersion {
        self.version
    }

    /// The pods, namespaces and NetworkPolicies of the inputs, with the problems of the policies.
    pub fn network(&self) -> &(Network, Vec<netpol::Problem>) {
        self.network
            .get_or_init(|| netpol::network_of(self.inventory, false))
    }

    /// The ways in from outside the cluster that reach the pods of `object`.
    pub(crate) fn exposures_of(&self, object: ObjectId) -> Vec<&Exposure> {
        let found = self.all_exposures();
        found
            .by_object
            .get(&object)
            .into_iter()
            .flatten()
            .map(|&i| &found.all[i])
            .collect()
    }

    fn all_exposures(&self) -> &Exposures {
        self.exposures.get_or_init(|| self.build_exposures())
    }

    fn build_exposures(&self) -> Exposures {
        let net = &self.network().0;
        let all = netpol::exposures(self.inventory, net);
        let mut by_object: HashMap<ObjectId, Vec<usize>> = HashMap::new();
        for (i, e) in all.iter().enumerate() {
            if let Some(object) = net.pods[e.pod].object {
                by_object.entry(object).or_default().push(i);
            }
        }
        Exposures { all, by_object }
    }

    /// Every control-plane component that an object of the inputs runs or configures. Built on first use
    /// only, never up front: the per-object pass finds each object's components itself, and only a rule
    /// that compares components across objects (an etcd against the API servers) needs them all.
    pub(crate) fn control_plane(&self) -> &[(ObjectId, ComponentFlags)] {
        self.control_plane.get_or_init(|| {
            let inventory = self.inventory;
            inventory
                .iter()
                .flat_map(|(id, object)| {
                    component_flags(object, &inventory.pod_specs_of(object))
                        .into_iter()
                        .map(move |flags| (id, flags))
                })
                .collect()
        })
    }

    /// The flags of every component of one kind among the inputs.
    pub(crate) fn components(&self, component: Component) -> impl Iterator<Item = &ComponentFlags> {
        self.control_plane()
            .iter()
            .map(|(_, flags)| flags)
            .filter(move |flags| flags.component == component)
    }

    /// The dangerous permissions of service account `namespace/account`, with the bindings that grant them.
    pub(crate) fn service_account_powers(&self, namespace: &str, account: &str) -> Arc<Vec<Power>> {
        self.powers
            .get_or_compute((namespace.to_owned(), account.to_owned()), || {
                dangerous_powers(self.rbac(), namespace, account)
            })
    }
}
