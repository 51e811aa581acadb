//! Aggregated ClusterRoles: the rules of every ClusterRole that a role's selectors pick, as the
//! aggregation controller computes them.

use super::types::{PolicyRule, Role};

/// Recomputes the rules of every aggregated ClusterRole: for each selector in order, the matching
/// ClusterRoles sorted by name (itself excluded), their rules appended unless an equal rule is already
/// there; hand-written rules are replaced. Repeated until nothing changes (aggregated roles can feed
/// others), with a bound that stops cycles.
pub fn aggregate(roles: &mut [Role]) {
    // Labels do not change while rules are gathered: each selector's members are found once.
    let plan: Vec<(usize, Vec<Vec<usize>>)> = (0..roles.len())
        .filter(|&i| roles[i].namespace.is_none())
        .filter_map(|i| {
            let selectors = roles[i].aggregation.as_ref()?;
            let members = selectors
                .iter()
                .map(|selector| {
                    let mut matching: Vec<usize> = (0..roles.len())
                        .filter(|&j| j != i && roles[j].namespace.is_none())
                        .filter(|&j| {
                            selector.matches_with(|key| roles[j].labels.get(key).map(String::as_str))
                        })
                        .collect();
                    matching.sort_by(|&a, &b| roles[a].name.cmp(&roles[b].name));
                    matching
                })
                .collect();
            Some((i, members))
        })
        .collect();
    for _ in 0..=roles.len() {
        let mut changed = false;
        for (i, members) in &plan {
            let mut gathered: Vec<PolicyRule> = Vec::new();
            for rule in members.iter().flatten().flat_map(|&j| roles[j].rules.iter()) {
                if !gathered.contains(rule) {
                    gathered.push(rule.clone());
                }
            }
            if gathered != roles[*i].rules {
                roles[*i].rules = gathered;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}
