//! The chumsky grammar. It groups tokens into items, blocks and statements and recovers from
//! every mistake; `statement.rs` turns each statement's tokens into a typed node, reporting at
//! most one problem per statement so that one mistake gives one error.

use chumsky::input::{Input as _, MappedInput};
use chumsky::prelude::*;

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::lines;
use crate::statement::{self, Part, Raw, Word};
use crate::token::{Keyword, Token, TokenKind};
use crate::Span;

/// What the grammar sees of a token: its kind, and whether it is the first on its line. A plain
/// word at the start of a line never continues the previous statement, so a misspelt keyword
/// costs one error on its own line instead of corrupting the line above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: TokenKind,
    pub line_start: bool,
    /// First on its line and in column 0, where top-level items start.
    pub at_margin: bool,
}

impl Tok {
    fn starts_line_statement(self) -> bool {
        self.line_start && matches!(self.kind, TokenKind::Keyword(k) if k.starts_statement())
    }
}

pub(crate) type ParserInput<'t> = MappedInput<'t, Tok, SimpleSpan, &'t [(Tok, SimpleSpan)]>;
/// Custom errors carry a finished diagnostic; expected/found errors are worded in `errors.rs`.
pub(crate) type ParseError<'t> = Rich<'t, Tok, SimpleSpan, Box<Diagnostic>>;
type Extra<'t> = extra::Err<ParseError<'t>>;

pub(crate) fn parse_tokens(src: &str, tokens: &[Token]) -> (SourceFile, Vec<ParseError<'static>>) {
    let mut significant: Vec<(Tok, SimpleSpan)> = Vec::new();
    let mut previous_end = None;
    for token in tokens {
        // First on its line: only blanks (never a comment) between it and a line break.
        let line_start =
            previous_end.is_none_or(|end| lines::has_break(&src[end..token.span.start]));
        previous_end = Some(token.span.end);
        if token.kind.is_trivia() {
            continue;
        }
        let at_margin = line_start && lines::starts_line(src, token.span.start);
        let tok = Tok {
            kind: token.kind,
            line_start,
            at_margin,
        };
        significant.push((tok, SimpleSpan::from(token.span.range())));
    }
    let eoi = SimpleSpan::from(src.len()..src.len());
    let (file, errors) = file_parser(src)
        .parse(significant.as_slice().split_token_span(eoi))
        .into_output_errors();
    let errors = errors.into_iter().map(|e| e.into_owned()).collect();
    (file.unwrap_or_default(), errors)
}

fn span(s: SimpleSpan) -> Span {
    Span::new(s.start, s.end)
}

fn kind<'t>(kind: TokenKind) -> impl Parser<'t, ParserInput<'t>, Span, Extra<'t>> + Clone {
    any()
        .filter(move |t: &Tok| t.kind == kind)
        .map_with(|_, e| span(e.span()))
}

fn kw<'t>(keyword: Keyword) -> impl Parser<'t, ParserInput<'t>, Span, Extra<'t>> + Clone {
    kind(TokenKind::Keyword(keyword)).labelled(keyword.as_str())
}

fn close_brace<'t>() -> impl Parser<'t, ParserInput<'t>, Span, Extra<'t>> + Clone {
    kind(TokenKind::RBrace).labelled("}")
}

fn is_value(kind: TokenKind) -> bool {
    !matches!(
        kind,
        TokenKind::Keyword(_) | TokenKind::LBrace | TokenKind::RBrace
    )
}

/// A value that continues the current statement.
fn value<'t>() -> impl Parser<'t, ParserInput<'t>, Word, Extra<'t>> + Clone {
    any()
        .filter(|t: &Tok| {
            is_value(t.kind)
                && !(t.line_start
                    && matches!(
                        t.kind,
                        TokenKind::Ident | TokenKind::Invalid(_) | TokenKind::Unknown
                    ))
        })
        .map_with(|t: Tok, e| Word {
            kind: t.kind,
            span: span(e.span()),
        })
        .labelled("a value")
}

/// The scope names include `industry`, which is also a keyword; right after a modifier on the
/// same line it is a name.
fn scope_value<'t>() -> impl Parser<'t, ParserInput<'t>, Word, Extra<'t>> + Clone {
    any()
        .filter(|t: &Tok| t.kind == TokenKind::Keyword(Keyword::Industry) && !t.line_start)
        .map_with(|_, e| Word {
            kind: TokenKind::Ident,
            span: span(e.span()),
        })
        .or(value())
}

/// A statement's tokens up to its end: its keyword, then values and `modifier values...` in any
/// order. Which values are allowed where is decided in `statement.rs`.
fn raw<'t>(
    head: Keyword,
    modifiers: &'static [Keyword],
) -> impl Parser<'t, ParserInput<'t>, Raw, Extra<'t>> + Clone {
    let modifier = any()
        .filter(move |t: &Tok| matches!(t.kind, TokenKind::Keyword(m) if modifiers.contains(&m)))
        .map_with(|t: Tok, e| (t.kind, span(e.span())))
        .then(
            scope_value()
                .then(
                    value()
                        // A clause list ends where a date or a text starts: those belong to
                        // `expires` or `link`, and the hint says so.
                        .filter(|w: &Word| !matches!(w.kind, TokenKind::Date | TokenKind::String))
                        .repeated()
                        .collect::<Vec<_>>(),
                )
                .map(|(first, mut rest)| {
                    rest.insert(0, first);
                    rest
                })
                .or_not()
                .map(Option::unwrap_or_default),
        )
        .map(|((kind, kw_span), values)| {
            let TokenKind::Keyword(keyword) = kind else {
                unreachable!("filtered to keywords")
            };
            Part::Modifier {
                keyword,
                span: kw_span,
                values,
            }
        });
    kw(head)
        // `target industry level 2`: the first value may be the word `industry`.
        .then(scope_value().map(Part::Value).or_not())
        .then(
            modifier
                .or(value().map(Part::Value))
                .repeated()
                .collect::<Vec<_>>(),
        )
        .map_with(move |((kw_span, first), rest), e| Raw {
            keyword: head,
            keyword_span: kw_span,
            parts: first.into_iter().chain(rest).collect(),
            span: span(e.span()),
        })
}

/// Skips a statement the grammar does not know, without recursion (so 100,000 `{` cannot
/// overflow the stack): up to the next line that starts with a statement keyword, up to a `}`,
/// or past one balanced block. It refuses to start at `}`, at the end, or at a keyword in
/// `stop`, which lets an enclosing block take over when a closing brace was forgotten. At the
/// top level it skips to the next line starting with `profile` or `assessment`.
fn junk<'t>(
    stop: &'static [Keyword],
    top_level: bool,
) -> impl Parser<'t, ParserInput<'t>, Span, Extra<'t>> + Clone {
    custom(
        move |inp: &mut chumsky::input::InputRef<'t, '_, ParserInput<'t>, Extra<'t>>| {
            let before = inp.cursor();
            let refuse = match inp.peek() {
                None => true,
                Some(t) if t.kind == TokenKind::RBrace => !top_level,
                Some(t) => matches!(t.kind, TokenKind::Keyword(k) if stop.contains(&k)),
            };
            if refuse {
                return Err(Rich::custom(inp.span_since(&before), junk_refusal()));
            }
            let mut first = true;
            while let Some(token) = inp.peek() {
                let ends_here = match token.kind {
                    _ if first => false,
                    TokenKind::RBrace => !top_level,
                    TokenKind::Keyword(k) if top_level => token.line_start && stop.contains(&k),
                    _ => token.starts_line_statement(),
                };
                if ends_here {
                    break;
                }
                first = false;
                if token.kind == TokenKind::LBrace {
                    let mut depth = 0usize;
                    while let Some(token) = inp.peek() {
                        // An item at the left margin ends a top-level skip even inside an
                        // unbalanced `{`, so one stray brace cannot hide the rest of the file.
                        let item_at_margin = top_level
                            && depth > 0
                            && token.at_margin
                            && matches!(token.kind, TokenKind::Keyword(k) if stop.contains(&k));
                        if item_at_margin {
                            break;
                        }
                        inp.skip();
                        match token.kind {
                            TokenKind::LBrace => depth += 1,
                            TokenKind::RBrace => depth -= 1,
                            _ => {}
                        }
                        if depth == 0 {
                            break;
                        }
                    }
                    if !top_level {
                        break;
                    }
                } else {
                    inp.skip();
                }
            }
            Ok(span(inp.span_since(&before)))
        },
    )
}

fn junk_refusal() -> Box<Diagnostic> {
    // Never reported: a refused recovery leaves the original error in place.
    Box::new(Diagnostic::syntax(
        crate::diagnostic::SyntaxCode::UnexpectedToken,
        Span::default(),
        "no recovery here",
    ))
}

/// `{ entries }`, where a missing `}` is reported at the end of the block's content.
fn block<'t, F: Clone + 't>(
    entry: impl Parser<'t, ParserInput<'t>, F, Extra<'t>> + Clone + 't,
    entry_span: fn(&F) -> Span,
    what: &'static str,
) -> impl Parser<'t, ParserInput<'t>, Block<F>, Extra<'t>> + Clone {
    kind(TokenKind::LBrace)
        .then(entry.repeated().collect::<Vec<_>>())
        .then(close_brace().or_not())
        .validate(move |((open, mut entries), close), _, emitter| {
            // Blocks live as long as the tree: the spare capacity of a collect is dropped.
            entries.shrink_to_fit();
            if close.is_none() {
                let end = entries.last().map_or(open.end, |f| entry_span(f).end);
                emitter.emit(Rich::custom(
                    SimpleSpan::from(end..end),
                    Box::new(statement::unclosed_block(open, end, what)),
                ));
            }
            let end = close.map_or_else(
                || entries.last().map_or(open.end, |f| entry_span(f).end),
                |c| c.end,
            );
            Block {
                open,
                entries,
                close,
                span: Span::new(open.start, end),
            }
        })
}

pub(crate) const TOP: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
];
const IN_PROFILE: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
    Keyword::Industry,
    Keyword::Extends,
    Keyword::Follows,
    Keyword::Role,
    Keyword::Description,
    Keyword::Target,
];
const IN_ASSESSMENT: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
    Keyword::Follows,
    Keyword::Waive,
    Keyword::Role,
    Keyword::Date,
    Keyword::Assessor,
    Keyword::Description,
    Keyword::Practice,
];
const IN_FRAMEWORK: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
    Keyword::Source,
    Keyword::Domain,
    Keyword::Subdomain,
    Keyword::Practice,
];
const IN_STANDARD: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
    Keyword::Source,
    Keyword::Edition,
    Keyword::Supersedes,
    Keyword::Role,
    Keyword::Annex,
    Keyword::Clause,
];
const RATING_MODIFIERS: &[Keyword] = &[Keyword::Level, Keyword::Scope];
const EVIDENCE_MODIFIERS: &[Keyword] = &[
    Keyword::Implements,
    Keyword::Expires,
    Keyword::Link,
    Keyword::Stub,
];
const DEFINITION_MODIFIERS: &[Keyword] = &[Keyword::Parent];
const WAIVER_MODIFIERS: &[Keyword] = &[Keyword::For, Keyword::Expires];
const MAP_MODIFIERS: &[Keyword] = &[
    Keyword::Level,
    Keyword::To,
    Keyword::As,
    Keyword::For,
    Keyword::Via,
];
const IN_MAPPING: &[Keyword] = &[
    Keyword::Profile,
    Keyword::Assessment,
    Keyword::Framework,
    Keyword::Standard,
    Keyword::Extend,
    Keyword::Mapping,
    Keyword::Source,
    Keyword::Edition,
    Keyword::Map,
    Keyword::Unmapped,
];

/// Makes a typed node from a raw statement, with the statement's first problem.
type Build<T> = fn(&str, Raw) -> (T, Option<Diagnostic>);

/// Builds a typed node from a raw statement and emits its first problem, if any.
fn typed<'t, T>(
    parser: impl Parser<'t, ParserInput<'t>, Raw, Extra<'t>> + Clone,
    src: &'t str,
    build: Build<T>,
) -> impl Parser<'t, ParserInput<'t>, T, Extra<'t>> + Clone {
    parser.validate(move |raw, _, emitter| {
        let (node, problem) = build(src, raw);
        if let Some(problem) = problem {
            emitter.emit(Rich::custom(
                SimpleSpan::from(problem.span.range()),
                Box::new(problem),
            ));
        }
        node
    })
}

fn setting<'t, T>(
    src: &'t str,
    keyword: Keyword,
    build: Build<Setting<T>>,
) -> impl Parser<'t, ParserInput<'t>, Setting<T>, Extra<'t>> + Clone {
    typed(raw(keyword, &[]), src, build)
}

fn rating<'t, F: Clone + 't>(
    src: &'t str,
    keyword: Keyword,
    body: impl Parser<'t, ParserInput<'t>, Block<F>, Extra<'t>> + Clone + 't,
) -> impl Parser<'t, ParserInput<'t>, Rating<F>, Extra<'t>> + Clone {
    typed(raw(keyword, RATING_MODIFIERS), src, statement::rating)
        .then(body.or_not())
        .map(|(mut rating, body): (Rating<F>, _)| {
            if let Some(body) = &body {
                rating.span = rating.span.cover(body.span);
            }
            rating.body = body;
            rating
        })
}

/// `rationale` and `note`, the fields of a target's and of a map edge's block.
fn target_field<'t>(
    src: &'t str,
    label: &'static str,
    stop: &'static [Keyword],
) -> impl Parser<'t, ParserInput<'t>, TargetField, Extra<'t>> + Clone {
    choice((
        setting(src, Keyword::Rationale, statement::text_setting).map(TargetField::Rationale),
        setting(src, Keyword::Note, statement::text_setting).map(TargetField::Note),
    ))
    .labelled(label)
    .recover_with(via_parser(junk(stop, false).map(TargetField::Error)))
}

fn waiver_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, WaiverField, Extra<'t>> + Clone {
    choice((
        setting(src, Keyword::Reason, statement::text_setting).map(WaiverField::Reason),
        setting(src, Keyword::Owner, statement::text_setting).map(WaiverField::Owner),
    ))
    .labelled("waiver field")
    .recover_with(via_parser(
        junk(IN_ASSESSMENT, false).map(WaiverField::Error),
    ))
}

fn practice_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, PracticeField, Extra<'t>> + Clone {
    choice((
        typed(
            raw(Keyword::Evidence, EVIDENCE_MODIFIERS),
            src,
            statement::evidence,
        )
        .map(|e| PracticeField::Evidence(Box::new(e))),
        setting(src, Keyword::Note, statement::text_setting).map(PracticeField::Note),
    ))
    .labelled("practice field")
    .recover_with(via_parser(
        junk(IN_ASSESSMENT, false).map(PracticeField::Error),
    ))
}

fn profile_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, ProfileField, Extra<'t>> + Clone {
    let target_body = block(
        target_field(src, "target field", IN_PROFILE),
        TargetField::span,
        "target",
    );
    choice((
        rating(src, Keyword::Target, target_body).map(|t| ProfileField::Target(Box::new(t))),
        setting(src, Keyword::Industry, statement::name_setting).map(ProfileField::Industry),
        setting(src, Keyword::Extends, statement::name_setting).map(ProfileField::Extends),
        setting(src, Keyword::Follows, statement::name_setting).map(ProfileField::Follows),
        setting(src, Keyword::Role, statement::name_setting).map(ProfileField::Role),
        setting(src, Keyword::Description, statement::text_setting).map(ProfileField::Description),
    ))
    .labelled("profile field")
    .recover_with(via_parser(junk(TOP, false).map(ProfileField::Error)))
}

fn assessment_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, AssessmentField, Extra<'t>> + Clone {
    let practice_body = block(practice_field(src), PracticeField::span, "practice");
    // `profile NAME {` is a new top-level profile after a forgotten `}`, not this field.
    let profile_ref = setting(src, Keyword::Profile, statement::name_setting)
        .then_ignore(kind(TokenKind::LBrace).not().rewind());
    let waiver_body = block(waiver_field(src), WaiverField::span, "waive");
    let waiver = typed(
        raw(Keyword::Waive, WAIVER_MODIFIERS),
        src,
        statement::waiver,
    )
    .then(waiver_body.or_not())
    .map(|(mut waiver, body): (Waiver, _)| {
        if let Some(body) = &body {
            waiver.span = waiver.span.cover(body.span);
        }
        waiver.body = body;
        AssessmentField::Waiver(Box::new(waiver))
    });
    choice((
        rating(src, Keyword::Practice, practice_body)
            .map(|p| AssessmentField::Practice(Box::new(p))),
        waiver,
        profile_ref.map(AssessmentField::Profile),
        setting(src, Keyword::Follows, statement::name_setting).map(AssessmentField::Follows),
        setting(src, Keyword::Role, statement::name_setting).map(AssessmentField::Role),
        setting(src, Keyword::Date, statement::date_setting).map(AssessmentField::Date),
        setting(src, Keyword::Assessor, statement::text_setting).map(AssessmentField::Assessor),
        setting(src, Keyword::Description, statement::text_setting)
            .map(AssessmentField::Description),
    ))
    .labelled("assessment field")
    .recover_with(via_parser(junk(TOP, false).map(AssessmentField::Error)))
}

/// The fields of a definition's block; `stop` lists the keywords that end it when its `}` was
/// forgotten.
fn definition_field<'t>(
    src: &'t str,
    stop: &'static [Keyword],
) -> impl Parser<'t, ParserInput<'t>, DefinitionField, Extra<'t>> + Clone {
    choice((
        setting(src, Keyword::Description, statement::text_setting)
            .map(DefinitionField::Description),
        setting(src, Keyword::Objective, statement::text_setting).map(DefinitionField::Objective),
        typed(
            raw(Keyword::Comprehensiveness, &[]),
            src,
            statement::level_text,
        )
        .map(DefinitionField::Comprehensiveness),
        setting(src, Keyword::Text, statement::text_setting).map(DefinitionField::Text),
        setting(src, Keyword::SecurityLevel, statement::int_setting)
            .map(DefinitionField::SecurityLevel),
    ))
    .labelled("definition field")
    .recover_with(via_parser(junk(stop, false).map(DefinitionField::Error)))
}

/// `KEYWORD ID "Title" parent ID { ... }`.
fn definition<'t, Id: Clone + 't>(
    src: &'t str,
    keyword: Keyword,
    build: Build<Definition<Id>>,
    stop: &'static [Keyword],
) -> impl Parser<'t, ParserInput<'t>, Box<Definition<Id>>, Extra<'t>> + Clone {
    let body = block(
        definition_field(src, stop),
        DefinitionField::span,
        keyword.as_str(),
    );
    typed(raw(keyword, DEFINITION_MODIFIERS), src, build)
        .then(body.or_not())
        .map(|(mut definition, body): (Definition<Id>, _)| {
            if let Some(body) = &body {
                definition.span = definition.span.cover(body.span);
            }
            definition.body = body;
            Box::new(definition)
        })
}

fn framework_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, FrameworkField, Extra<'t>> + Clone {
    let named = |keyword| definition(src, keyword, statement::named_definition, IN_FRAMEWORK);
    choice((
        setting(src, Keyword::Description, statement::text_setting)
            .map(FrameworkField::Description),
        setting(src, Keyword::Source, statement::text_setting).map(FrameworkField::Source),
        named(Keyword::Domain).map(FrameworkField::Domain),
        named(Keyword::Subdomain).map(FrameworkField::Subdomain),
        named(Keyword::Practice).map(FrameworkField::Practice),
    ))
    .labelled("framework field")
    .recover_with(via_parser(junk(TOP, false).map(FrameworkField::Error)))
}

fn standard_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, StandardField, Extra<'t>> + Clone {
    choice((
        definition(
            src,
            Keyword::Clause,
            statement::clause_definition,
            IN_STANDARD,
        )
        .map(StandardField::Clause),
        setting(src, Keyword::Description, statement::text_setting).map(StandardField::Description),
        setting(src, Keyword::Source, statement::text_setting).map(StandardField::Source),
        setting(src, Keyword::Edition, statement::text_setting).map(StandardField::Edition),
        setting(src, Keyword::Supersedes, statement::name_setting).map(StandardField::Supersedes),
        setting(src, Keyword::Role, statement::name_setting).map(StandardField::Role),
        typed(raw(Keyword::Annex, &[]), src, statement::annex).map(StandardField::Annex),
    ))
    .labelled("standard field")
    .recover_with(via_parser(junk(TOP, false).map(StandardField::Error)))
}

fn mapping_field<'t>(
    src: &'t str,
) -> impl Parser<'t, ParserInput<'t>, MappingField, Extra<'t>> + Clone {
    let body = block(
        target_field(src, "map field", IN_MAPPING),
        TargetField::span,
        "map",
    );
    let edge = typed(raw(Keyword::Map, MAP_MODIFIERS), src, statement::map_edge)
        .then(body.or_not())
        .map(|(mut edge, body): (MapEdge, _)| {
            if let Some(body) = &body {
                edge.span = edge.span.cover(body.span);
            }
            edge.body = body;
            Box::new(edge)
        });
    // Only `rationale` in an unmapped block: the reason is the whole point of the line.
    let reason = setting(src, Keyword::Rationale, statement::text_setting)
        .map(TargetField::Rationale)
        .labelled("unmapped field")
        .recover_with(via_parser(junk(IN_MAPPING, false).map(TargetField::Error)));
    let unmapped = typed(raw(Keyword::Unmapped, &[]), src, statement::unmapped)
        .then(block(reason, TargetField::span, "unmapped").or_not())
        .map(|(mut unmapped, body): (Unmapped, _)| {
            if let Some(body) = &body {
                unmapped.span = unmapped.span.cover(body.span);
            }
            unmapped.body = body;
            Box::new(unmapped)
        });
    choice((
        edge.map(MappingField::Map),
        unmapped.map(MappingField::Unmapped),
        setting(src, Keyword::Description, statement::text_setting).map(MappingField::Description),
        setting(src, Keyword::Source, statement::text_setting).map(MappingField::Source),
        setting(src, Keyword::Edition, statement::text_setting).map(MappingField::Edition),
    ))
    .labelled("mapping field")
    .recover_with(via_parser(junk(TOP, false).map(MappingField::Error)))
}

/// How a top-level item is built from its header, and how its body joins it.
trait Headed<F>: Sized {
    fn build(src: &str, raw: Raw, has_body: bool) -> (Self, Option<Diagnostic>);
    fn attach(&mut self, body: Option<Block<F>>, rest: Option<Span>);
}

impl<F> Headed<F> for Declaration<F> {
    fn build(src: &str, raw: Raw, has_body: bool) -> (Self, Option<Diagnostic>) {
        statement::declaration::<F>(src, raw, has_body)
    }

    fn attach(&mut self, body: Option<Block<F>>, rest: Option<Span>) {
        for span in body.iter().map(|b| b.span).chain(rest) {
            self.span = self.span.cover(span);
        }
        self.body = body;
    }
}

impl Headed<DefinitionField> for Extension {
    fn build(src: &str, raw: Raw, has_body: bool) -> (Self, Option<Diagnostic>) {
        statement::extension(src, raw, has_body)
    }

    fn attach(&mut self, body: Option<Block<DefinitionField>>, rest: Option<Span>) {
        for span in body.iter().map(|b| b.span).chain(rest) {
            self.span = self.span.cover(span);
        }
        self.body = body;
    }
}

fn item<'t, F: Clone + 't, T: Headed<F>>(
    src: &'t str,
    keyword: Keyword,
    body: impl Parser<'t, ParserInput<'t>, Block<F>, Extra<'t>> + Clone + 't,
) -> impl Parser<'t, ParserInput<'t>, T, Extra<'t>> + Clone {
    raw(keyword, &[])
        .then(choice((
            body.map(|body| (Some(body), None)),
            // Without `{`, what follows up to the next item belongs to this one: one error.
            junk(TOP, true).or_not().map(|rest| (None, rest)),
        )))
        .validate(move |(raw, (body, rest)), _, emitter| {
            let (mut node, problem) = T::build(src, raw, body.is_some());
            if let Some(problem) = problem {
                emitter.emit(Rich::custom(
                    SimpleSpan::from(problem.span.range()),
                    Box::new(problem),
                ));
            }
            node.attach(body, rest);
            node
        })
}

fn file_parser<'t>(src: &'t str) -> impl Parser<'t, ParserInput<'t>, SourceFile, Extra<'t>> {
    let profile = item(
        src,
        Keyword::Profile,
        block(profile_field(src), ProfileField::span, "profile"),
    );
    let assessment = item(
        src,
        Keyword::Assessment,
        block(assessment_field(src), AssessmentField::span, "assessment"),
    );
    let framework = item(
        src,
        Keyword::Framework,
        block(framework_field(src), FrameworkField::span, "framework"),
    );
    let standard = item(
        src,
        Keyword::Standard,
        block(standard_field(src), StandardField::span, "standard"),
    );
    let mapping = item(
        src,
        Keyword::Mapping,
        block(mapping_field(src), MappingField::span, "mapping"),
    );
    let extension = item(
        src,
        Keyword::Extend,
        block(definition_field(src, TOP), DefinitionField::span, "extend"),
    );
    // Boxed, so that each item's parser is its own call frame: unboxed, the whole grammar's
    // state is nested in one value and a debug build needs over 256 KiB of stack.
    choice((
        profile.map(Item::Profile).boxed(),
        assessment.map(Item::Assessment).boxed(),
        framework.map(Item::Framework).boxed(),
        standard.map(Item::Standard).boxed(),
        extension.map(Item::Extension).boxed(),
        mapping.map(Item::Mapping).boxed(),
    ))
    .labelled("top-level item")
    .recover_with(via_parser(junk(TOP, true).map(Item::Error)))
    .repeated()
    .collect::<Vec<_>>()
    .then_ignore(end())
    .map(|items| SourceFile { items })
}
