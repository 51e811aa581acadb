//! The rule registry: every rule's metadata and check, one file per rule, one folder per category.

pub mod check;
pub mod controlplane;
pub mod docs;
pub mod meta;
pub mod namespace;
pub mod network;
pub mod pod;
pub mod rbac;
pub mod workload;

pub use check::{Check, Shared};

use crate::finding::{Responsibility, Severity};

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

/// A rule: metadata as data, and the check that runs on each object (none for rules that the loader or
/// the suppression pass report).
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
    /// The per-object check.
    pub check: Option<fn(&mut Check<'_>)>,
}

/// Every rule, ordered by code.
#[must_use]
pub fn all() -> Vec<&'static Rule> {
    let mut rules: Vec<&'static Rule> = meta::RULES
        .iter()
        .chain(pod::RULES)
        .chain(namespace::RULES)
        .chain(workload::RULES)
        .chain(rbac::RULES)
        .chain(network::RULES)
        .chain(controlplane::RULES)
        .copied()
        .collect();
    rules.sort_by_key(|r| r.code);
    rules
}

/// A rule by name or code.
#[must_use]
pub fn find(name_or_code: &str) -> Option<&'static Rule> {
    all()
        .into_iter()
        .find(|r| r.name == name_or_code || r.code.eq_ignore_ascii_case(name_or_code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::pss::{Level, CHECKS};
    use std::collections::HashSet;

    #[test]
    fn every_pod_security_check_maps_to_a_rule_and_every_tag_to_a_check() {
        let tags: Vec<&str> = all().iter().flat_map(|r| r.standards.iter().copied()).collect();
        for check in CHECKS {
            let tag = format!("pss:{}:{}", check.level, check.id);
            assert!(tags.contains(&tag.as_str()), "no rule is tagged {tag}");
        }
        for tag in tags
            .iter()
            .filter(|t| t.starts_with("pss:") && t.matches(':').count() == 2)
        {
            let mut parts = tag.split(':').skip(1);
            let (level, id) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let level: Level = level.parse().expect("a level");
            assert!(
                CHECKS.iter().any(|c| c.id == id && c.level == level),
                "{tag} names no check"
            );
        }
    }

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let rules = all();
        let codes: HashSet<_> = rules.iter().map(|r| r.code).collect();
        let names: HashSet<_> = rules.iter().map(|r| r.name).collect();
        assert_eq!(codes.len(), rules.len());
        assert_eq!(names.len(), rules.len());
        for r in &rules {
            assert!(
                r.code.len() == 5
                    && r.code.starts_with("BW")
                    && r.code[2..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                r.code
            );
            assert!(
                r.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                r.name
            );
            assert!(
                !r.summary.is_empty() && !r.help.is_empty() && !r.docs.why.is_empty(),
                "{}",
                r.name
            );
            assert!(
                !r.docs.example.is_empty() && !r.docs.references.is_empty(),
                "{}",
                r.name
            );
            for s in r.standards {
                let family = s.split(':').next().unwrap_or("");
                assert!(
                    ["pss", "cis", "nsa", "mitre", "cve"].contains(&family),
                    "{}: {s}",
                    r.name
                );
            }
        }
    }
}
