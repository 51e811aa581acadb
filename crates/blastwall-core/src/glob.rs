//! Shell-style patterns for names and paths: `*` within a segment, `**` across segments, `?` one character.

/// True when `text` matches `pattern`.
#[must_use]
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    matches(&p, &t)
}

fn matches(p: &[char], t: &[char]) -> bool {
    // Iterative matching with back-tracking points for `*` and `**`, linear in practice.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize, bool)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            let double = p.get(pi + 1) == Some(&'*');
            pi += if double { 2 } else { 1 };
            if double && p.get(pi) == Some(&'/') {
                // `**/` also matches nothing.
                if matches(&p[pi + 1..], &t[ti..]) {
                    return true;
                }
            }
            star = Some((pi, ti, double));
        } else if pi < p.len() && (p[pi] == '?' && t[ti] != '/' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st, double)) = star {
            if !double && t[st] == '/' {
                return false;
            }
            pi = sp;
            ti = st + 1;
            star = Some((sp, st + 1, double));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn patterns() {
        assert!(glob_match("node-*", "node-exporter"));
        assert!(!glob_match("node-*", "kube-node"));
        assert!(glob_match("*", "anything"));
        assert!(!glob_match("charts/*", "charts/a/values.yaml"));
        assert!(glob_match("charts/**", "charts/a/values.yaml"));
        assert!(glob_match("**/values.yaml", "values.yaml"));
        assert!(glob_match("**/values.yaml", "charts/a/values.yaml"));
        assert!(glob_match("v?", "v1"));
        assert!(glob_match("exact", "exact"));
        assert!(!glob_match("exact", "exactly"));
    }
}
