//! One practice of an assessment against its profile's target: made by the assessment check,
//! read by the summary and the waivers.

use smm_model::{Level, Scope};
use smm_syntax::Span;

use crate::clause_keys::ClauseKeys;
use crate::finding::Waived;
use crate::profiles::ResolvedTarget;

/// The level and scope an assessment records for a practice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Current {
    pub level: Level,
    pub scope: Scope,
    /// The `practice` line.
    pub span: Span,
}

/// One practice of an assessment: what the profile asks and what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PracticeStatus {
    pub practice: String,
    pub target: Option<ResolvedTarget>,
    pub current: Option<Current>,
    /// Canonical keys of the clauses the practice's evidence implements.
    pub implemented: ClauseKeys,
    /// Clauses mapped up to the target level for the role that no evidence implements.
    /// Shared with the check's other assessments: a large workspace misses the same clauses
    /// hundreds of thousands of times.
    pub missing: Vec<std::sync::Arc<str>>,
    /// The waiver that accepts this practice's unmet or missing target.
    pub waived: Option<Waived>,
}

impl PracticeStatus {
    /// Levels still to go; 0 when the level is reached, `None` without target or rating.
    pub fn gap(&self) -> Option<u8> {
        let (target, current) = (self.target.as_ref()?, self.current?);
        Some(target.level.number().saturating_sub(current.level.number()))
    }

    /// Reached at the target's level and at least as specific a scope.
    pub fn met(&self) -> Option<bool> {
        let (target, current) = (self.target.as_ref()?, self.current?);
        Some(current.level >= target.level && current.scope >= target.scope)
    }
}
