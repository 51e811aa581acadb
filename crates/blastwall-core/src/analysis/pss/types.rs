//! The words of the Pod Security engine: levels, policy versions, checks and their violations. The checks
//! import these, and the engine's entry points import the checks.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::model::{FieldPath, PodSpec};
use crate::value_error::ValueError;

/// The newest policy version whose checks blastwall knows; `latest` and newer versions mean this one.
pub(crate) const LATEST_MINOR: u32 = 37;

/// A Pod Security Standards level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Unrestricted.
    Privileged,
    /// Prevents known privilege escalations.
    Baseline,
    /// Current pod hardening best practice.
    Restricted,
}

impl Level {
    /// The lowercase name used in namespace labels.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Privileged => "privileged",
            Self::Baseline => "baseline",
            Self::Restricted => "restricted",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        match s {
            "privileged" => Ok(Self::Privileged),
            "baseline" => Ok(Self::Baseline),
            "restricted" => Ok(Self::Restricted),
            other => Err(ValueError::Unknown {
                what: "Pod Security level",
                value: other.to_owned(),
                expected: "privileged, baseline or restricted",
            }),
        }
    }
}

/// A policy version, as in `pod-security.kubernetes.io/enforce-version`: `v1.N` or `latest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    minor: u32,
}

impl Version {
    /// `latest`: the newest policy blastwall knows.
    pub const LATEST: Version = Version { minor: LATEST_MINOR };

    /// `v1.minor`; versions newer than the newest known policy evaluate as that policy, as the admission
    /// plugin does.
    #[must_use]
    pub fn v1(minor: u32) -> Self {
        Self {
            minor: minor.min(LATEST_MINOR),
        }
    }

    /// The minor version.
    #[must_use]
    pub fn minor(self) -> u32 {
        self.minor
    }

    /// A version a user chooses (a flag, the configuration). A namespace label newer than the newest policy
    /// evaluates as that policy, as the admission plugin does; a version a user asks for beyond it is a
    /// mistake, and an error that says the range.
    pub fn parse_setting(s: &str) -> Result<Self, ValueError> {
        let version: Self = s.parse()?;
        let asked = s.strip_prefix("v1.").and_then(|m| m.parse::<u32>().ok());
        match asked {
            Some(minor) if minor > LATEST_MINOR => Err(ValueError::OutOfRange {
                what: "Pod Security version",
                value: s.to_owned(),
                range: format!("v1.0 to v1.{LATEST_MINOR}, or latest"),
            }),
            _ => Ok(version),
        }
    }
}

impl FromStr for Version {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        if s == "latest" {
            return Ok(Self::LATEST);
        }
        let minor = s
            .strip_prefix("v1.")
            .and_then(|m| {
                if m.starts_with('0') && m.len() > 1 {
                    None
                } else {
                    m.parse::<u32>().ok()
                }
            })
            .ok_or_else(|| ValueError::Invalid {
                what: "Pod Security version",
                value: s.to_owned(),
                expected: "v1.N or latest",
            })?;
        Ok(Self::v1(minor))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v1.{}", self.minor)
    }
}

/// One field that a check rejects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The upstream check id, such as `hostNamespaces` or `capabilities_restricted`.
    pub check: &'static str,
    /// The level the check belongs to.
    pub level: Level,
    /// The field (or, for a missing field, the nearest written parent's path).
    pub path: FieldPath,
    /// What is wrong, in Pod Security Admission's terms.
    pub message: String,
}

/// One upstream check.
pub struct Check {
    /// Upstream id.
    pub id: &'static str,
    /// Its level.
    pub level: Level,
    /// First policy version (minor) that has it.
    pub since: u32,
    /// The baseline check it replaces at the restricted level, from `since` on.
    pub overrides: Option<&'static str>,
    /// Finds the violations of one pod at a policy version (minor, at least `since`).
    pub run: fn(&PodSpec<'_>, u32) -> Vec<Violation>,
}

impl Check {
    /// A violation of this check at `path`.
    #[must_use]
    pub(crate) fn violation(&self, path: FieldPath, message: String) -> Violation {
        Violation {
            check: self.id,
            level: self.level,
            path,
            message,
        }
    }
}
