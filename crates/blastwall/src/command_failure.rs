//! The reason a rendering command (`helm template`, `kubectl kustomize`) gives when it fails, out of its
//! standard error: deprecation warnings skipped, klog's line header (`E1206 05:26:50.891701 1310
//! run.go:72]`, which changes on every run) and the `"command failed" err=` wrapper taken off, so that the
//! same failure reads the same each time.

/// The first reason in `stderr`, in one line.
pub fn reason(stderr: &str) -> String {
    let mut lines = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("# Warning:") && !l.starts_with("WARNING:"));
    let Some(first) = lines.next() else {
        return "no reason given".into();
    };
    let first = without_klog_header(first);
    match first.strip_prefix("\"command failed\" err=") {
        // klog writes a multi-line value between `<` and `>` lines.
        Some("<") => lines.take_while(|l| *l != ">").collect::<Vec<_>>().join(" "),
        Some(quoted) => serde_json::from_str::<String>(quoted).unwrap_or_else(|_| quoted.to_owned()),
        None => first.strip_prefix("Error: ").unwrap_or(first).to_owned(),
    }
}

/// `line` without a klog header: a severity letter, `MMDD hh:mm:ss.micros`, a thread id and `file:line]`.
fn without_klog_header(line: &str) -> &str {
    let mut chars = line.chars();
    let klog = matches!(chars.next(), Some('I' | 'W' | 'E' | 'F'))
        && chars.next().is_some_and(|c| c.is_ascii_digit());
    match line.find("] ") {
        Some(end) if klog => &line[end + 2..],
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::reason;

    #[test]
    fn a_quoted_klog_error_is_its_text() {
        let stderr = "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead.\n\
            E1206 05:26:50.966619    1316 run.go:72] \"command failed\" err=\"invalid Kustomization: json: unknown field \\\"spec\\\"\"\n";
        assert_eq!(
            reason(stderr),
            "invalid Kustomization: json: unknown field \"spec\""
        );
    }

    #[test]
    fn a_multi_line_klog_error_is_joined() {
        let stderr = "E1206 05:26:50.891701    1310 run.go:72] \"command failed\" err=<\n\
            \taccumulating resources: accumulation err='from ./redis-ha':\n\
            \tno such file or directory\n >\n";
        assert_eq!(
            reason(stderr),
            "accumulating resources: accumulation err='from ./redis-ha': no such file or directory"
        );
    }

    #[test]
    fn helm_errors_lose_their_prefix_and_plain_lines_stay() {
        assert_eq!(
            reason("Error: template: web/templates/x.yaml:3: unexpected EOF\n"),
            "template: web/templates/x.yaml:3: unexpected EOF"
        );
        assert_eq!(reason("Invalid argument\n"), "Invalid argument");
        assert_eq!(reason("\n  \n"), "no reason given");
    }
}
