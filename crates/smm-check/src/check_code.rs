//! The codes the checker reports, as a type: a code that does not exist does not compile.
//! Each variant is a row of `codes::CHECK`, where its id, severity and explanation are written.

use crate::codes::{Code, CHECK};

/// Declares `CheckCode` and its `ALL` from one list, in the order of `codes::CHECK`.
macro_rules! check_codes {
    ($($code:ident),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CheckCode {
            $($code),*
        }

        impl CheckCode {
            pub const ALL: [CheckCode; CHECK.len()] = [$(CheckCode::$code),*];
        }
    };
}

check_codes! {
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

impl CheckCode {
    /// Its row of the code table.
    pub fn row(self) -> &'static Code {
        &CHECK[self as usize]
    }

    /// `check::unmet-target`
    pub fn id(self) -> &'static str {
        self.row().id
    }

    /// The code whose id is `id`, if the checker has one.
    pub fn from_id(id: &str) -> Option<CheckCode> {
        CheckCode::ALL.into_iter().find(|c| c.id() == id)
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
            let name: String = format!("{code:?}")
                .chars()
                .enumerate()
                .flat_map(|(n, c)| {
                    let dash = (n > 0 && c.is_ascii_uppercase()).then_some('-');
                    dash.into_iter()
                        .chain(std::iter::once(c.to_ascii_lowercase()))
                })
                .collect();
            assert_eq!(code.id(), format!("check::{name}"));
            assert_eq!(CheckCode::from_id(code.id()), Some(code));
        }
        assert_eq!(CheckCode::from_id("check::no-such-code"), None);
    }
}
