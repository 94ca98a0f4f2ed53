//! The settings of one run of the checker.

use std::collections::BTreeSet;

use crate::dates::Day;
use crate::FileId;

/// Settings of a run. Dates are never judged against the system clock: the same files and
/// options always give the same findings.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Judge expiry dates as of this day instead of each assessment's date.
    pub as_of: Option<Day>,
    /// Report evidence that expires within this many days of that day.
    pub expiry_warning_days: Option<u32>,
    /// Check only these files (the dependents of a change, `Analysis::dependents`); every
    /// profile is still resolved, since any file may extend any profile. `None`: every file.
    pub only: Option<BTreeSet<FileId>>,
    /// With `only`, check only the assessments that lie within this span (of the one file in
    /// `only`): the item an edit changed (`ItemEdit`).
    pub within: Option<smm_syntax::Span>,
    /// Set by the caller to stop the check early; the result is then incomplete.
    pub cancel: crate::Cancel,
    /// Check on the calling thread only, leaving the other cores free: the language server
    /// checks on a worker while it answers requests on another core.
    pub one_thread: bool,
}
