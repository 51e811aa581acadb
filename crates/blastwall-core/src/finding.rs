//! Findings: what a rule reports, how severe it is, whose job it is, and where it is.

use crate::model::{FieldPath, ObjectId};
pub use crate::rule::{Responsibility, Rule, Severity};
use crate::source::{SourceId, Span};
use std::borrow::Cow;

/// A file position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file.
    pub source: SourceId,
    /// Line and column in it.
    pub span: Span,
}

/// Why a finding is not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    /// The reason written with the suppression.
    pub reason: String,
    /// `inline`, `annotation` or `config`.
    pub by: &'static str,
}

/// One problem found.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule that found it.
    pub rule: &'static Rule,
    /// Its severity after configuration.
    pub severity: Severity,
    /// The object it concerns; `None` for documents that are not objects.
    pub object: Option<ObjectId>,
    /// The field that causes it.
    pub path: FieldPath,
    /// Where the field is written.
    pub location: Option<Location>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do (usually the rule's own help line).
    pub help: Cow<'static, str>,
    /// Set when a suppression covers it.
    pub suppressed: Option<Suppressed>,
    /// Who fixes it: the rule's, except that every finding on a control-plane component's pod is the
    /// platform's.
    pub responsibility: Responsibility,
}
