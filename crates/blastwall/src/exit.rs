//! The process's exit statuses: 0 when nothing reaches `--fail-on`, 1 when something does, 2 on usage or
//! input errors.

/// Exit status for findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status for usage and input errors.
pub const EXIT_ERROR: u8 = 2;
