//! Aggregated ClusterRoles: the rules of every ClusterRole that a role's selectors pick, as the
//! aggregation controller computes them.

use super::types::{PolicyRule, Role};

/// Recomputes the rules of every aggregated ClusterRole: for each selector in order, the matching
/// ClusterRoles sorted by name (itself excluded), their rules appended unless an equal rule is already
/// there; hand-written rules are replaced. Repeated until nothing changes (aggregated roles can feed
/// others), with a bound that stops cycles.
pub fn aggregate(roles: &mut [Role]) {
    for _ in 0..=roles.len() {
        let mut changed = false;
        for i in 0..roles.len() {
            let Some(selectors) = roles[i].aggregation.clone() else {
                continue;
            };
            if roles[i].namespace.is_some() {
                continue;
            }
            let mut gathered: Vec<PolicyRule> = Vec::new();
            for selector in &selectors {
                let mut matching: Vec<&Role> = roles
                    .iter()
                    .enumerate()
                    .filter(|(j, r)| *j != i && r.namespace.is_none())
                    .filter(|(_, r)| {
                        let labels = r.labels.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                        selector.matches(&labels)
                    })
                    .map(|(_, r)| r)
                    .collect();
                matching.sort_by(|a, b| a.name.cmp(&b.name));
                for rule in matching.iter().flat_map(|r| r.rules.iter()) {
                    if !gathered.contains(rule) {
                        gathered.push(rule.clone());
                    }
                }
            }
            if gathered != roles[i].rules {
                roles[i].rules = gathered;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}
