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
