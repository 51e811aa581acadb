//! Tells the tests which of their prerequisites are present, so that a test whose data or oracle is absent
//! is reported as ignored with the reason instead of passing; in CI (`CI=true`) an absent prerequisite
//! fails the build.
//!
//! - `shared_conformance`: `../shared/conformance` beside the repository (Pod Security, NetworkPolicy and
//!   RBAC conformance data);
//! - `shared_corpus`: `../shared/corpus` (real-world manifests);
//! - `yaml_oracle`: the program named by `BLASTWALL_YAML_ORACLE` (see tools/yaml-oracle).

use std::path::{Path, PathBuf};

include!("../require.rs");

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let shared = manifest.join("../../../shared");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=BLASTWALL_YAML_ORACLE");
    for (cfg, folder) in [("shared_conformance", "conformance"), ("shared_corpus", "corpus")] {
        let path = shared.join(folder);
        println!("cargo::rerun-if-changed={}", path.display());
        require(cfg, path.is_dir(), &format!("{}", path.display()));
    }
    let oracle = std::env::var_os("BLASTWALL_YAML_ORACLE").map(PathBuf::from);
    require(
        "yaml_oracle",
        oracle.as_deref().is_some_and(Path::is_file),
        "the YAML oracle (BLASTWALL_YAML_ORACLE, built by tools/yaml-oracle/build.sh)",
    );
}
