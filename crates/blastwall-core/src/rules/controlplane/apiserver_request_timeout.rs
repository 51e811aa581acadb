//! BW530 apiserver-request-timeout: the API server lets requests run for more than five minutes (`--request-timeout`)

use crate::analysis::controlplane::Component;

use super::flag::{at_flag, each};
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW530",
    name: "apiserver-request-timeout",
    category: Category::ControlPlane,
    severity: Severity::Low,
    responsibility: Responsibility::Platform,
    standards: &["cis:1.2.20"],
    summary: "The API server lets requests run for more than five minutes (`--request-timeout`).",
    help: "keep `--request-timeout` at its default (60s) or at most a few minutes",
    docs: Docs {
        what: "Reports kube-apiserver instances whose `--request-timeout` is longer than 5 minutes, or not a duration.",
        why: "Long timeouts let slow clients hold connections and memory on the API server, which makes it easy to exhaust.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command:\n    - kube-apiserver\n    - --request-timeout=2h\n",
        remediation: "Remove the flag (60s) or set a few minutes at most; watches are not affected by it.",
        references: &["https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/"],
    },
    optional: false,
};

/// Seconds in a Go duration such as `1h30m`, `90s` or `300ms`; `None` when it is not one.
fn seconds(text: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut number = String::new();
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let mut unit = c.to_string();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_digit() || n == '.' {
                break;
            }
            unit.push(n);
            chars.next();
        }
        let value: f64 = number.parse().ok()?;
        number.clear();
        total += value
            * match unit.as_str() {
                "h" => 3600.0,
                "m" => 60.0,
                "s" => 1.0,
                "ms" => 0.001,
                "us" | "µs" => 0.000_001,
                "ns" => 0.000_000_001,
                _ => return None,
            };
        any = true;
    }
    (any && number.is_empty()).then_some(total)
}

pub(super) fn check(c: &mut Check<'_>) {
    each(c, Component::ApiServer, |c, flags| {
        if let Some(flag) = flags.get("request-timeout") {
            match seconds(&flag.value) {
                Some(s) if s <= 300.0 => {}
                Some(_) => {
                    let message = format!(
                        "kube-apiserver lets requests run for `{}`: keep it at most 5m (default 60s)",
                        flag.value
                    );
                    at_flag(c, flag, message);
                }
                None => {
                    let message = format!(
                        "`{}` is not a duration: kube-apiserver will not start",
                        flag.value
                    );
                    at_flag(c, flag, message);
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_as_go_does() {
        assert_eq!(super::seconds("60s"), Some(60.0));
        assert_eq!(super::seconds("1h30m"), Some(5400.0));
        assert_eq!(super::seconds("300ms"), Some(0.3));
        assert_eq!(super::seconds("5"), None, "a unit is required");
        assert_eq!(super::seconds("5x"), None);
    }
}
