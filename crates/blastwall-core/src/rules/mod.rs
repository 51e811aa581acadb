//! The rule registry: every rule's metadata and check, one file per rule, one folder per category.

pub mod attack;
pub mod check;
pub mod controlplane;
pub mod meta;
pub mod namespace;
pub mod network;
pub mod pod;
pub mod rbac;
pub mod workload;

pub use crate::rule::{Category, Docs, Rule};
pub use check::Check;
pub use check::Scope;
pub(crate) use check::{CheckFn, Registered};

/// Every rule with its check, ordered by code (gathered once: an admission webhook runs thousands of times a
/// second).
#[must_use]
pub(crate) fn registered() -> &'static [Registered] {
    static RULES: std::sync::OnceLock<Vec<Registered>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules: Vec<Registered> = meta::RULES
            .iter()
            .chain(pod::RULES)
            .chain(namespace::RULES)
            .chain(workload::RULES)
            .chain(rbac::RULES)
            .chain(network::RULES)
            .chain(controlplane::RULES)
            .chain(attack::RULES)
            .copied()
            .collect();
        rules.sort_by_key(|r| r.rule.code);
        rules
    })
}

/// Every rule's metadata, ordered by code.
#[must_use]
pub fn all() -> Vec<&'static Rule> {
    registered().iter().map(|r| r.rule).collect()
}

/// What the verdict of a rule on an object depends on.
#[must_use]
pub fn scope(rule: &Rule) -> Scope {
    registered()
        .iter()
        .find(|r| r.rule.code == rule.code)
        .map_or(Scope::Object, |r| r.scope)
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
