//! The codes the checker reports, as a type: a code that does not exist does not compile.
//! Each variant is a row of `codes::CHECK`, where its id, severity and explanation are written.

use crate::codes::CHECK;

smm_syntax::codes! {
    pub enum CheckCode named "check" in CHECK {
        UnknownPractice,
        UnknownClause,
        UnknownStandard,
        UnknownProfile,
        UnknownRole,
        UnknownScope,
        DuplicateName,
        DuplicateTarget,
        DuplicatePractice,
        DuplicateField,
        LevelOutOfRange,
        ImpossibleDate,
        MissingLinkTarget,
        LinkOutsideWorkspace,
        UnsupportedLinkScheme,
        ExtendsCycle,
        ExtendsTooDeep,
        BadEdition,
        MissingField,
        RoleMismatch,
        UnmetTarget,
        AboveTarget,
        NotAssessed,
        NoTarget,
        StubEvidence,
        NoEvidence,
        ClauseNotMapped,
        PartNotForRole,
        EvidenceExpired,
        BadWaiver,
        WaiverExpired,
        UnusedWaiver,
        EvidenceExpiring,
    }
}

impl CheckCode {
    /// How a waiver names it: its id without `check::` (`waive unmet-target`).
    pub fn waiver_word(self) -> &'static str {
        &self.id()["check::".len()..]
    }

    /// The code a waiver's word names.
    pub fn named_by_waiver(word: &str) -> Option<CheckCode> {
        CheckCode::ALL.into_iter().find(|c| c.waiver_word() == word)
    }

    /// Whether a waiver may accept its findings: errors are fixed, not waived.
    pub fn waivable(self) -> bool {
        self.row().severity != smm_syntax::Severity::Error
    }
}
