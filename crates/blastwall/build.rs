//! Tells the tests whether `../shared/corpus` is beside the repository: without it the corpus test is
//! reported as ignored with the reason; in CI (`CI=true`) its absence fails the build.

fn main() {
    let manifest = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let corpus = manifest.join("../../../shared/corpus");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-changed={}", corpus.display());
    println!("cargo::rustc-check-cfg=cfg(shared_corpus)");
    if corpus.is_dir() {
        println!("cargo::rustc-cfg=shared_corpus");
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{} is absent, and CI must run every test", corpus.display());
    }
}
