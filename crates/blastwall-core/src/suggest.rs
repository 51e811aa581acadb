//! "Did you mean": the known word closest to a mistyped one, for error messages about names (rules,
//! configuration keys, severities).

/// The candidate closest to `word` by edit distance (adjacent letters swapped count as one edit), when it
/// is close enough to be the word meant: at most one edit in four letters, and at least one.
#[must_use]
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    let allowed = (word.chars().count() / 4).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(&word, &c.to_ascii_lowercase()), c))
        .filter(|&(d, _)| d <= allowed)
        .min_by_key(|&(d, c)| (d, c.len()))
        .map(|(_, c)| c)
}

/// `; did you mean `x`?` when a candidate is close to `word`, else nothing.
#[must_use]
pub fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
}

/// The words of a list written for people: `a, b, c or d`.
pub fn words_of(list: &str) -> impl Iterator<Item = &str> {
    list.split([',', ' ']).filter(|w| !w.is_empty() && *w != "or")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_word_only_when_it_is_near() {
        let rules = ["host-pid", "host-ipc", "privileged", "run-as-root"];
        assert_eq!(closest("host-pdi", rules), Some("host-pid"));
        assert_eq!(closest("HOST-PID", rules), Some("host-pid"));
        assert_eq!(closest("privilegd", rules), Some("privileged"));
        assert_eq!(closest("network", rules), None);
        assert_eq!(
            closest("hgih", words_of("info, low, medium, high or critical")),
            Some("high")
        );
        assert_eq!(
            hint("platfrom", ["platform", "select"]),
            "; did you mean `platform`?"
        );
        assert_eq!(hint("zzz", ["platform"]), "");
    }
}
