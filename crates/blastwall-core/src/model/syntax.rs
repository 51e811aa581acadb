//! The API server's syntax rules for names it validates in the fields blastwall reads: label keys
//! (qualified names), label values, port names (IANA service names) and port numbers. Each check returns the
//! reason a value is refused, in the API server's terms, or `None`.

/// `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`, at most 63 characters: a label value, or the name part of a
/// qualified name.
fn name_part_error(text: &str, what: &str) -> Option<String> {
    if text.len() > 63 {
        return Some(format!("{what} must be no more than 63 characters"));
    }
    let alnum = |c: char| c.is_ascii_alphanumeric();
    let ok = text.chars().all(|c| alnum(c) || matches!(c, '-' | '_' | '.'))
        && text.chars().next().is_some_and(alnum)
        && text.chars().last().is_some_and(alnum);
    (!ok).then(|| {
        format!("{what} must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")
    })
}

/// A lowercase RFC 1123 subdomain of at most 253 characters (the prefix of a qualified name, the name of most
/// objects).
#[must_use]
pub fn subdomain_error(text: &str) -> Option<String> {
    let label_ok = |label: &str| {
        let lower = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
        !label.is_empty()
            && label.chars().all(|c| lower(c) || c == '-')
            && label.chars().next().is_some_and(lower)
            && label.chars().last().is_some_and(lower)
    };
    if text.len() > 253 {
        return Some("must be no more than 253 characters".into());
    }
    (!text.split('.').all(label_ok))
        .then(|| "must be a lowercase RFC 1123 subdomain (such as example.com)".into())
}

/// Why `name` cannot be the name of an RBAC object (a path segment): `.`, `..`, or holding `/` or `%`.
#[must_use]
pub fn path_segment_error(name: &str) -> Option<String> {
    if name == "." || name == ".." {
        return Some(format!("may not be `{name}`"));
    }
    name.contains(['/', '%'])
        .then(|| "may not contain `/` or `%`".into())
}

/// Why `key` is not a qualified name (`name` or `prefix/name`), the syntax of label keys.
#[must_use]
pub fn qualified_name_error(key: &str) -> Option<String> {
    match key.split('/').collect::<Vec<_>>()[..] {
        [name] if !name.is_empty() => name_part_error(name, "a name"),
        [prefix, name] if !name.is_empty() => {
            if prefix.is_empty() {
                Some("a prefix must not be empty".into())
            } else {
                subdomain_error(prefix)
                    .map(|e| format!("a prefix {e}"))
                    .or_else(|| name_part_error(name, "a name"))
            }
        }
        [] | [_] | [_, _] => Some("a name must not be empty".into()),
        _ => Some("a qualified name must be `name` or `prefix/name`".into()),
    }
}

/// Why `value` is not a label value (empty is one).
#[must_use]
pub fn label_value_error(value: &str) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    name_part_error(value, "a label value")
}

/// Why `name` is not a port name (an IANA service name): at most 15 lowercase letters, digits and single
/// hyphens, with at least one letter, not starting or ending with a hyphen.
#[must_use]
pub fn port_name_error(name: &str) -> Option<String> {
    let reason = if name.is_empty() || name.len() > 15 {
        "must be 1-15 characters"
    } else if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        "must contain only lowercase letters, digits and '-'"
    } else if !name.chars().any(|c| c.is_ascii_lowercase()) {
        "must contain at least one letter"
    } else if name.contains("--") {
        "must not contain consecutive hyphens"
    } else if name.starts_with('-') || name.ends_with('-') {
        "must not begin or end with a hyphen"
    } else {
        return None;
    };
    Some(format!("port name `{name}` {reason}"))
}

/// Why `port` is not a port number (1-65535).
#[must_use]
pub fn port_number_error(port: i64) -> Option<String> {
    (!(1..=65535).contains(&port)).then(|| format!("port {port} must be between 1 and 65535"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_names_as_the_api_server_checks_them() {
        let cases = [
            ("app", true),
            ("app.kubernetes.io/name", true),
            ("example.com/a_b.c-d", true),
            ("A9", true),
            ("", false),
            ("/app", false),
            ("Example.com/app", false),
            ("example.com/", false),
            ("a/b/c", false),
            ("-app", false),
            ("app_", false),
            ("bad key", false),
            (&"a".repeat(63), true),
            (&"a".repeat(64), false),
        ];
        for (key, valid) in cases {
            assert_eq!(qualified_name_error(key).is_none(), valid, "{key}");
        }
    }

    #[test]
    fn label_values() {
        for (value, valid) in [
            ("", true),
            ("v1.2_3-x", true),
            ("-x", false),
            ("a b", false),
            ("x.", false),
        ] {
            assert_eq!(label_value_error(value).is_none(), valid, "{value}");
        }
    }

    #[test]
    fn port_names_and_numbers() {
        let names = [
            ("http", true),
            ("h2c-80", true),
            ("80", false),
            ("Http", false),
            ("web--ui", false),
            ("-web", false),
            ("web_ui", false),
            ("a-very-long-port-name", false),
        ];
        for (name, valid) in names {
            assert_eq!(port_name_error(name).is_none(), valid, "{name}");
        }
        for (port, valid) in [(0, false), (1, true), (65535, true), (65536, false), (-1, false)] {
            assert_eq!(port_number_error(port).is_none(), valid, "{port}");
        }
    }
}
