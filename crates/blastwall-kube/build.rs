//! Tells the tests whether a test bed is running in the folder `BLASTWALL_TESTBED` names (started by
//! tools/testbed/up.sh): without one, the tests that compare blastwall with the real API server are reported
//! as ignored with the reason; in CI (`CI=true`) its absence fails the build.

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=BLASTWALL_TESTBED");
    let testbed = std::env::var_os("BLASTWALL_TESTBED").map(PathBuf::from);
    if let Some(dir) = &testbed {
        println!("cargo::rerun-if-changed={}", dir.join("pids").display());
    }
    require(
        "testbed",
        testbed.is_some_and(|dir| dir.join("kubeconfig").is_file() && dir.join("pids").is_file()),
        "the test bed (BLASTWALL_TESTBED, started by tools/testbed/up.sh DIR)",
    );
}

include!("../require.rs");
