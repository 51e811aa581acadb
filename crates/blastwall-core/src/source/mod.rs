//! Reading manifests: files and streams into documents whose every value remembers its file, line and
//! column, read with kubectl's exact YAML semantics.

pub mod build;
pub mod discover;
pub(crate) mod events;
pub mod file;
mod json;
pub mod node;
pub mod resolve;
pub mod split;

pub use build::{LoadError, Outcome, Parsed, Quirk};
pub use file::{Document, Source, SourceId};
pub use node::{Key, Map, Node, Span, Value};
