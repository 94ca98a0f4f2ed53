//! Token kinds shared by the lexer, the parser, the formatter and (later) semantic highlighting.

use crate::Span;

/// Reserved words. They cannot be used as names, which keeps recovery simple: a keyword that
/// starts a statement always tells the parser where the next statement begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Keyword {
    Profile,
    Assessment,
    Industry,
    Extends,
    Follows,
    Role,
    Description,
    Target,
    Level,
    Scope,
    Rationale,
    Note,
    Date,
    Assessor,
    Practice,
    Evidence,
    Waive,
    Reason,
    Owner,
    Implements,
    Expires,
    Link,
    Stub,
    Framework,
    Standard,
    Extend,
    Domain,
    Subdomain,
    Objective,
    Comprehensiveness,
    Source,
    Edition,
    Supersedes,
    Clause,
    Parent,
    Annex,
    Text,
    Mapping,
    Map,
    To,
    As,
    For,
    Via,
    Unmapped,
    SecurityLevel,
}

impl Keyword {
    pub const ALL: [Keyword; 45] = [
        Keyword::Profile,
        Keyword::Assessment,
        Keyword::Industry,
        Keyword::Extends,
        Keyword::Follows,
        Keyword::Role,
        Keyword::Description,
        Keyword::Target,
        Keyword::Level,
        Keyword::Scope,
        Keyword::Rationale,
        Keyword::Note,
        Keyword::Date,
        Keyword::Assessor,
        Keyword::Practice,
        Keyword::Evidence,
        Keyword::Waive,
        Keyword::Reason,
        Keyword::Owner,
        Keyword::Implements,
        Keyword::Expires,
        Keyword::Link,
        Keyword::Stub,
        Keyword::Framework,
        Keyword::Standard,
        Keyword::Extend,
        Keyword::Domain,
        Keyword::Subdomain,
        Keyword::Objective,
        Keyword::Comprehensiveness,
        Keyword::Source,
        Keyword::Edition,
        Keyword::Supersedes,
        Keyword::Clause,
        Keyword::Parent,
        Keyword::Annex,
        Keyword::Text,
        Keyword::Mapping,
        Keyword::Map,
        Keyword::To,
        Keyword::As,
        Keyword::For,
        Keyword::Via,
        Keyword::Unmapped,
        Keyword::SecurityLevel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Profile => "profile",
            Keyword::Assessment => "assessment",
            Keyword::Industry => "industry",
            Keyword::Extends => "extends",
            Keyword::Follows => "follows",
            Keyword::Role => "role",
            Keyword::Description => "description",
            Keyword::Target => "target",
            Keyword::Level => "level",
            Keyword::Scope => "scope",
            Keyword::Rationale => "rationale",
            Keyword::Note => "note",
            Keyword::Date => "date",
            Keyword::Assessor => "assessor",
            Keyword::Practice => "practice",
            Keyword::Evidence => "evidence",
            Keyword::Waive => "waive",
            Keyword::Reason => "reason",
            Keyword::Owner => "owner",
            Keyword::Implements => "implements",
            Keyword::Expires => "expires",
            Keyword::Link => "link",
            Keyword::Stub => "stub",
            Keyword::Framework => "framework",
            Keyword::Standard => "standard",
            Keyword::Extend => "extend",
            Keyword::Domain => "domain",
            Keyword::Subdomain => "subdomain",
            Keyword::Objective => "objective",
            Keyword::Comprehensiveness => "comprehensiveness",
            Keyword::Source => "source",
            Keyword::Edition => "edition",
            Keyword::Supersedes => "supersedes",
            Keyword::Clause => "clause",
            Keyword::Parent => "parent",
            Keyword::Annex => "annex",
            Keyword::Text => "text",
            Keyword::Mapping => "mapping",
            Keyword::Map => "map",
            Keyword::To => "to",
            Keyword::As => "as",
            Keyword::For => "for",
            Keyword::Via => "via",
            Keyword::Unmapped => "unmapped",
            Keyword::SecurityLevel => "security-level",
        }
    }

    pub fn from_word(word: &str) -> Option<Keyword> {
        // Every word of a file is looked up here; most are not keywords, and no keyword is
        // longer than 17 bytes or starts with an upper-case letter or a digit.
        if word.len() > 17 || !word.starts_with(|c: char| c.is_ascii_lowercase()) {
            return None;
        }
        Keyword::ALL.into_iter().find(|k| k.as_str() == word)
    }

    /// Modifiers continue a statement; every other keyword starts one.
    pub fn starts_statement(self) -> bool {
        !matches!(
            self,
            Keyword::Level
                | Keyword::Scope
                | Keyword::Implements
                | Keyword::Expires
                | Keyword::Link
                | Keyword::Stub
                | Keyword::Parent
                | Keyword::To
                | Keyword::As
                | Keyword::For
                | Keyword::Via
        )
    }
}

/// Why a word is not a valid identifier, number, date or clause reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadWord {
    /// `SR1.1`: looks like a clause but names no standard.
    ClauseWithoutStandard,
    /// Contains `:` but is not `standard:CLAUSE`.
    MalformedClause,
    /// Starts with a digit but is neither an integer nor `YYYY-MM-DD`.
    MalformedNumberOrDate,
    /// Uppercase letters, underscores, non-ASCII letters, doubled hyphens...
    NotKebabCase,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Keyword(Keyword),
    Ident,
    Int,
    Date,
    ClauseRef,
    String,
    LBrace,
    RBrace,
    LineComment,
    BlockComment,
    /// A word the lexer could classify as nothing valid; the parser reports it in context.
    Invalid(BadWord),
    /// A character that cannot start any token; the parser reports it where it stands.
    Unknown,
}

impl TokenKind {
    pub fn is_trivia(self) -> bool {
        self.is_comment()
    }

    pub fn is_comment(self) -> bool {
        matches!(self, TokenKind::LineComment | TokenKind::BlockComment)
    }

    /// Whether a token of this kind, first on its line, may continue the statement above. A
    /// plain word never does (the language's line rule), so that a misspelt keyword costs one
    /// error on its own line instead of corrupting the line above.
    pub fn may_continue_a_line(self) -> bool {
        !matches!(
            self,
            TokenKind::Ident | TokenKind::Invalid(_) | TokenKind::Unknown
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use super::Keyword;

    /// `from_word` skips words that cannot be keywords; every keyword must still be found.
    #[test]
    fn every_keyword_is_found_by_its_word() {
        for keyword in Keyword::ALL {
            assert_eq!(Keyword::from_word(keyword.as_str()), Some(keyword));
        }
        for word in ["Profile", "profiles", "comprehensivenesses", "1", "", "-"] {
            assert_eq!(Keyword::from_word(word), None, "{word}");
        }
    }
}
