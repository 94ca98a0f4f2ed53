//! The reader behind `slots`: where in its statement each word stands, from the statement's
//! keyword, the last modifier and how many values came since.

use crate::ast::Item;
use crate::lines;
use crate::token::{Keyword, Token, TokenKind};
use crate::Span;

use super::{Slot, Use};

/// The statement a reader is in.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Place {
    statement: Option<Keyword>,
    /// Whether the statement stands in a framework, where `practice` defines a practice.
    in_framework: bool,
    /// Whether the statement's keyword is the one of its item (`profile` at the top level).
    heads_item: bool,
    /// The statement's keyword or the last modifier after it.
    keyword: Option<Keyword>,
    /// Values since `keyword`.
    values: usize,
}

/// Reads tokens in order and gives each its slot, applying the parser's two rules on lines: a
/// name first on its line continues no statement, and `industry` right after a keyword on the
/// same line is a value.
#[derive(Clone, Debug, Default)]
pub(super) struct SlotReader {
    pub place: Place,
    /// The end of the last token, comments included.
    pub previous_end: Option<usize>,
    /// The last token other than a comment.
    pub previous: Option<TokenKind>,
}

impl SlotReader {
    /// Whether a word starting at `start` is first on its line.
    pub fn line_start(&self, src: &str, start: usize) -> bool {
        lines::first_on_line(src, self.previous_end, start)
    }

    pub fn read(&mut self, src: &str, items: &[Item], token: Token) -> Option<Slot> {
        let line_start = self.line_start(src, token.span.start);
        self.previous_end = Some(token.span.end);
        if token.kind.is_comment() {
            return Some(Slot::Comment);
        }
        let after_keyword = matches!(self.previous, Some(TokenKind::Keyword(_)));
        self.previous = Some(token.kind);
        let place = &mut self.place;
        match token.kind {
            TokenKind::Keyword(Keyword::Industry) if !line_start && after_keyword => place.name(),
            TokenKind::Keyword(keyword) => {
                place.keyword(keyword, token.span, items);
                Some(Slot::Keyword(keyword))
            }
            TokenKind::LBrace | TokenKind::RBrace => {
                *place = Place::default();
                None
            }
            kind if line_start && !kind.may_continue_a_line() => {
                *place = Place::default();
                None
            }
            TokenKind::Ident => place.name(),
            TokenKind::ClauseRef => place.clause(),
            TokenKind::Int => {
                let level = place.keyword == Some(Keyword::Level) && place.values == 0;
                place.values += 1;
                Some(if level { Slot::Level } else { Slot::Number })
            }
            TokenKind::Date => place.value(Slot::Date),
            TokenKind::String => place.value(Slot::String),
            // Comments were answered above.
            TokenKind::Invalid(_)
            | TokenKind::Unknown
            | TokenKind::LineComment
            | TokenKind::BlockComment => {
                place.values += 1;
                None
            }
        }
    }
}

impl Place {
    pub fn statement(&self) -> Option<Keyword> {
        self.statement
    }

    fn keyword(&mut self, keyword: Keyword, span: Span, items: &[Item]) {
        if keyword.starts_statement() {
            let item = item_at(items, span.start);
            *self = Place {
                statement: Some(keyword),
                in_framework: matches!(item, Some(Item::Framework(_))),
                heads_item: item.is_some_and(|i| keyword_of(i) == Some(span)),
                keyword: Some(keyword),
                values: 0,
            };
        } else if self.statement.is_some() {
            self.keyword = Some(keyword);
            self.values = 0;
        }
    }

    fn value(&mut self, slot: Slot) -> Option<Slot> {
        self.values += 1;
        Some(slot)
    }

    fn clause(&mut self) -> Option<Slot> {
        let defined = self.statement == Some(Keyword::Clause)
            && self.keyword == Some(Keyword::Clause)
            && self.values == 0;
        self.values += 1;
        Some(Slot::Clause(if defined { Use::Define } else { Use::Refer }))
    }

    fn name(&mut self) -> Option<Slot> {
        let slot = self.name_here();
        self.values += 1;
        slot
    }

    /// What a name standing here would be: it depends on the statement, the keyword before it
    /// and, for the statement's first value, the item.
    pub fn name_here(&self) -> Option<Slot> {
        use Keyword as K;
        use Use::{Define, Refer};
        let index = self.values;
        let (statement, keyword) = (self.statement?, self.keyword?);
        let head = keyword == statement;
        Some(match (statement, keyword) {
            // `map … for operator integrator`: every name after `for` is a role.
            (K::Map, K::For) => Slot::Role,
            // `annex "A" iso27002`: the standard comes after the label.
            (K::Annex, K::Annex) if index <= 1 => Slot::Standard(Refer),
            _ if index > 0 => return None,
            (K::Profile, K::Profile) if self.heads_item => Slot::Profile(Define),
            (K::Profile, K::Profile) | (K::Extends, K::Extends) => Slot::Profile(Refer),
            (K::Assessment, K::Assessment) => Slot::Assessment,
            (K::Practice, K::Practice) if self.in_framework => Slot::Practice(Define),
            (K::Target | K::Practice | K::Map, _) if head => Slot::Practice(Refer),
            (K::Waive, K::For) => Slot::Practice(Refer),
            (K::Waive, K::Waive) => Slot::Code,
            (K::Follows | K::Supersedes, _) if head => Slot::Standard(Refer),
            (K::Standard, _) if head => Slot::Standard(Define),
            (K::Framework, _) if head => Slot::Framework,
            (K::Mapping, _) if head => Slot::Mapping,
            (K::Domain | K::Subdomain, _) if head => Slot::Domain(Define),
            (K::Subdomain | K::Practice, K::Parent) => Slot::Domain(Refer),
            (K::Role, K::Role) => Slot::Role,
            (_, K::Scope) => Slot::Scope,
            (K::Map, K::As) => Slot::Relationship,
            (K::Industry, K::Industry) => Slot::Industry,
            _ => return None,
        })
    }

    /// What a word typed here would be, for completion: a name's slot, a clause wherever one
    /// goes, or a level.
    pub fn expected(&self) -> Option<Slot> {
        use Keyword as K;
        let first = self.values == 0;
        match (self.statement?, self.keyword?) {
            (_, K::Level) if first => Some(Slot::Level),
            (K::Evidence, K::Implements) => Some(Slot::Clause(Use::Refer)),
            (K::Clause, K::Clause) if first => Some(Slot::Clause(Use::Define)),
            (K::Clause, K::Parent) | (K::Map, K::To | K::Via) if first => {
                Some(Slot::Clause(Use::Refer))
            }
            (K::Unmapped, K::Unmapped) | (K::Extend, K::Extend) if first => {
                Some(Slot::Clause(Use::Refer))
            }
            _ => self.name_here(),
        }
    }
}

/// The item whose span holds `offset`; items are in source order.
pub(super) fn item_at(items: &[Item], offset: usize) -> Option<&Item> {
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
