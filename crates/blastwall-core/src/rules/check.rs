//! What a per-object check sees and how it reports.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::analysis::controlplane::ComponentFlags;
use crate::analysis::netpol::{self, Network};
use crate::analysis::pss::Version;
use crate::analysis::rbac::{accounts_of, policy_of, Accounts, EscalationGraph, KubeVersion, Policy};
use crate::finding::{Finding, Location};
use crate::model::{FieldPath, Inventory, Object, ObjectId, PodSpec};

use super::Rule;

/// Cross-object analyses, computed at most once per run, on first use by a rule.
#[derive(Debug, Default)]
pub struct Shared {
    default_rbac: Option<KubeVersion>,
    rbac: OnceLock<Policy>,
    accounts: OnceLock<Accounts>,
    escalation: OnceLock<EscalationGraph>,
    network: OnceLock<(Network, Vec<netpol::Problem>)>,
    exposures: OnceLock<Exposures>,
    memo: Mutex<Memo>,
}

impl Shared {
    /// Analyses of a run whose RBAC policy includes the built-in roles and bindings of `default_rbac`.
    #[must_use]
    pub fn new(default_rbac: Option<KubeVersion>) -> Self {
        Self {
            default_rbac,
            ..Self::default()
        }
    }

    /// Builds the escalation graph before the rules run, so that every worker helps build it instead of
    /// waiting for the one that needed it first.
    pub fn prepare_escalation(&self, inventory: &Inventory) {
        self.escalation(inventory);
    }

    fn rbac<'s>(&'s self, inventory: &Inventory) -> &'s Policy {
        self.rbac.get_or_init(|| policy_of(inventory, self.default_rbac))
    }

    fn accounts<'s>(&'s self, inventory: &Inventory) -> &'s Accounts {
        self.accounts
            .get_or_init(|| accounts_of(inventory, self.rbac(inventory)))
    }

    fn escalation<'s>(&'s self, inventory: &Inventory) -> &'s EscalationGraph {
        self.escalation
            .get_or_init(|| EscalationGraph::build(self.rbac(inventory), self.accounts(inventory)))
    }
}

/// Every way in from outside, and which of them reach the pods of each object.
#[derive(Debug, Default)]
struct Exposures {
    all: Vec<netpol::Exposure>,
    by_object: HashMap<ObjectId, Vec<usize>>,
}

/// Values computed once per (rule code, key).
type Memo = HashMap<(&'static str, String), Arc<Vec<String>>>;

/// One rule looking at one object.
pub struct Check<'a> {
    /// The object.
    pub object: &'a Object,
    /// Its id.
    pub id: ObjectId,
    /// Everything else read in this run, for rules that look across objects.
    pub inventory: &'a Inventory,
    /// The Pod Security policy version that PSS-derived rules apply.
    pub pss_version: Version,
    /// The object's pod specs (none for objects that make no pods), found once for every rule.
    pub pods: &'a [PodSpec<'a>],
    /// The control-plane components the object runs or configures, found once for every rule.
    pub components: &'a [ComponentFlags],
    shared: &'a Shared,
    rule: &'static Rule,
    out: &'a mut Vec<Finding>,
}

impl<'a> Check<'a> {
    /// A check of `rule` on `object` that appends to `out`.
    pub fn new(
        rule: &'static Rule,
        inventory: &'a Inventory,
        id: ObjectId,
        pss_version: Version,
        pods: &'a [PodSpec<'a>],
        shared: &'a Shared,
        out: &'a mut Vec<Finding>,
    ) -> Self {
        Self {
            object: inventory.object(id),
            id,
            inventory,
            pss_version,
            pods,
            components: &[],
            shared,
            rule,
            out,
        }
    }

    /// The same check, with the control-plane components the object runs or configures.
    #[must_use]
    pub fn with_components(self, components: &'a [ComponentFlags]) -> Self {
        Self { components, ..self }
    }

    /// A value computed once per run for a rule and a key (such as a service account), then shared by every
    /// object that asks for the same key.
    pub fn memo(&self, key: String, compute: impl FnOnce() -> Vec<String>) -> Arc<Vec<String>> {
        let slot = (self.rule.code, key);
        if let Some(found) = self.shared.memo.lock().ok().and_then(|m| m.get(&slot).cloned()) {
            return found;
        }
        let value = Arc::new(compute());
        if let Ok(mut m) = self.shared.memo.lock() {
            m.insert(slot, Arc::clone(&value));
        }
        value
    }

    /// The service accounts and token Secrets of the inputs, gathered once per run.
    #[must_use]
    pub fn accounts(&self) -> &'a Accounts {
        self.shared.accounts(self.inventory)
    }

    /// Every service account's escalation moves, computed once per run.
    #[must_use]
    pub fn escalation(&self) -> &'a EscalationGraph {
        self.shared.escalation(self.inventory)
    }

    /// The RBAC policy of the inputs and the cluster's built-in roles and bindings, built once per run.
    #[must_use]
    pub fn rbac(&self) -> &'a Policy {
        self.shared.rbac(self.inventory)
    }

    /// The pods, namespaces and NetworkPolicies of the inputs, with the problems of the policies, read once
    /// per run.
    #[must_use]
    pub fn network(&self) -> &'a (Network, Vec<netpol::Problem>) {
        self.shared
            .network
            .get_or_init(|| netpol::network_of(self.inventory, false))
    }

    /// The ways in from outside the cluster that reach the pods of the checked object (all of them are
    /// found once per run).
    #[must_use]
    pub fn exposures(&self) -> Vec<&'a netpol::Exposure> {
        let found = self.shared.exposures.get_or_init(|| {
            let net = &self.network().0;
            let all = netpol::exposures(self.inventory, net);
            let mut by_object: HashMap<ObjectId, Vec<usize>> = HashMap::new();
            for (i, e) in all.iter().enumerate() {
                if let Some(object) = net.pods[e.pod].object {
                    by_object.entry(object).or_default().push(i);
                }
            }
            Exposures { all, by_object }
        });
        found
            .by_object
            .get(&self.id)
            .into_iter()
            .flatten()
            .map(|&i| &found.all[i])
            .collect()
    }

    /// Reports the field at `path`, with the rule's own help.
    pub fn report(&mut self, path: FieldPath, message: impl Into<String>) {
        self.report_with_help(path, message, Cow::Borrowed(self.rule.help));
    }

    /// Reports the field at `path` with a help line specific to this finding.
    pub fn report_with_help(
        &mut self,
        path: FieldPath,
        message: impl Into<String>,
        help: impl Into<Cow<'static, str>>,
    ) {
        let span = path.locate(&self.object.root);
        self.out.push(Finding {
            rule: self.rule,
            severity: self.rule.severity,
            object: Some(self.id),
            location: Some(Location {
                source: self.object.source,
                span,
            }),
            path,
            message: message.into(),
            help: help.into(),
            suppressed: None,
            responsibility: self.rule.responsibility,
        });
    }
}
