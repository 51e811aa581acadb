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

/// What a walk over the named paths found.
#[derive(Debug, Default)]
pub struct Found {
    /// The files to read, each once.
    pub files: Vec<PathBuf>,
    /// Entries under a directory that could not be used (a dangling symbolic link, a loop of links, a
    /// folder that may not be read): the rest is read, and these are reported.
    pub skipped: Vec<PathError>,
}

/// The files to read: named files as they are, directories walked for `.yaml`, `.yml` and `.json`
/// files, skipping hidden files and folders. Symbolic links are followed, loops among them detected; a
/// file reached twice (through two links) is read once. A named path that cannot be used is an error;
/// an entry found under a directory that cannot be used is skipped and said in `skipped`.
pub fn discover(paths: &[PathBuf]) -> Result<Found, Vec<PathError>> {
    let mut found = Found::default();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(PathError {
                path: path.display().to_string(),
                reason: e.to_string(),
            }),
            Ok(meta) if meta.is_dir() => walk(path, &mut found),
            Ok(_) => found.files.push(path.clone()),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut seen = std::collections::HashSet::new();
    found
        .files
        .retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    Ok(found)
}

fn walk(root: &Path, found: &mut Found) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
        match entry {
            Err(e) => {
                // A dangling link whose name is not a manifest's would not have been read anyway.
                let dangling_other = e.loop_ancestor().is_none()
                    && e.path().is_some_and(|p| {
                        p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink())
                            && p.extension().is_some()
                            && !is_manifest(p)
                    });
                if !dangling_other {
                    found.skipped.push(skipped(root, &e));
                }
            }
            Ok(e) if e.file_type().is_file() && is_manifest(e.path()) => found.files.push(e.into_path()),
            Ok(_) => {}
        }
    }
}

/// What went wrong with one entry of a walk, in words.
fn skipped(root: &Path, e: &walkdir::Error) -> PathError {
    let path = e.path().unwrap_or(root);
    let reason = if let Some(ancestor) = e.loop_ancestor() {
        format!("a loop of symbolic links (back to {})", ancestor.display())
    } else if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) && path.metadata().is_err() {
        match std::fs::read_link(path) {
            Ok(target) => format!("a symbolic link to {}, which does not exist", target.display()),
            Err(_) => "a symbolic link whose target does not exist".to_owned(),
        }
    } else {
        e.io_error().map_or_else(|| e.to_string(), ToString::to_string)
    };
    PathError {
        path: path.display().to_string(),
        reason,
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
        assert!(found.skipped.is_empty());
        let names: Vec<String> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.yml", "b.yaml", "c.json", "sub/d.yaml"]);
        let missing = discover(&[dir.join("nope.yaml")]).unwrap_err();
        assert_eq!(missing.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn links_that_lead_nowhere_or_in_circles_are_skipped_and_said_while_the_rest_is_found() {
        use std::os::unix::fs::symlink;
        let dir = std::env::temp_dir().join(format!("blastwall-links-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.yaml"), "").unwrap();
        symlink(dir.join("missing.yaml"), dir.join("dangling.yaml")).unwrap();
        symlink(dir.join("missing.txt"), dir.join("dangling.txt")).unwrap();
        symlink(&dir, dir.join("sub/loop")).unwrap();
        symlink(dir.join("a.yaml"), dir.join("sub/same.yaml")).unwrap();
        let found = discover(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<String> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
            .collect();
        // The second way to a.yaml is left out: each file is read once.
        assert_eq!(names, ["a.yaml"]);
        assert_eq!(found.skipped.len(), 2, "{:?}", found.skipped);
        assert!(found.skipped[0].path.ends_with("dangling.yaml"));
        assert!(
            found.skipped[0].reason.contains("does not exist"),
            "{}",
            found.skipped[0].reason
        );
        assert!(found.skipped[1].path.ends_with("sub/loop"));
        assert!(
            found.skipped[1].reason.starts_with("a loop of symbolic links"),
            "{}",
            found.skipped[1].reason
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
