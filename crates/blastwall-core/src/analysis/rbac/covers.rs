//! `Covers(owner, servant)`: whether one set of rules includes every permission of another, as the API
//! server checks before letting someone create a role or binding (privilege-escalation prevention).

use super::types::PolicyRule;

/// Whether `owner` covers every permission in `servant`, and the atomic servant rules it does not.
#[must_use]
pub fn covers(owner: &[PolicyRule], servant: &[PolicyRule]) -> (bool, Vec<PolicyRule>) {
    let uncovered: Vec<PolicyRule> = servant
        .iter()
        .flat_map(breakdown)
        .filter(|sub| !owner.iter().any(|o| rule_covers(o, sub)))
        .collect();
    (uncovered.is_empty(), uncovered)
}

/// `equal`, or `owner` ending in `*` and `requested` starting with what comes before the stars.
#[must_use]
pub fn non_resource_url_covers(owner: &str, requested: &str) -> bool {
    owner == requested || (owner.ends_with('*') && requested.starts_with(owner.trim_end_matches('*')))
}

/// One rule per (apiGroup, resource, verb, resourceName) or (nonResourceURL, verb).
fn breakdown(rule: &PolicyRule) -> Vec<PolicyRule> {
    let one = |s: &String| vec![s.clone()];
    let mut out = Vec::new();
    for group in &rule.api_groups {
        for resource in &rule.resources {
            for verb in &rule.verbs {
                if rule.resource_names.is_empty() {
                    out.push(PolicyRule {
                        api_groups: one(group),
                        resources: one(resource),
                        verbs: one(verb),
                        ..Default::default()
                    });
                }
                for name in &rule.resource_names {
                    out.push(PolicyRule {
                        api_groups: one(group),
                        resources: one(resource),
                        verbs: one(verb),
                        resource_names: one(name),
                        ..Default::default()
                    });
                }
            }
        }
    }
    for url in &rule.non_resource_urls {
        for verb in &rule.verbs {
            out.push(PolicyRule {
                non_resource_urls: one(url),
                verbs: one(verb),
                ..Default::default()
            });
        }
    }
    out
}

fn has(list: &[String], value: &str) -> bool {
    list.iter().any(|x| x == "*" || x == value)
}

/// Whether one owner rule covers one atomic servant rule.
fn rule_covers(owner: &PolicyRule, sub: &PolicyRule) -> bool {
    let all_verbs = sub.verbs.iter().all(|v| has(&owner.verbs, v));
    if !sub.non_resource_urls.is_empty() {
        return all_verbs
            && sub.non_resource_urls.iter().all(|u| {
                owner
                    .non_resource_urls
                    .iter()
                    .any(|o| non_resource_url_covers(o, u))
            });
    }
    let groups = sub.api_groups.iter().all(|g| has(&owner.api_groups, g));
    let resources = sub.resources.iter().all(|r| {
        has(&owner.resources, r)
            || r.split_once('/')
                .is_some_and(|(_, s)| owner.resources.iter().any(|o| o.strip_prefix("*/") == Some(s)))
    });
    let names = if sub.resource_names.is_empty() {
        owner.resource_names.is_empty()
    } else {
        owner.resource_names.is_empty()
            || sub
                .resource_names
                .iter()
                .all(|n| owner.resource_names.contains(n))
    };
    all_verbs && groups && resources && names
}
