//! The error of reading a word of the command line or the configuration (a severity, a platform, a level, a
//! version). A bottom module: it imports nothing of the crate.

/// A value that names nothing known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// A word outside a fixed list.
    #[error("unknown {what} `{value}` (expected {expected}){}", crate::suggest::hint(.value, crate::suggest::words_of(.expected)))]
    Unknown {
        /// What was being read (`severity`, `platform`).
        what: &'static str,
        /// What was written.
        value: String,
        /// The values allowed.
        expected: &'static str,
    },
    /// A value of the wrong form.
    #[error("invalid {what} `{value}` (expected {expected})")]
    Invalid {
        /// What was being read.
        what: &'static str,
        /// What was written.
        value: String,
        /// The forms allowed.
        expected: &'static str,
    },
    /// A version outside the range blastwall holds, where a user chose it.
    #[error("{what} `{value}` is out of range: blastwall knows {range}")]
    OutOfRange {
        /// What was being read.
        what: &'static str,
        /// What was written.
        value: String,
        /// The versions known.
        range: String,
    },
    /// A Kubernetes release older than the oldest built-in policy held.
    #[error(
        "Kubernetes 1.{minor} is older than the oldest built-in policy blastwall holds (1.{oldest}); use --no-default-rbac and supply the cluster's roles"
    )]
    KubeVersionTooOld {
        /// The minor version asked for.
        minor: u32,
        /// The oldest held.
        oldest: u32,
    },
}
