//! Tells the tests which of their prerequisites are present, so that a test whose data or server is absent
//! is reported as ignored with the reason instead of passing; in CI (`CI=true`) an absent prerequisite fails
//! the build.
//!
//! - `shared_corpus`: `../shared/corpus` beside the repository (real-world manifests);
//! - `testbed`: a running test bed in the folder `BLASTWALL_TESTBED` names (tools/testbed/up.sh DIR);
//! - `helm`: the helm command `BLASTWALL_HELM` names (tools/testbed/build-helm.sh), to render the chart;
//! - `chromium`: Debian's headless Chromium on PATH, to open the HTML report;
//! - `nca`: IBM's network-config-analyzer on PATH (PyPI), the oracle of the posture diff's connections.

use std::path::PathBuf;

include!("../require.rs");

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let corpus = manifest.join("../../../shared/corpus");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=BLASTWALL_TESTBED");
    println!("cargo::rerun-if-changed={}", corpus.display());
    require("shared_corpus", corpus.is_dir(), &corpus.display().to_string());
    let testbed = std::env::var_os("BLASTWALL_TESTBED").map(PathBuf::from);
    if let Some(dir) = &testbed {
        println!("cargo::rerun-if-changed={}", dir.join("pids").display());
    }
    require(
        "testbed",
        testbed.is_some_and(|dir| dir.join("kubeconfig").is_file() && dir.join("pids").is_file()),
        "the test bed (BLASTWALL_TESTBED, started by tools/testbed/up.sh DIR)",
    );
    println!("cargo::rerun-if-env-changed=BLASTWALL_HELM");
    let helm = std::env::var_os("BLASTWALL_HELM").map(PathBuf::from);
    require(
        "helm",
        helm.is_some_and(|path| path.is_file()),
        "the helm command (BLASTWALL_HELM, built by tools/testbed/build-helm.sh)",
    );
    println!("cargo::rerun-if-env-changed=PATH");
    let on_path = |name: &str| {
        std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(name).is_file()))
    };
    require(
        "chromium",
        on_path("chromium"),
        "chromium (Debian's package, `apt-get install chromium`)",
    );
    require(
        "nca",
        on_path("nca"),
        "nca (`pip install network-config-analyzer`)",
    );
}
