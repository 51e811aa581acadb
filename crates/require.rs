// Shared by the crates' build scripts (included with `include!`): tells the tests whether a prerequisite is
// present, as a cfg; without it the tests that need it are reported as ignored with the reason, and in CI
// (`CI=true`) its absence fails the build.

fn require(cfg: &str, present: bool, what: &str) {
    println!("cargo::rustc-check-cfg=cfg({cfg})");
    if present {
        println!("cargo::rustc-cfg={cfg}");
    } else if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what} is absent, and CI must run every test");
    }
}
