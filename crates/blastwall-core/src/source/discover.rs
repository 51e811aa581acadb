//! Finding the manifest files under the paths a user names, the way `kubectl apply -f DIR -R` does, in a
//! stable order.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Extensions kubectl reads from directories.
pub(crate) const MANIFEST_EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// The configuration file's name, never read as a manifest.
pub(crate) const CONFIG_FILE_NAME: &str = ".blastwall.yaml";

/// A path that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct PathError {
    /// The path as given or found.
    pub path: String,
    /// What went wrong.
    pub reason: String,
}

/// The files to read: named files as they are, directories walked for `.yaml`, `.yml` and `.json`
/// files, skipping hidden files and folders. Every path that cannot be used is returned as an error.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Vec<PathError>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(PathError {
                path: path.display().to_string(),
                reason: e.to_string(),
            }),
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut errors),
            Ok(_) => files.push(path.clone()),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

fn walk(root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<PathError>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
        match entry {
            Err(e) => errors.push(PathError {
                path: e
                    .path()
                    .map_or_else(|| root.display().to_string(), |p| p.display().to_string()),
                reason: e.io_error().map_or_else(|| e.to_string(), ToString::to_string),
            }),
            Ok(e) if e.file_type().is_file() && is_manifest(e.path()) => files.push(e.into_path()),
            Ok(_) => {}
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn is_manifest(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MANIFEST_EXTENSIONS.contains(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_directories_skipping_hidden_and_other_files() {
        let dir = std::env::temp_dir().join(format!("blastwall-discover-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for f in [
            "b.yaml",
            "a.yml",
            "c.json",
            "notes.txt",
            ".hidden.yaml",
            ".git/x.yaml",
            "sub/d.yaml",
        ] {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let found = discover(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.yml", "b.yaml", "c.json", "sub/d.yaml"]);
        let missing = discover(&[dir.join("nope.yaml")]).unwrap_err();
        assert_eq!(missing.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
