//! Fuzzes the whole loading path on arbitrary bytes: decoding, kubectl's document split, libyaml parsing,
//! YAML 1.1 resolution, merge keys and aliases, object extraction, every rule and every report format.
//! Any panic, hang or unbounded allocation is a bug: hostile input must become a finding.
#![no_main]

use std::sync::atomic::AtomicUsize;

use blastwall_core::engine;
use blastwall_core::load::{load, Input};
use blastwall_core::render::{json, sarif, text};
use blastwall_core::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = Input::Text { name: "fuzz.yaml".into(), bytes: data.to_vec() };
    let Ok(inventory) = load(vec![input], &AtomicUsize::new(0)) else { return };
    let report = engine::run(inventory, Settings::default());
    let _ = text::render(&report, text::Style::default());
    let _ = json::render(&report, "fuzz");
    let _ = sarif::render(&report, "fuzz");
});
