//! Rule metadata and the words every finding is told in: severity, responsibility, category and the fixed
//! documentation sections. A bottom module: it imports nothing of the crate, so findings, rules, settings
//! and renderers all point at it without a circle.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::value_error::ValueError;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Hygiene.
    Low,
    /// Weakens isolation.
    Medium,
    /// Opens a path out of the container or across the cluster.
    High,
    /// Gives away a node or the cluster.
    Critical,
}

impl Severity {
    /// All severities, lowest first.
    pub(crate) const ALL: [Severity; 5] = [Self::Info, Self::Low, Self::Medium, Self::High, Self::Critical];

    /// The lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| ValueError::Unknown {
                what: "severity",
                value: s.to_owned(),
                expected: "info, low, medium, high or critical",
            })
    }
}

/// Who is expected to fix a finding, in the shared responsibility model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Responsibility {
    /// The application team: workloads, RBAC grants, policies, exposure.
    User,
    /// Whoever runs the control plane and nodes (the team itself on a self-managed cluster).
    Platform,
}

impl Responsibility {
    /// The lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Platform => "platform",
        }
    }
}

/// The area a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Problems with the input itself and with suppressions.
    Meta,
    /// Pods and containers: privileges, host access, isolation.
    Pod,
    /// Namespaces and their Pod Security Admission labels.
    Namespace,
    /// Workload hygiene: resources, probes, availability, images, service accounts.
    Workload,
    /// RBAC roles and bindings.
    Rbac,
    /// NetworkPolicies: isolation, reachability and what policies really allow.
    Network,
    /// The control plane's and the kubelet's configuration, and kubeconfig files.
    ControlPlane,
    /// Attack paths: how far one compromise reaches across network, RBAC, Pod Security and the node.
    AttackPath,
}

impl Category {
    /// The kebab-case name used in configuration and output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Meta => "meta",
            Self::Pod => "pod",
            Self::Namespace => "namespace",
            Self::Workload => "workload",
            Self::Rbac => "rbac",
            Self::Network => "network",
            Self::ControlPlane => "control-plane",
            Self::AttackPath => "attack-path",
        }
    }
}

/// The fixed sections of a rule's documentation.
#[derive(Debug)]
pub struct Docs {
    /// What it does.
    pub what: &'static str,
    /// Why is this bad?
    pub why: &'static str,
    /// Example: a manifest that triggers the rule.
    pub example: &'static str,
    /// Remediation.
    pub remediation: &'static str,
    /// References (URLs).
    pub references: &'static [&'static str],
}

/// A rule's metadata: what it finds, how bad it is, whose job it is and its documentation. The check that
/// runs on each object is registered beside it in `rules/`.
#[derive(Debug)]
pub struct Rule {
    /// `BW` and three digits, stable forever.
    pub code: &'static str,
    /// Kebab-case name of the bad pattern.
    pub name: &'static str,
    /// Its area.
    pub category: Category,
    /// Default severity.
    pub severity: Severity,
    /// Who fixes it.
    pub responsibility: Responsibility,
    /// Standards it maps to: `pss:baseline:privileged`, `cis:5.2.1`, `nsa:...`, `mitre:T1611`, `cve:CVE-2020-8554`.
    pub standards: &'static [&'static str],
    /// One line saying what it finds.
    pub summary: &'static str,
    /// One line saying what to do, shown under each finding.
    pub help: &'static str,
    /// Full documentation.
    pub docs: Docs,
    /// Off unless selected by name or code: checks that teams disagree about.
    pub optional: bool,
}
