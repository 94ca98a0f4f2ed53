//! Semantic tokens: what each word of a file means, so that an editor can colour a practice
//! differently from a profile even though both are kebab-case names. Read from the parser's
//! tokens and the statement each stands in, like `subject`, so a file with syntax errors is
//! coloured too; invalid words and unknown characters get no token (their diagnostics show
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
use smm_syntax::ast::Item;
use smm_syntax::{lines, Keyword, Span, TokenKind};

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
    let items = &source.parse.file.items;
    let wanted = range.unwrap_or(Span::new(0, text.len()));
    let mut place = Place::default();
    let mut previous_end: Option<usize> = None;
    let mut previous_kind: Option<TokenKind> = None;
    let mut found = Vec::new();
    for token in &source.parse.tokens {
        // Words before the range still set the place of those in it.
        if token.span.start >= wanted.end {
            break;
        }
        // As the parser reads it: only blanks, never a comment, between a line break and it.
        let line_start =
            previous_end.is_none_or(|end| lines::has_break(&text[end..token.span.start]));
        previous_end = Some(token.span.end);
        let word = &text[token.span.range()];
        let meaning = match token.kind {
            TokenKind::LineComment | TokenKind::BlockComment => {
                Some((TokenType::Comment, Modifiers::NONE))
            }
            kind => {
                let after_keyword = matches!(previous_kind, Some(TokenKind::Keyword(_)));
                previous_kind = Some(kind);
                match kind {
                    // `scope industry`, `target industry`: a value, as the parser reads it.
                    TokenKind::Keyword(Keyword::Industry) if !line_start && after_keyword => {
                        place.name(snapshot, word)
                    }
                    TokenKind::Keyword(keyword) => {
                        place.keyword(keyword, token.span, items);
                        Some((TokenType::Keyword, Modifiers::NONE))
                    }
                    TokenKind::LBrace | TokenKind::RBrace => {
                        place = Place::default();
                        None
                    }
                    // A word first on its line starts no statement and continues none.
                    TokenKind::Ident | TokenKind::Invalid(_) | TokenKind::Unknown if line_start => {
                        place = Place::default();
                        None
                    }
                    TokenKind::Ident => place.name(snapshot, word),
                    TokenKind::ClauseRef => place.clause(snapshot, word),
                    TokenKind::Int => place.value(TokenType::Number),
                    TokenKind::Date => place.value(TokenType::Date),
                    TokenKind::String => place.value(TokenType::String),
                    _ => place.value_without_token(),
                }
            }
        };
        let Some((kind, modifiers)) = meaning else {
            continue;
        };
        for span in line_pieces(text, token.span) {
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

/// What the values of the current statement are, from its keyword, the last modifier and how
/// many values came since.
#[derive(Clone, Copy, Debug, Default)]
struct Place {
    statement: Option<Keyword>,
    /// The item the statement's keyword heads or stands in.
    item: Option<ItemKind>,
    /// Whether the statement's keyword is the one of its item (`profile` at the top level).
    heads_item: bool,
    /// The statement's keyword or the last modifier after it.
    keyword: Option<Keyword>,
    /// Values since `keyword`.
    values: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ItemKind {
    Framework,
    Other,
}

impl Place {
    fn keyword(&mut self, keyword: Keyword, span: Span, items: &[Item]) {
        if keyword.starts_statement() {
            let item = item_at(items, span.start);
            *self = Place {
                statement: Some(keyword),
                item: item.map(|i| match i {
                    Item::Framework(_) => ItemKind::Framework,
                    _ => ItemKind::Other,
                }),
                heads_item: item.is_some_and(|i| keyword_of(i) == Some(span)),
                keyword: Some(keyword),
                values: 0,
            };
        } else if self.statement.is_some() {
            self.keyword = Some(keyword);
            self.values = 0;
        }
    }

    fn value(&mut self, kind: TokenType) -> Option<(TokenType, Modifiers)> {
        self.values += 1;
        Some((kind, Modifiers::NONE))
    }

    fn value_without_token(&mut self) -> Option<(TokenType, Modifiers)> {
        self.values += 1;
        None
    }

    fn clause(
        &mut self,
        snapshot: &Snapshot<'_>,
        reference: &str,
    ) -> Option<(TokenType, Modifiers)> {
        let defined = self.statement == Some(Keyword::Clause)
            && self.keyword == Some(Keyword::Clause)
            && self.values == 0;
        self.values += 1;
        let location = snapshot.model.clause(reference).map(|c| c.location);
        let modifiers = match defined {
            true => Modifiers::DECLARATION | builtin(snapshot, location),
            false => resolved(snapshot, location),
        };
        Some((TokenType::Clause, modifiers))
    }

    /// A name: what it names depends on the statement, the keyword before it and, for the
    /// statement's first value, the item.
    fn name(&mut self, snapshot: &Snapshot<'_>, word: &str) -> Option<(TokenType, Modifiers)> {
        use Keyword as K;
        let index = self.values;
        self.values += 1;
        let (statement, keyword) = (self.statement?, self.keyword?);
        let model = snapshot.model;
        // Looked up only where the place asks for them.
        let practice = || model.practice(word).map(|p| p.location);
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
        let head = keyword == statement;
        let meaning = match (statement, keyword) {
            (K::Map, K::For) => (TokenType::Vocabulary, known(Role::from_id(word).is_some())),
            // `annex "A" iso27002`: the standard comes after the label.
            (K::Annex, K::Annex) if index <= 1 => {
                (TokenType::Catalog, resolved(snapshot, catalog()))
            }
            _ if index > 0 => return None,
            (K::Profile, K::Profile) if self.heads_item => (TokenType::Profile, defined),
            (K::Profile, K::Profile) | (K::Extends, K::Extends) => {
                let known = known(snapshot.analysis.profiles.contains_key(word));
                (TokenType::Profile, known)
            }
            (K::Assessment, K::Assessment) => (TokenType::Assessment, defined),
            (K::Practice, K::Practice) if self.item == Some(ItemKind::Framework) => {
                (TokenType::Practice, defined | builtin(snapshot, practice()))
            }
            (K::Target | K::Practice | K::Map, _) if head => {
                (TokenType::Practice, resolved(snapshot, practice()))
            }
            (K::Waive, K::For) => (TokenType::Practice, resolved(snapshot, practice())),
            (K::Waive, K::Waive) => {
                let code = smm_check::codes::lookup(&format!("check::{word}"));
                (TokenType::Code, known(code.is_some()))
            }
            (K::Follows | K::Supersedes, _) if head => {
                (TokenType::Catalog, resolved(snapshot, catalog()))
            }
            (K::Framework | K::Standard | K::Mapping, _) if head => {
                (TokenType::Catalog, defined | builtin(snapshot, catalog()))
            }
            (K::Domain | K::Subdomain, _) if head => {
                (TokenType::Domain, defined | builtin(snapshot, domain()))
            }
            (K::Subdomain | K::Practice, K::Parent) => {
                (TokenType::Domain, resolved(snapshot, domain()))
            }
            (K::Role, K::Role) => (TokenType::Vocabulary, known(Role::from_id(word).is_some())),
            (_, K::Scope) => (TokenType::Vocabulary, known(Scope::from_id(word).is_some())),
            (K::Map, K::As) => {
                let known = known(Relationship::from_id(word).is_some());
                (TokenType::Vocabulary, known)
            }
            (K::Industry, K::Industry) => (TokenType::Industry, Modifiers::NONE),
            _ => return None,
        };
        Some(meaning)
    }
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

/// The item whose span holds `offset`; items are in source order.
fn item_at(items: &[Item], offset: usize) -> Option<&Item> {
    let after = items.partition_point(|i| i.span().start <= offset);
    let item = items.get(after.checked_sub(1)?)?;
    (offset < item.span().end).then_some(item)
}

/// The span of the keyword that starts an item.
fn keyword_of(item: &Item) -> Option<Span> {
    match item {
        Item::Profile(p) => Some(p.keyword),
        Item::Assessment(a) => Some(a.keyword),
        Item::Framework(f) => Some(f.keyword),
        Item::Standard(s) => Some(s.keyword),
        Item::Mapping(m) => Some(m.keyword),
        Item::Extension(e) => Some(e.keyword),
        Item::Error(_) => None,
    }
}
