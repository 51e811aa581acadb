//! What a per-object check sees and how it reports, and the registry entry that ties a rule's metadata
//! to its check.

use std::borrow::Cow;

use crate::analysis::analyses::{Analyses, Need};
use crate::analysis::controlplane::ComponentFlags;
use crate::analysis::netpol::{self, Network};
use crate::analysis::pss::Version;
use crate::analysis::rbac::{Accounts, Policy};
use crate::finding::{Finding, Location};
use crate::model::{FieldPath, Inventory, Object, ObjectId, PodSpec};
use crate::rule::Rule;

/// A per-object check.
pub(crate) type CheckFn = fn(&mut Check<'_>);

/// A rule of the registry: its metadata, its per-object check (none for rules that the loader or the
/// suppression pass report) and the analyses the check asks for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Registered {
    /// The metadata.
    pub rule: &'static Rule,
    /// The check.
    pub check: Option<CheckFn>,
    /// The analyses the check uses, built before the per-object pass.
    pub needs: &'static [Need],
    /// Whether the verdict on an object depends on other objects.
    pub scope: Scope,
}

/// What a rule's verdict on an object depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The object alone: an admission webhook without a view of the cluster can run it.
    Object,
    /// The object alone, assuming the widest use other objects could make of it (a ClusterRole that no
    /// binding among the inputs narrows to a namespace is judged as granted cluster-wide).
    ObjectAssumingWidestUse,
    /// Other objects too (the service account a pod runs as, the policies that select it, ...).
    AcrossObjects,
}

impl Registered {
    /// A rule with a per-object check.
    #[must_use]
    pub const fn checked(rule: &'static Rule, check: CheckFn) -> Self {
        Self {
            rule,
            check: Some(check),
            needs: &[],
            scope: Scope::Object,
        }
    }

    /// A rule that the loader or the suppression pass report.
    #[must_use]
    pub const fn reported(rule: &'static Rule) -> Self {
        Self {
            rule,
            check: None,
            needs: &[],
            scope: Scope::Object,
        }
    }

    /// The same rule, whose check uses `needs`.
    #[must_use]
    pub const fn needing(self, needs: &'static [Need]) -> Self {
        Self { needs, ..self }
    }

    /// The same rule, which judges an object alone by its widest possible use.
    #[must_use]
    pub const fn assuming_widest_use(self) -> Self {
        Self {
            scope: Scope::ObjectAssumingWidestUse,
            ..self
        }
    }

    /// The same rule, whose verdict on an object depends on other objects.
    #[must_use]
    pub const fn across_objects(self) -> Self {
        Self {
            scope: Scope::AcrossObjects,
            ..self
        }
    }
}

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
    /// The analyses of the run.
    pub analyses: &'a Analyses<'a>,
    rule: &'static Rule,
    out: &'a mut Vec<Finding>,
}

impl<'a> Check<'a> {
    /// A check of `rule` on `object` that appends to `out`.
    pub fn new(
        rule: &'static Rule,
        id: ObjectId,
        pss_version: Version,
        pods: &'a [PodSpec<'a>],
        analyses: &'a Analyses<'a>,
        out: &'a mut Vec<Finding>,
    ) -> Self {
        let inventory = analyses.inventory();
        Self {
            object: inventory.object(id),
            id,
            inventory,
            pss_version,
            pods,
            components: &[],
            analyses,
            rule,
            out,
        }
    }

    /// The same check, with the control-plane components the object runs or configures.
    #[must_use]
    pub(crate) fn with_components(self, components: &'a [ComponentFlags]) -> Self {
        Self { components, ..self }
    }

    /// The service accounts and token Secrets of the inputs.
    #[must_use]
    pub fn accounts(&self) -> &'a Accounts {
        self.analyses.accounts()
    }

    /// The RBAC policy of the inputs and the cluster's built-in roles and bindings.
    #[must_use]
    pub fn rbac(&self) -> &'a Policy {
        self.analyses.rbac()
    }

    /// The pods, namespaces and NetworkPolicies of the inputs, with the problems of the policies.
    #[must_use]
    pub fn network(&self) -> &'a (Network, Vec<netpol::Problem>) {
        self.analyses.network()
    }

    /// The ways in from outside the cluster that reach the pods of the checked object.
    #[must_use]
    pub fn exposures(&self) -> Vec<&'a netpol::Exposure> {
        self.analyses.exposures_of(self.id)
    }

    /// Reports the field at `path`, with the rule's own help.
    pub fn report(&mut self, path: FieldPath, message: impl Into<String>) {
        self.report_with_help(path, message, Cow::Borrowed(self.rule.help));
    }

    /// Reports the field at `path` with a help line specific to this finding.
    pub(crate) fn report_with_help(
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
