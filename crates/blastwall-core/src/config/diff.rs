//! The `diff:` section of `.blastwall.yaml`: the connections and permissions a change may add without
//! failing `blastwall diff`, as glob patterns over the lines the diff prints.
//!
//! ```yaml
//! diff:
//!   allow-connections: ["shop-frontend/* -> shop-backend/api[Deployment] *"]
//!   allow-permissions: ["ServiceAccount shop-backend/* *: get,list,watch configmaps*"]
//! ```

use crate::source::{Node, Span};

use super::{strings, unknown_key};

/// What a change may add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffAllow {
    /// Patterns over `SOURCE -> DESTINATION CONNECTIONS` lines.
    pub connections: Vec<String>,
    /// Patterns over `SUBJECT SCOPE: RULE` lines.
    pub permissions: Vec<String>,
}

const DIFF_KEYS: [&str; 2] = ["allow-connections", "allow-permissions"];

/// Reads `diff:`; every problem goes to `error`.
pub(super) fn diff_allow(node: &Node, error: &mut impl FnMut(Span, String)) -> DiffAllow {
    let mut out = DiffAllow::default();
    let Some(map) = node.as_map() else {
        error(
            node.span,
            "`diff` must be a mapping with `allow-connections:` or `allow-permissions:`".into(),
        );
        return out;
    };
    for (key, value) in map.iter() {
        let mut patterns = Vec::new();
        for pattern in strings(value, error) {
            match globset::Glob::new(&pattern.value) {
                Ok(_) => patterns.push(pattern.value),
                Err(e) => error(
                    pattern.span,
                    format!("`{}` is not a pattern: {}", pattern.value, e.kind()),
                ),
            }
        }
        match key.text.as_str() {
            "allow-connections" => out.connections.extend(patterns),
            "allow-permissions" => out.permissions.extend(patterns),
            other => error(key.span, unknown_key(other, &DIFF_KEYS)),
        }
    }
    out
}
