//! blastwall's engine: reads Kubernetes manifests losslessly, models the objects, runs the rules and builds
//! reports.
//!
//! ```text
//! paths ─▶ source (files, documents, span trees) ─▶ model (Inventory: objects and indexes)
//!       ─▶ rules ─▶ findings ─▶ suppression ─▶ Report ─▶ render (text, JSON, SARIF)
//! ```
//!
//! The crate never prints, never exits and never reads environment variables: the `blastwall` binary
//! owns the process.

pub mod analysis;
pub mod config;
pub mod diff;
pub mod engine;
pub mod finding;
pub mod glob;
pub mod load;
pub mod model;
pub mod platform;
pub mod render;
pub mod rule;
pub mod rules;
pub mod settings;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod value_error;
