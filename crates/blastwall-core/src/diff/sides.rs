//! The two sides of a posture diff and the shape of a part's changes, shared by every part.

use serde::Serialize;

use crate::analysis::rbac::KubeVersion;
use crate::engine::Report;

/// One side of the comparison: its report, and the path its file names start with (stripped when files of
/// the two sides are compared).
pub struct Tree<'a> {
    /// The scan of the tree.
    pub report: &'a Report,
    /// The root as given (`k8s/`, or a checkout of the base revision).
    pub root: &'a str,
    /// The release whose built-in roles and bindings join the tree's (as the scan had them).
    pub default_rbac: Option<KubeVersion>,
}

impl Tree<'_> {
    /// A file name relative to the tree's root.
    pub(super) fn relative<'n>(&self, name: &'n str) -> &'n str {
        let root = self.root.trim_end_matches('/');
        name.strip_prefix(root)
            .map_or(name, |rest| rest.trim_start_matches('/'))
    }

    /// The ways a sentence may name the tree's root: as given, and as the absolute path a rendering command
    /// reports (`/home/me/repo/k8s`).
    pub(super) fn root_spellings(&self) -> Vec<String> {
        let root = self.root.trim_end_matches('/');
        let mut out = Vec::new();
        if let Ok(absolute) = std::fs::canonicalize(root) {
            out.push(format!("{}/", absolute.display()));
        }
        if !root.is_empty() && root != "." {
            out.push(format!("{root}/"));
        }
        out
    }
}

/// `sentence` with every file name under the tree's root made relative to it (`k8s/web/Chart.yaml` →
/// `web/Chart.yaml`): a name starts where the sentence does or after a character that cannot be in one.
pub(super) fn without_roots(spellings: &[String], sentence: &str) -> String {
    let mut out = sentence.to_owned();
    for root in spellings {
        let mut kept = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(at) = rest.find(root.as_str()) {
            let starts_name = rest[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || "/._-~".contains(c)));
            kept.push_str(&rest[..at]);
            if !starts_name {
                kept.push_str(root);
            }
            rest = &rest[at + root.len()..];
        }
        kept.push_str(rest);
        out = kept;
    }
    out
}

/// Findings that appear (`new`) and disappear (`fixed`).
#[derive(Debug, Serialize)]
pub struct Changes<T> {
    /// In HEAD, not in BASE.
    #[serde(rename = "new")]
    pub added: Vec<T>,
    /// In BASE, not in HEAD.
    #[serde(rename = "fixed")]
    pub removed: Vec<T>,
}

/// Connections and permissions that are `added` and `removed`.
#[derive(Debug, Serialize)]
pub struct SetChanges<T> {
    /// In HEAD, not in BASE.
    pub added: Vec<T>,
    /// In BASE, not in HEAD.
    pub removed: Vec<T>,
}

#[cfg(test)]
mod tests {
    use super::without_roots;

    #[test]
    fn file_names_under_the_root_lose_it_and_other_names_keep_theirs() {
        let spellings = ["/home/me/repo/k8s/".to_owned(), "k8s/".to_owned()];
        assert_eq!(
            without_roots(
                &spellings,
                "Helm chart k8s/web could not be rendered: '/home/me/repo/k8s/web/values.yaml' is missing"
            ),
            "Helm chart web could not be rendered: 'web/values.yaml' is missing"
        );
        assert_eq!(
            without_roots(&spellings, "k8s/a and old-k8s/b and /srv/k8s/c"),
            "a and old-k8s/b and /srv/k8s/c"
        );
    }
}
