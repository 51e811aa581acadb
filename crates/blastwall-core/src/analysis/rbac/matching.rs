//! `RuleAllows`: whether one policy rule grants one request.

use super::types::{PolicyRule, Request};

/// True when `rule` grants `request`.
#[must_use]
pub fn rule_allows(rule: &PolicyRule, request: &Request) -> bool {
    match request {
        Request::Resource {
            verb,
            api_group,
            resource,
            subresource,
            name,
            ..
        } => {
            verb_matches(rule, verb)
                && any_or_equal(&rule.api_groups, api_group)
                && resource_matches(rule, resource, subresource)
                && (rule.resource_names.is_empty() || rule.resource_names.iter().any(|n| n == name))
        }
        Request::NonResource { verb, path } => {
            verb_matches(rule, verb) && non_resource_url_matches(rule, path)
        }
    }
}

fn any_or_equal(list: &[String], value: &str) -> bool {
    list.iter().any(|x| x == "*" || x == value)
}

fn verb_matches(rule: &PolicyRule, verb: &str) -> bool {
    any_or_equal(&rule.verbs, verb)
}

/// `*` matches everything; `r/s` only that subresource; `*/s` subresource `s` of any resource.
fn resource_matches(rule: &PolicyRule, resource: &str, subresource: &str) -> bool {
    rule.resources.iter().any(|r| {
        if r == "*" {
            return true;
        }
        if subresource.is_empty() {
            return r == resource;
        }
        // `resource/subresource`, compared piece by piece rather than built for every check.
        r.split_once('/')
            .is_some_and(|(res, sub)| sub == subresource && (res == resource || res == "*"))
    })
}

/// `*`, exact, or a trailing `*` meaning "this prefix".
fn non_resource_url_matches(rule: &PolicyRule, path: &str) -> bool {
    rule.non_resource_urls
        .iter()
        .any(|u| u == "*" || u == path || (u.ends_with('*') && path.starts_with(u.trim_end_matches('*'))))
}
