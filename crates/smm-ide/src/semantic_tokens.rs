//! Semantic tokens: what each word of a file means, so that an editor can colour a practice
//! differently from a profile even though both are kebab-case names. Each word's slot comes
//! from the syntax (`smm_syntax::slot`), which reads tokens, so a file with syntax errors is
//! coloured too; this module decides the colours and looks names up. Invalid words and unknown
//! characters get no token (their diagnostics show
//! them), nor do names standing where no name belongs.
//!
//! Types, in legend order, named with the standard LSP type where one fits (so that themes
//! colour them without configuration):
//!
//! - `keyword`: reserved words, except `industry` where it is a scope or a value;
//! - `comment`, `string`;
//! - `number`: levels (`level 2`, `comprehensiveness 3`);
//! - `date`: ours, since no standard type fits (a client may declare it a kind of `number`);
//! - `namespace`: catalogs, which hold clauses or practices: standards (`follows`,
//!   `supersedes`, `annex`, definitions), frameworks and mappings;
//! - `struct`: domains and subdomains, which group practices;
//! - `class`: practices (`target`, `practice`, `map`, `waive … for`, definitions);
//! - `type`: clause references, one token each: `iec62443-3-3:SR1.1`;
//! - `interface`: profiles, what assessments are measured against;
//! - `variable`: assessments;
//! - `enumMember`: the SMM's fixed words: roles, scopes and relationships (`as subset`);
//! - `property`: industries, whose names are free;
//! - `decorator`: the code in `waive CODE`, which changes how a check reports, as an
//!   attribute does.
//!
//! Modifiers are bits, bit `i` being `Modifiers::ALL[i]`: `declaration` where a name is defined
//! (profiles, assessments, catalog definitions), `defaultLibrary` for ids of the built-in model,
//! and our own `unresolved` for references that name nothing known.

use smm_model::{Location, Origin, Relationship, Role, Scope};
use smm_syntax::slot::{self, Slot, Slotted, Use};
use smm_syntax::{lines, Span};

use crate::{FileId, Snapshot};

/// What a token means; `name` is its name in the legend (see the module's list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenType {
    Keyword,
    Comment,
    String,
    Number,
    Date,
    Catalog,
    Domain,
    Practice,
    Clause,
    Profile,
    Assessment,
    Vocabulary,
    Industry,
    Code,
}

impl TokenType {
    /// The legend: `ALL[t.index()] == t`.
    pub const ALL: [TokenType; 14] = [
        TokenType::Keyword,
        TokenType::Comment,
        TokenType::String,
        TokenType::Number,
        TokenType::Date,
        TokenType::Catalog,
        TokenType::Domain,
        TokenType::Practice,
        TokenType::Clause,
        TokenType::Profile,
        TokenType::Assessment,
        TokenType::Vocabulary,
        TokenType::Industry,
        TokenType::Code,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TokenType::Keyword => "keyword",
            TokenType::Comment => "comment",
            TokenType::String => "string",
            TokenType::Number => "number",
            TokenType::Date => "date",
            TokenType::Catalog => "namespace",
            TokenType::Domain => "struct",
            TokenType::Practice => "class",
            TokenType::Clause => "type",
            TokenType::Profile => "interface",
            TokenType::Assessment => "variable",
            TokenType::Vocabulary => "enumMember",
            TokenType::Industry => "property",
            TokenType::Code => "decorator",
        }
    }

    /// Position in `ALL`.
    pub fn index(self) -> u32 {
        self as u32
    }
}

/// A set of modifiers, as bits: `ALL[i]` is bit `i`, so `bits` is what the protocol sends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Modifiers(u32);

impl Modifiers {
    pub const NONE: Modifiers = Modifiers(0);
    pub const DECLARATION: Modifiers = Modifiers(1);
    pub const DEFAULT_LIBRARY: Modifiers = Modifiers(1 << 1);
    pub const UNRESOLVED: Modifiers = Modifiers(1 << 2);

    /// The legend: `ALL[i]` is bit `i`.
    pub const ALL: [Modifiers; 3] = [
        Modifiers::DECLARATION,
        Modifiers::DEFAULT_LIBRARY,
        Modifiers::UNRESOLVED,
    ];

    /// The name of a single modifier; of a set, the name of its lowest one ("" when empty).
    pub fn name(self) -> &'static str {
        match self.0 & self.0.wrapping_neg() {
            1 => "declaration",
            2 => "defaultLibrary",
            4 => "unresolved",
            _ => "",
        }
    }

    pub fn bits(self) -> u32 {
        self.0
    }

    pub fn contains(self, other: Modifiers) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The modifiers of the set, in legend order.
    pub fn iter(self) -> impl Iterator<Item = Modifiers> {
        Modifiers::ALL
            .into_iter()
            .filter(move |m| self.contains(*m))
    }
}

impl std::ops::BitOr for Modifiers {
    type Output = Modifiers;
    fn bitor(self, other: Modifiers) -> Modifiers {
        Modifiers(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for Modifiers {
    fn bitor_assign(&mut self, other: Modifiers) {
        self.0 |= other.0;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    /// Never crosses a line break.
    pub span: Span,
    pub kind: TokenType,
    pub modifiers: Modifiers,
}

/// The tokens of `file`, sorted and disjoint, each on one line; with `range`, only those that
/// share a byte with it.
pub fn semantic_tokens(
    snapshot: &Snapshot<'_>,
    file: FileId,
    range: Option<Span>,
) -> Vec<SemanticToken> {
    let Some(source) = snapshot.workspace.source(file) else {
        return Vec::new();
    };
    let text = &*source.text;
    let wanted = range.unwrap_or(Span::new(0, text.len()));
    let mut found = Vec::new();
    // Words before the range still set the place of those in it.
    let words = slot::slots(text, &source.parse).take_while(|w| w.token.span.start < wanted.end);
    for word in words {
        let Some((kind, modifiers)) = word.slot.and_then(|s| meaning(snapshot, s, text, word))
        else {
            continue;
        };
        for span in line_pieces(text, word.token.span) {
            if span.start < wanted.end && wanted.start < span.end {
                found.push(SemanticToken {
                    span,
                    kind,
                    modifiers,
                });
            }
        }
    }
    found
}

/// The pieces of `span` on each line, without line breaks; blank pieces are left out.
fn line_pieces(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    lines::line_ranges(&text[span.range()]).filter_map(move |line| {
        let piece = Span::new(span.start + line.start, span.start + line.end);
        (!piece.is_empty()).then_some(piece)
    })
}

/// The type and modifiers of a word in `slot`: which slots share a colour, and whether the
/// name it stands for is known, defined here or built in.
fn meaning(
    snapshot: &Snapshot<'_>,
    slot: Slot,
    text: &str,
    word: Slotted,
) -> Option<(TokenType, Modifiers)> {
    let word = &text[word.token.span.range()];
    let model = snapshot.model;
    // Looked up only where the slot asks for them.
    let practice = || model.practice(word).map(|p| p.location);
    let clause = || model.clause(word).map(|c| c.location);
    let catalog = || {
        let standard = model.standard(word).map(|s| s.location);
        standard.or_else(|| model.framework(word).map(|f| f.location))
    };
    let domain = || {
        let domain = model.domain(word).map(|d| d.location);
        domain.or_else(|| model.subdomain(word).map(|s| s.location))
    };
    let known = |known: bool| match known {
        true => Modifiers::NONE,
        false => Modifiers::UNRESOLVED,
    };
    let defined = Modifiers::DECLARATION;
    let reference = |kind, location| (kind, resolved(snapshot, location));
    let definition = |kind, location| (kind, defined | builtin(snapshot, location));
    Some(match slot {
        Slot::Keyword(_) => (TokenType::Keyword, Modifiers::NONE),
        Slot::Comment => (TokenType::Comment, Modifiers::NONE),
        Slot::String => (TokenType::String, Modifiers::NONE),
        Slot::Date => (TokenType::Date, Modifiers::NONE),
        Slot::Level | Slot::Number => (TokenType::Number, Modifiers::NONE),
        Slot::Practice(Use::Define) => definition(TokenType::Practice, practice()),
        Slot::Practice(Use::Refer) => reference(TokenType::Practice, practice()),
        Slot::Clause(Use::Define) => definition(TokenType::Clause, clause()),
        Slot::Clause(Use::Refer) => reference(TokenType::Clause, clause()),
        Slot::Profile(Use::Define) => (TokenType::Profile, defined),
        Slot::Profile(Use::Refer) => {
            let known = known(snapshot.analysis.profiles.contains_key(word));
            (TokenType::Profile, known)
        }
        Slot::Assessment => (TokenType::Assessment, defined),
        Slot::Standard(Use::Define) | Slot::Framework | Slot::Mapping => {
            definition(TokenType::Catalog, catalog())
        }
        Slot::Standard(Use::Refer) => reference(TokenType::Catalog, catalog()),
        Slot::Domain(Use::Define) => definition(TokenType::Domain, domain()),
        Slot::Domain(Use::Refer) => reference(TokenType::Domain, domain()),
        Slot::Role => (TokenType::Vocabulary, known(Role::from_id(word).is_some())),
        Slot::Scope => (TokenType::Vocabulary, known(Scope::from_id(word).is_some())),
        Slot::Relationship => {
            let known = known(Relationship::from_id(word).is_some());
            (TokenType::Vocabulary, known)
        }
        Slot::Industry => (TokenType::Industry, Modifiers::NONE),
        Slot::Code => {
            let code = smm_check::CheckCode::named_by_waiver(word);
            (TokenType::Code, known(code.is_some()))
        }
    })
}

/// `defaultLibrary` when the entry at `location` comes from the built-in model.
fn builtin(snapshot: &Snapshot<'_>, location: Option<Location>) -> Modifiers {
    match location.map(|l| &snapshot.model.file(l.file).origin) {
        Some(Origin::Builtin(_)) => Modifiers::DEFAULT_LIBRARY,
        _ => Modifiers::NONE,
    }
}

/// A reference's modifiers: `unresolved` when it names nothing.
fn resolved(snapshot: &Snapshot<'_>, location: Option<Location>) -> Modifiers {
    match location {
        Some(_) => builtin(snapshot, location),
        None => Modifiers::UNRESOLVED,
    }
}
