//! Kubernetes label selectors: `matchLabels` and `matchExpressions` (`In`, `NotIn`, `Exists`,
//! `DoesNotExist`), and the plain map selectors of Services. An empty selector matches everything; an
//! absent one is for the caller to interpret (it means "nothing" for some kinds and "everything" for others).

use std::collections::BTreeMap;

use super::path::FieldPath;
use super::syntax::{label_value_error, qualified_name_error};
use crate::source::Node;

/// A parsed `LabelSelector`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabelSelector {
    labels: BTreeMap<String, String>,
    expressions: Vec<Requirement>,
    /// Set when the selector could not be read: it then matches nothing, as the API server would refuse it.
    pub invalid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Requirement {
    key: String,
    operator: String,
    values: Vec<String>,
}

impl LabelSelector {
    /// A selector of `matchLabels` only.
    #[must_use]
    pub(crate) fn with_labels(labels: BTreeMap<String, String>) -> Self {
        Self {
            labels,
            ..Self::default()
        }
    }

    /// A `LabelSelector` object (`matchLabels`, `matchExpressions`).
    #[must_use]
    pub fn from_node(node: &Node) -> Self {
        let mut selector = Self::default();
        if let Some(m) = node.get("matchLabels").and_then(Node::as_map) {
            selector.labels = string_map(m.iter(), &mut selector.invalid);
        }
        for e in node
            .get("matchExpressions")
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            let key = e.get("key").and_then(Node::as_str).unwrap_or("").to_owned();
            let operator = e.get("operator").and_then(Node::as_str).unwrap_or("").to_owned();
            let values: Vec<String> = e
                .get("values")
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            let valid = match operator.as_str() {
                "In" | "NotIn" => !values.is_empty(),
                "Exists" | "DoesNotExist" => values.is_empty(),
                _ => false,
            };
            if !valid || key.is_empty() {
                selector.invalid = Some(format!(
                    "invalid matchExpressions entry for key `{key}` ({operator})"
                ));
            }
            selector.expressions.push(Requirement {
                key,
                operator,
                values,
            });
        }
        selector
    }

    /// True when the selector selects nothing in particular (matches every label set).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.expressions.is_empty() && self.invalid.is_none()
    }

    /// Whether `labels` satisfy every requirement.
    #[must_use]
    pub fn matches(&self, labels: &BTreeMap<&str, &str>) -> bool {
        self.matches_with(|key| labels.get(key).copied())
    }

    /// True when the labels that `get` looks up match; for label maps of any form, without copying them.
    #[must_use]
    pub(crate) fn matches_with<'v>(&self, get: impl Fn(&str) -> Option<&'v str>) -> bool {
        if self.invalid.is_some() {
            return false;
        }
        self.labels
            .iter()
            .all(|(k, v)| get(k.as_str()) == Some(v.as_str()))
            && self.expressions.iter().all(|r| {
                let value = get(r.key.as_str());
                match r.operator.as_str() {
                    "In" => value.is_some_and(|v| r.values.iter().any(|x| x == v)),
                    "NotIn" => value.is_none_or(|v| !r.values.iter().any(|x| x == v)),
                    "Exists" => value.is_some(),
                    "DoesNotExist" => value.is_none(),
                    _ => false,
                }
            })
    }
}

fn string_map<'a>(
    entries: impl Iterator<Item = (&'a crate::source::Key, &'a Node)>,
    invalid: &mut Option<String>,
) -> BTreeMap<String, String> {
    entries
        .filter_map(|(k, v)| {
            let value = v.as_str();
            if value.is_none() {
                *invalid = Some(format!("label `{}` must have a string value", k.text));
            }
            Some((k.text.to_string(), value?.to_owned()))
        })
        .collect()
}

/// The labels of a pod template (or a Pod's own).
#[must_use]
pub(crate) fn labels_of(metadata: Option<&Node>) -> BTreeMap<&str, &str> {
    metadata
        .and_then(|m| m.get("labels"))
        .and_then(Node::as_map)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.text.as_str(), v.as_str()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// Why the API server refuses a `LabelSelector` at `path`, for each reason: label keys that are not
/// qualified names, label values that are not label values, `In`/`NotIn` without values, `Exists`/
/// `DoesNotExist` with values, unknown operators.
#[must_use]
pub(crate) fn selector_problems(node: &Node, path: &FieldPath) -> Vec<(FieldPath, String)> {
    let mut out = Vec::new();
    let labels = path.key("matchLabels");
    for (key, value) in node
        .get("matchLabels")
        .and_then(Node::as_map)
        .into_iter()
        .flat_map(crate::source::Map::iter)
    {
        if let Some(e) = qualified_name_error(&key.text) {
            out.push((labels.key(&key.text), format!("label key `{}`: {e}", key.text)));
        }
        if let Some(e) = value.as_str().and_then(label_value_error) {
            out.push((
                labels.key(&key.text),
                format!("label value of `{}`: {e}", key.text),
            ));
        }
    }
    let expressions = node
        .get("matchExpressions")
        .and_then(Node::as_seq)
        .unwrap_or_default();
    for (i, e) in expressions.iter().enumerate() {
        let at = path.key("matchExpressions").index(i);
        let key = e.get("key").and_then(Node::as_str).unwrap_or("");
        let values = e.get("values").and_then(Node::as_seq).unwrap_or_default();
        match e.get("operator").and_then(Node::as_str).unwrap_or("") {
            "In" | "NotIn" if values.is_empty() => {
                out.push((
                    at.key("values"),
                    "values must be given when the operator is In or NotIn".into(),
                ));
            }
            "Exists" | "DoesNotExist" if !values.is_empty() => out.push((
                at.key("values"),
                "values must not be given when the operator is Exists or DoesNotExist".into(),
            )),
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => out.push((
                at.key("operator"),
                format!("`{other}` is not a selector operator (In, NotIn, Exists, DoesNotExist)"),
            )),
        }
        if let Some(problem) = qualified_name_error(key) {
            out.push((at.key("key"), format!("label key `{key}`: {problem}")));
        }
        for (k, value) in values.iter().enumerate() {
            if let Some(problem) = value.as_str().and_then(label_value_error) {
                out.push((at.key("values").index(k), problem));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::build::{parse_chunk, Outcome};

    fn node(text: &str) -> Node {
        match parse_chunk(text, 0).outcome {
            Outcome::Value(n) => n,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn match_labels_and_expressions() {
        let s = LabelSelector::from_node(&node(
            "matchLabels: {app: web}\nmatchExpressions:\n- {key: tier, operator: In, values: [front, edge]}\n\
             - {key: canary, operator: DoesNotExist}\n- {key: env, operator: NotIn, values: [dev]}\n",
        ));
        let labels =
            |pairs: &[(&'static str, &'static str)]| pairs.iter().copied().collect::<BTreeMap<_, _>>();
        assert!(s.matches(&labels(&[("app", "web"), ("tier", "edge")])));
        assert!(!s.matches(&labels(&[("app", "web"), ("tier", "back")])));
        assert!(!s.matches(&labels(&[("app", "web"), ("tier", "edge"), ("canary", "yes")])));
        assert!(!s.matches(&labels(&[("app", "web"), ("tier", "edge"), ("env", "dev")])));
        assert!(s.matches(&labels(&[("app", "web"), ("tier", "edge"), ("env", "prod")])));
    }

    #[test]
    fn empty_matches_everything_and_invalid_matches_nothing() {
        let empty = LabelSelector::from_node(&node("{}"));
        assert!(empty.is_empty() && empty.matches(&BTreeMap::new()));
        let bad = LabelSelector::from_node(&node("matchExpressions: [{key: a, operator: In, values: []}]"));
        assert!(bad.invalid.is_some() && !bad.matches(&BTreeMap::from([("a", "x")])));
        let service = LabelSelector::with_labels(BTreeMap::from([("app".to_owned(), "web".to_owned())]));
        assert!(service.matches(&BTreeMap::from([("app", "web"), ("x", "y")])));
    }
}
