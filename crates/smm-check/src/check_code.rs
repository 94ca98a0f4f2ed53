//! The codes the checker reports, as a type: a code that does not exist does not compile.
//! Each variant is a row of `codes::CHECK`, where its id, severity and explanation are written.

use crate::codes::CHECK;

smm_syntax::codes! {
    pub enum CheckCode in CHECK {
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

#[cfg(test)]
mod tests {
    use super::CheckCode;

    /// Each variant reaches the row named for it: `UnmetTarget` is `check::unmet-target`.
    #[test]
    fn each_variant_is_the_row_named_for_it() {
        for (i, code) in CheckCode::ALL.into_iter().enumerate() {
            assert_eq!(code as usize, i);
            let id = smm_syntax::code::id_of_variant("check", &format!("{code:?}"));
            assert_eq!(code.id(), id);
            assert_eq!(CheckCode::from_id(&id), Some(code));
        }
        assert_eq!(CheckCode::from_id("check::no-such-code"), None);
    }
}
