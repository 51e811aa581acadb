//! Findings: what a rule reports, how severe it is, whose job it is, and where it is.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::model::{FieldPath, ObjectId};
use crate::rules::Rule;
use crate::source::{SourceId, Span};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run by default.
    Info,
    /// Hygiene.
    Low,
    /// Weakens isolation.
    Medium,
    /// Opens a path out of the container or across the cluster.
    High,
    /// Gives away a node or the cluster.
    Critical,
}

impl Severity {
    /// All severities, lowest first.
    pub const ALL: [Severity; 5] = [Self::Info, Self::Low, Self::Medium, Self::High, Self::Critical];

    /// The lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| format!("unknown severity `{s}` (expected info, low, medium, high or critical)"))
    }
}

/// Who is expected to fix a finding, in the shared responsibility model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Responsibility {
    /// The application team: workloads, RBAC grants, policies, exposure.
    User,
    /// Whoever runs the control plane and nodes (the team itself on a self-managed cluster).
    Platform,
}

impl Responsibility {
    /// The lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Platform => "platform",
        }
    }
}

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
