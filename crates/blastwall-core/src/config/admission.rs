//! The `admission:` section of `.blastwall.yaml`: what `blastwall serve` never judges, written like the
//! exemptions of Pod Security Admission's own configuration.

use crate::source::{Node, Span};

use super::{strings, unknown_key};

/// Requests the admission webhook admits without judging them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exemptions {
    /// Namespaces whose objects are never judged.
    pub namespaces: Vec<String>,
    /// Authenticated users (as the API server names them) whose requests are never judged.
    pub usernames: Vec<String>,
    /// Runtime classes whose pods are never judged.
    pub runtime_classes: Vec<String>,
}

const ADMISSION_KEYS: [&str; 1] = ["exemptions"];
const EXEMPTION_KEYS: [&str; 3] = ["namespaces", "usernames", "runtimeClasses"];

/// Reads `admission:`; every problem goes to `error`.
pub(super) fn exemptions(node: &Node, error: &mut impl FnMut(Span, String)) -> Exemptions {
    let mut out = Exemptions::default();
    let Some(map) = node.as_map() else {
        error(
            node.span,
            "`admission` must be a mapping with `exemptions:`".into(),
        );
        return out;
    };
    for (key, value) in map.iter() {
        if key.text.as_str() != "exemptions" {
            error(key.span, unknown_key(&key.text, &ADMISSION_KEYS));
            continue;
        }
        let Some(lists) = value.as_map() else {
            error(
                value.span,
                "`exemptions` must map namespaces, usernames or runtimeClasses to lists".into(),
            );
            continue;
        };
        for (kind, names) in lists.iter() {
            let names = strings(names, error).into_iter().map(|s| s.value);
            match kind.text.as_str() {
                "namespaces" => out.namespaces.extend(names),
                "usernames" => out.usernames.extend(names),
                "runtimeClasses" => out.runtime_classes.extend(names),
                other => error(kind.span, unknown_key(other, &EXEMPTION_KEYS)),
            }
        }
    }
    out
}
