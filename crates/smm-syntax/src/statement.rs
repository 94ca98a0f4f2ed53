//! Typed nodes from raw statements. Each builder walks the statement's parts in order and keeps
//! the first problem only: a statement with one mistake reports one error, never a cascade.

use crate::ast::*;
use crate::diagnostic::{Diagnostic, SyntaxCode};
use crate::suggest::did_you_mean;
use crate::token::{BadWord, Keyword, TokenKind};
use crate::Span;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Word {
    pub kind: TokenKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub(crate) enum Part {
    Value(Word),
    Modifier {
        keyword: Keyword,
        span: Span,
        values: Vec<Word>,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Raw {
    pub keyword: Keyword,
    pub keyword_span: Span,
    pub parts: Vec<Part>,
    pub span: Span,
}

/// Keeps the first problem found.
#[derive(Default)]
struct Problem(Option<Diagnostic>);

impl Problem {
    fn add(&mut self, diagnostic: Diagnostic) {
        self.0.get_or_insert(diagnostic);
    }

    /// Builds the diagnostic only when it will be kept: a line of 100,000 stray words costs
    /// one message, not 100,000.
    fn add_with(&mut self, diagnostic: impl FnOnce() -> Diagnostic) {
        if self.0.is_none() {
            self.0 = Some(diagnostic());
        }
    }

    fn take<T>(&mut self, result: Result<T, Box<Diagnostic>>) -> Option<T> {
        result.map_err(|d| self.add(*d)).ok()
    }
}

/// What a keyword expects after it, in words, and an example line.
fn expectation(keyword: Keyword) -> (&'static str, &'static str) {
    match keyword {
        Keyword::Profile => ("a profile name", "profile factory-baseline"),
        Keyword::Assessment => (
            "an assessment name",
            "assessment line-4 \"Packaging line 4\" { }",
        ),
        Keyword::Industry => ("an industry name", "industry manufacturing"),
        Keyword::Extends => (
            "the name of the profile to extend",
            "extends general-baseline",
        ),
        Keyword::Follows => (
            "the id of the edition to follow",
            "follows iec62443-2-1-2010",
        ),
        Keyword::Role => ("a role", "role asset-owner"),
        Keyword::Waive => (
            "the check code to waive",
            "waive unmet-target for access-control expires 2027-03-31 { reason \"…\" owner \"…\" }",
        ),
        Keyword::Reason => ("a quoted reason", "reason \"Replacement HMIs arrive in March\""),
        Keyword::Owner => ("a quoted owner", "owner \"R. Okafor\""),
        Keyword::Description => ("a quoted description", "description \"Why this exists\""),
        Keyword::Target => (
            "a practice id",
            "target access-control level 3 scope industry",
        ),
        Keyword::Practice => (
            "a practice id",
            "practice access-control level 2 scope industry",
        ),
        Keyword::Level => ("a level number", "level 3"),
        Keyword::Scope => ("a scope", "scope industry"),
        Keyword::Rationale => ("a quoted rationale", "rationale \"Why this level\""),
        Keyword::Note => ("a quoted note", "note \"What remains open\""),
        Keyword::Date => ("a date", "date 2026-10-01"),
        Keyword::Assessor => ("the assessor's name in quotes", "assessor \"A. Assessor\""),
        Keyword::Evidence => (
            "a quoted description of the evidence",
            "evidence \"Quarterly account review\" implements iso27002:5.15",
        ),
        Keyword::Implements => ("a clause reference", "implements iec62443-3-3:SR1.1"),
        Keyword::Expires => ("a date", "expires 2027-09-30"),
        Keyword::Link => ("a quoted path or URL", "link \"docs/review.pdf\""),
        Keyword::Stub => ("nothing", "evidence \"Account review records\" implements iso27002:5.18 stub"),
        Keyword::Framework => ("a framework id", "framework smm \"IoT Security Maturity Model\" { }"),
        Keyword::Standard => ("a standard id", "standard iso27002 \"Information security controls\" { }"),
        Keyword::Extend => ("a clause reference", "extend iec62443-3-3:SR1.1 { text \"...\" }"),
        Keyword::Domain => ("a domain id", "domain governance \"Governance\""),
        Keyword::Subdomain => (
            "a subdomain id",
            "subdomain threat-modeling-sub \"Threat Modeling\" parent governance",
        ),
        Keyword::Objective => ("a quoted objective", "objective \"What the practice is for\""),
        Keyword::Comprehensiveness => (
            "a level number and a quoted text",
            "comprehensiveness 3 \"What level 3 means for this practice\"",
        ),
        Keyword::Source => ("a quoted source", "source \"Where the identifiers come from\""),
        Keyword::Edition => ("a quoted edition", "edition \"2 (2024)\""),
        Keyword::Supersedes => ("a standard id", "supersedes iec62443-2-1-2010"),
        Keyword::Clause => (
            "a clause reference",
            "clause iec62443-3-3:SR1.1 \"Human user identification and authentication\" parent iec62443-3-3:FR1",
        ),
        Keyword::Parent => (
            "the id of the parent",
            "parent iec62443-3-3:FR1 (for a clause) or parent governance (for a subdomain)",
        ),
        Keyword::Annex => ("a quoted annex label and a standard id", "annex \"A\" iso27002"),
        Keyword::Text => ("a quoted text", "text \"A paragraph you hold a licence for\""),
        Keyword::SecurityLevel => ("a security level from 1 to 4", "security-level 3"),
        Keyword::Mapping => ("a mapping id", "mapping my-mapping \"Our mapping\" { }"),
        Keyword::Map => (
            "a practice id",
            "map access-control level 2 to iec62443-3-3:SR2.1 as subset for asset-owner",
        ),
        Keyword::To => ("a clause reference", "to iec62443-3-3:SR2.1"),
        Keyword::As => ("a relationship", "as subset"),
        Keyword::For => (
            "roles (on a `map` line) or a practice (on a `waive` line)",
            "for asset-owner product-supplier, or for access-control",
        ),
        Keyword::Via => ("a clause reference", "via iec62443:SL2"),
        Keyword::Unmapped => (
            "a clause reference",
            "unmapped iec62443-4-2:CR7.5 { rationale \"Why no practice maps it\" }",
        ),
    }
}

fn missing(keyword: Keyword, keyword_span: Span) -> Diagnostic {
    let (what, example) = expectation(keyword);
    Diagnostic::syntax(
        SyntaxCode::MissingValue,
        keyword_span,
        format!("missing {what} after `{}`", keyword.as_str()),
    )
    .with_label(format!("expected {what} after this"))
    .with_help(format!("for example: {example}"))
}

pub(crate) fn describe(src: &str, word: Word) -> String {
    let text = &src[word.span.range()];
    match word.kind {
        TokenKind::String => format!("text {text}"),
        TokenKind::Int => format!("number `{text}`"),
        TokenKind::Date => format!("date `{text}`"),
        TokenKind::ClauseRef => format!("clause reference `{text}`"),
        TokenKind::Keyword(_) => format!("keyword `{text}`"),
        TokenKind::LBrace => "`{`".into(),
        TokenKind::RBrace => "`}`".into(),
        _ => format!("`{text}`"),
    }
}

/// The error for a word the lexer could not classify, wherever it stands.
fn bad_word(src: &str, word: Word, reason: BadWord) -> Diagnostic {
    let text = &src[word.span.range()];
    let label = match reason {
        BadWord::ClauseWithoutStandard => "no standard before the clause",
        BadWord::MalformedClause => "not of the form STANDARD:CLAUSE",
        BadWord::MalformedNumberOrDate => "expected a whole number or YYYY-MM-DD",
        BadWord::NotKebabCase => "not a lowercase kebab-case name",
    };
    let (message, help) = match reason {
        BadWord::ClauseWithoutStandard => (
            format!("`{text}` names a clause but not its standard"),
            {
                let standard = if text.starts_with("A.") {
                    "iso27001"
                } else if text.starts_with(|c: char| c.is_ascii_digit()) {
                    "iso27002"
                } else {
                    "iec62443-3-3"
                };
                format!("write a clause as STANDARD:CLAUSE, for example `{standard}:{text}`")
            },
        ),
        BadWord::MalformedClause => (
            format!("`{text}` is not a valid clause reference"),
            "write STANDARD:CLAUSE: a lowercase standard id, a colon and the clause's own identifier without spaces, for example `iso27002:5.15`".into(),
        ),
        BadWord::MalformedNumberOrDate => (
            format!("`{text}` is neither a number nor a date"),
            "levels are whole numbers such as `3`; dates are written YYYY-MM-DD, for example `2026-01-31`".into(),
        ),
        BadWord::NotKebabCase => {
            let kebab = text.to_lowercase().replace('_', "-");
            let help = if crate::lexer::is_ident(&kebab) {
                format!("names are lowercase words joined by hyphens: `{kebab}`")
            } else {
                "names are lowercase ASCII letters and digits joined by hyphens, for example `access-control`".into()
            };
            (format!("`{text}` is not a valid name"), help)
        }
    };
    Diagnostic::syntax(SyntaxCode::InvalidValue, word.span, message)
        .with_label(label)
        .with_help(help)
}

pub(crate) fn unknown_character(src: &str, span: Span) -> Diagnostic {
    let c = src[span.range()].chars().next().unwrap_or(' ');
    // The lexer makes a run of one character one token; the error names the first.
    let span = Span::new(span.start, span.start + c.len_utf8().min(span.len()));
    Diagnostic::syntax(
        SyntaxCode::UnexpectedCharacter,
        span,
        format!("unexpected character `{}`", c.escape_debug()),
    )
    .with_label("this character has no meaning here")
    .with_help(crate::lexer::character_help(c))
}

fn wrong(src: &str, keyword: Keyword, word: Word) -> Diagnostic {
    if word.kind == TokenKind::Unknown {
        return unknown_character(src, word.span);
    }
    let (what, example) = expectation(keyword);
    let wants_text = what.contains("quote");
    match word.kind {
        // `security-level SL2`: the level is the number alone.
        TokenKind::Invalid(_) | TokenKind::Ident if keyword == Keyword::SecurityLevel => {
            let text = &src[word.span.range()];
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let help = if digits.is_empty() {
                "write the security level as a number from 1 to 4: `security-level 3`".to_string()
            } else {
                format!("write the number alone: `security-level {digits}`")
            };
            return Diagnostic::syntax(
                SyntaxCode::InvalidValue,
                word.span,
                format!("`{text}` is not a security level"),
            )
            .with_label("expected a number from 1 to 4")
            .with_help(help);
        }
        TokenKind::Invalid(BadWord::NotKebabCase) if keyword == Keyword::Implements => {}
        TokenKind::Invalid(reason) if !wants_text => return bad_word(src, word, reason),
        TokenKind::Ident | TokenKind::Invalid(_) if wants_text => {
            let text = &src[word.span.range()];
            return Diagnostic::syntax(
                SyntaxCode::InvalidValue,
                word.span,
                format!(
                    "expected {what} after `{}`, found `{text}`",
                    keyword.as_str()
                ),
            )
            .with_label("text must be in double quotes")
            .with_help(format!("put the whole text in double quotes: {example}"));
        }
        _ => {}
    }
    Diagnostic::syntax(
        SyntaxCode::InvalidValue,
        word.span,
        format!(
            "expected {what} after `{}`, found {}",
            keyword.as_str(),
            describe(src, word)
        ),
    )
    .with_label(format!("expected {what}"))
    .with_help(format!("for example: {example}"))
}

/// A value that belongs to no slot of the statement.
fn stray(src: &str, raw: &Raw, word: Word, has: &[Keyword]) -> Diagnostic {
    match word.kind {
        TokenKind::Invalid(reason) => return bad_word(src, word, reason),
        TokenKind::Unknown => return unknown_character(src, word.span),
        _ => {}
    }
    let text = &src[word.span.range()];
    let statement = raw.keyword.as_str();
    let help = match word.kind {
        TokenKind::Ident => did_you_mean(text, Keyword::ALL.iter().map(|k| k.as_str()))
            .map(|k| format!("did you mean the keyword `{k}`?")),
        TokenKind::Int
            if !has.contains(&Keyword::Level)
                && !matches!(raw.keyword, Keyword::Evidence | Keyword::SecurityLevel) =>
        {
            Some(format!("write the level as `level {text}`"))
        }
        TokenKind::ClauseRef if raw.keyword == Keyword::Evidence => Some(format!(
            "list clauses after `implements`: `implements {text}`"
        )),
        TokenKind::Date if raw.keyword == Keyword::Evidence => {
            Some(format!("an expiry date is written `expires {text}`"))
        }
        _ => None,
    }
    .unwrap_or_else(|| {
        let (_, example) = expectation(raw.keyword);
        let article = if statement.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} `{statement}` line reads like: {example}")
    });
    Diagnostic::syntax(
        SyntaxCode::UnexpectedToken,
        word.span,
        format!("unexpected {} in `{statement}`", describe(src, word)),
    )
    .with_label("this does not belong here")
    .with_help(help)
}

fn duplicate(keyword: Keyword, span: Span, first: Span) -> Diagnostic {
    Diagnostic::syntax(
        SyntaxCode::DuplicateModifier,
        span,
        format!("`{}` is given twice", keyword.as_str()),
    )
    .with_label("second occurrence")
    .with_related(first, "first given here")
    .with_help("keep one of them")
}

fn keywords(seen: &[(Keyword, Span)]) -> Vec<Keyword> {
    seen.iter().map(|(k, _)| *k).collect()
}

/// Records a modifier, or reports it as given twice.
fn first_time(
    seen: &mut Vec<(Keyword, Span)>,
    problem: &mut Problem,
    keyword: Keyword,
    span: Span,
) -> bool {
    if let Some((_, first)) = seen.iter().find(|(k, _)| *k == keyword) {
        problem.add(duplicate(keyword, span, *first));
        return false;
    }
    seen.push((keyword, span));
    true
}

fn name(src: &str, keyword: Keyword, word: Word) -> Result<Name, Box<Diagnostic>> {
    match word.kind {
        TokenKind::Ident => Ok(Name {
            text: src[word.span.range()].to_string(),
            span: word.span,
        }),
        _ => Err(Box::new(wrong(src, keyword, word))),
    }
}

fn text(src: &str, keyword: Keyword, word: Word) -> Result<Text, Box<Diagnostic>> {
    match word.kind {
        TokenKind::String => Ok(Text {
            value: unescape(&src[word.span.range()]),
            span: word.span,
        }),
        _ => Err(Box::new(wrong(src, keyword, word))),
    }
}

fn int(src: &str, keyword: Keyword, word: Word) -> Result<Int, Box<Diagnostic>> {
    match word.kind {
        TokenKind::Int => {
            let text = &src[word.span.range()];
            Ok(Int {
                text: text.to_string(),
                value: text.parse().ok(),
                span: word.span,
            })
        }
        _ => Err(Box::new(wrong(src, keyword, word))),
    }
}

fn date(src: &str, keyword: Keyword, word: Word) -> Result<Date, Box<Diagnostic>> {
    match word.kind {
        TokenKind::Date => {
            let text = &src[word.span.range()];
            let number = |range: std::ops::Range<usize>| text[range].parse().unwrap_or(0);
            Ok(Date {
                year: number(0..4),
                month: number(5..7) as u8,
                day: number(8..10) as u8,
                span: word.span,
            })
        }
        TokenKind::Int | TokenKind::Invalid(BadWord::MalformedNumberOrDate) => Err(Box::new(
            wrong(src, keyword, word)
                .with_help("dates are written YYYY-MM-DD, for example 2026-01-31"),
        )),
        _ => Err(Box::new(wrong(src, keyword, word))),
    }
}

fn clause_ref(src: &str, keyword: Keyword, word: Word) -> Result<ClauseRef, Box<Diagnostic>> {
    match word.kind {
        TokenKind::ClauseRef => clause(src, word),
        _ => Err(Box::new(wrong(src, keyword, word))),
    }
}

fn clause(src: &str, word: Word) -> Result<ClauseRef, Box<Diagnostic>> {
    match word.kind {
        TokenKind::ClauseRef => {
            let (standard, clause) = src[word.span.range()]
                .split_once(':')
                .expect("the lexer only makes clause references with a colon");
            Ok(ClauseRef {
                standard: standard.to_string(),
                clause: clause.to_string(),
                span: word.span,
            })
        }
        _ => Err(Box::new(wrong(src, Keyword::Implements, word))),
    }
}

/// Resolves `\"`, `\\`, `\n` and `\t`; anything else was reported by the lexer and is kept.
fn unescape(literal: &str) -> String {
    let inner = literal.strip_prefix('"').unwrap_or(literal);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    if !inner.contains('\\') {
        return inner.to_string();
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other @ ('"' | '\\')) => out.push(other),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// `keyword value` settings: exactly one value, of the kind `convert` accepts.
fn single<T>(
    src: &str,
    raw: Raw,
    convert: fn(&str, Keyword, Word) -> Result<T, Box<Diagnostic>>,
) -> (Setting<T>, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let mut value = None;
    for (i, part) in raw.parts.iter().enumerate() {
        match part {
            Part::Value(word) if i == 0 => value = problem.take(convert(src, raw.keyword, *word)),
            Part::Value(word) => problem.add_with(|| stray(src, &raw, *word, &[])),
            Part::Modifier { .. } => unreachable!("settings take no modifiers"),
        }
    }
    if raw.parts.is_empty() {
        problem.add(missing(raw.keyword, raw.keyword_span));
    }
    let setting = Setting {
        keyword: raw.keyword_span,
        value,
        span: raw.span,
    };
    (setting, problem.0)
}

pub(crate) fn name_setting(src: &str, raw: Raw) -> (Setting<Name>, Option<Diagnostic>) {
    single(src, raw, name)
}

pub(crate) fn text_setting(src: &str, raw: Raw) -> (Setting<Text>, Option<Diagnostic>) {
    single(src, raw, text)
}

pub(crate) fn int_setting(src: &str, raw: Raw) -> (Setting<Int>, Option<Diagnostic>) {
    single(src, raw, int)
}

pub(crate) fn date_setting(src: &str, raw: Raw) -> (Setting<Date>, Option<Diagnostic>) {
    single(src, raw, date)
}

/// A modifier's single value, with extra values reported as strays.
fn modifier_value<T>(
    src: &str,
    raw: &Raw,
    problem: &mut Problem,
    (keyword, span, values): (Keyword, Span, &[Word]),
    seen: &[Keyword],
    convert: fn(&str, Keyword, Word) -> Result<T, Box<Diagnostic>>,
) -> Setting<T> {
    let value = match values.first() {
        Some(word) => problem.take(convert(src, keyword, *word)),
        None => {
            problem.add(missing(keyword, span));
            None
        }
    };
    for word in values.iter().skip(1) {
        problem.add_with(|| stray(src, raw, *word, seen));
    }
    let end = values.last().map_or(span.end, |w| w.span.end);
    Setting {
        keyword: span,
        value,
        span: Span::new(span.start, end),
    }
}

pub(crate) fn rating<F>(src: &str, raw: Raw) -> (Rating<F>, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let mut practice = None;
    let mut level: Option<Setting<Int>> = None;
    let mut scope: Option<Setting<Name>> = None;
    let mut seen = Vec::new();
    if !matches!(raw.parts.first(), Some(Part::Value(_))) {
        problem.add(missing(raw.keyword, raw.keyword_span));
    }
    for (i, part) in raw.parts.iter().enumerate() {
        match part {
            Part::Value(word) if i == 0 => practice = problem.take(name(src, raw.keyword, *word)),
            Part::Value(word) => problem.add_with(|| stray(src, &raw, *word, &seen)),
            Part::Modifier {
                keyword,
                span,
                values,
            } => {
                let slot_span = match keyword {
                    Keyword::Level => level.as_ref().map(|s| s.keyword),
                    _ => scope.as_ref().map(|s| s.keyword),
                };
                if let Some(first) = slot_span {
                    problem.add(duplicate(*keyword, *span, first));
                    continue;
                }
                seen.push(*keyword);
                if *keyword == Keyword::Level {
                    level = Some(modifier_value(
                        src,
                        &raw,
                        &mut problem,
                        (*keyword, *span, values),
                        &seen,
                        int,
                    ));
                } else {
                    scope = Some(modifier_value(
                        src,
                        &raw,
                        &mut problem,
                        (*keyword, *span, values),
                        &seen,
                        name,
                    ));
                }
            }
        }
    }
    if level.is_none() {
        let statement = raw.keyword.as_str();
        problem.add(
            Diagnostic::syntax(
                SyntaxCode::MissingLevel,
                raw.keyword_span,
                format!("`{statement}` needs a level"),
            )
            .with_label("no `level N` in this line")
            .with_help(format!(
                "add the comprehensiveness level, for example: {}",
                expectation(raw.keyword).1
            )),
        );
    }
    let rating = Rating {
        keyword: raw.keyword_span,
        practice,
        level,
        scope,
        body: None,
        span: raw.span,
    };
    (rating, problem.0)
}

pub(crate) fn evidence(src: &str, raw: Raw) -> (Evidence, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let mut evidence = Evidence {
        keyword: raw.keyword_span,
        description: None,
        implements: None,
        clauses: Vec::new(),
        expires: None,
        link: None,
        stub: None,
        span: raw.span,
    };
    if !matches!(raw.parts.first(), Some(Part::Value(_))) {
        problem.add(missing(raw.keyword, raw.keyword_span));
    }
    let mut seen: Vec<(Keyword, Span)> = Vec::new();
    for (i, part) in raw.parts.iter().enumerate() {
        match part {
            Part::Value(word) if i == 0 => {
                evidence.description = problem.take(text(src, raw.keyword, *word))
            }
            Part::Value(word) => problem.add_with(|| stray(src, &raw, *word, &keywords(&seen))),
            Part::Modifier {
                keyword,
                span,
                values,
            } => {
                if !first_time(&mut seen, &mut problem, *keyword, *span) {
                    continue;
                }
                match keyword {
                    Keyword::Implements => {
                        evidence.implements = Some(*span);
                        if values.is_empty() {
                            problem.add(missing(*keyword, *span));
                        }
                        evidence.clauses.reserve_exact(values.len());
                        for word in values {
                            if let Some(clause) = problem.take(clause(src, *word)) {
                                evidence.clauses.push(clause);
                            }
                        }
                    }
                    Keyword::Stub => {
                        evidence.stub = Some(*span);
                        if let Some(word) = values.first() {
                            problem.add_with(|| stray(src, &raw, *word, &keywords(&seen)));
                        }
                    }
                    Keyword::Expires => {
                        evidence.expires = Some(Box::new(modifier_value(
                            src,
                            &raw,
                            &mut problem,
                            (*keyword, *span, values),
                            &[],
                            date,
                        )))
                    }
                    _ => {
                        evidence.link = Some(Box::new(modifier_value(
                            src,
                            &raw,
                            &mut problem,
                            (*keyword, *span, values),
                            &[],
                            text,
                        )))
                    }
                }
            }
        }
    }
    (evidence, problem.0)
}

/// `waive CODE for PRACTICE expires DATE`; the block is attached by the parser.
pub(crate) fn waiver(src: &str, raw: Raw) -> (Waiver, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let mut waiver = Waiver {
        keyword: raw.keyword_span,
        code: None,
        practice: None,
        expires: None,
        body: None,
        span: raw.span,
    };
    walk(
        src,
        &raw,
        &mut problem,
        |problem, word| waiver.code = problem.take(name(src, raw.keyword, word)),
        |problem, slot, seen| {
            if slot.0 == Keyword::Expires {
                waiver.expires = Some(modifier_value(src, &raw, problem, slot, seen, date));
            } else {
                waiver.practice = Some(modifier_value(src, &raw, problem, slot, seen, name));
            }
        },
    );
    (waiver, problem.0)
}

/// Walks a statement's parts: its first value is `head`, any other bare value is a stray, and
/// each modifier is handed to `modifier` once (with the modifiers seen so far); a missing
/// head or a repeated modifier is reported.
fn walk(
    src: &str,
    raw: &Raw,
    problem: &mut Problem,
    mut head: impl FnMut(&mut Problem, Word),
    mut modifier: impl FnMut(&mut Problem, (Keyword, Span, &[Word]), &[Keyword]),
) {
    if !matches!(raw.parts.first(), Some(Part::Value(_))) {
        problem.add(missing(raw.keyword, raw.keyword_span));
    }
    let mut seen: Vec<(Keyword, Span)> = Vec::new();
    for (i, part) in raw.parts.iter().enumerate() {
        match part {
            Part::Value(word) if i == 0 => head(problem, *word),
            Part::Value(word) => problem.add_with(|| stray(src, raw, *word, &keywords(&seen))),
            Part::Modifier {
                keyword,
                span,
                values,
            } => {
                if first_time(&mut seen, problem, *keyword, *span) {
                    modifier(
                        problem,
                        (*keyword, *span, values.as_slice()),
                        &keywords(&seen),
                    );
                }
            }
        }
    }
}

pub(crate) fn declaration<F>(
    src: &str,
    raw: Raw,
    has_body: bool,
) -> (Declaration<F>, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let mut declaration = Declaration {
        keyword: raw.keyword_span,
        name: None,
        title: None,
        body: None,
        span: raw.span,
    };
    if raw.parts.is_empty() {
        problem.add(missing(raw.keyword, raw.keyword_span));
    }
    for (i, part) in raw.parts.iter().enumerate() {
        match part {
            Part::Value(word) if i == 0 => {
                declaration.name = problem.take(name(src, raw.keyword, *word))
            }
            Part::Value(word) if i == 1 && word.kind == TokenKind::String => {
                declaration.title = problem.take(text(src, raw.keyword, *word))
            }
            Part::Value(word) => problem.add_with(|| stray(src, &raw, *word, &[])),
            Part::Modifier { .. } => unreachable!("declarations take no modifiers"),
        }
    }
    if !has_body {
        problem.add(missing_body(&raw));
    }
    (declaration, problem.0)
}

fn missing_body(raw: &Raw) -> Diagnostic {
    let what = raw.keyword.as_str();
    let help = match raw.keyword {
        Keyword::Extend => format!("for example: {}", expectation(raw.keyword).1),
        _ => format!("a {what} reads: {what} NAME \"Title\" {{ ... }}"),
    };
    Diagnostic::syntax(
        SyntaxCode::MissingBody,
        Span::empty_at(raw.span.end),
        format!("missing `{{` to open the {what}'s body"),
    )
    .with_label("expected `{` here")
    .with_help(help)
}

pub(crate) fn unclosed_block(open: Span, end: usize, what: &str) -> Diagnostic {
    Diagnostic::syntax(
        SyntaxCode::UnclosedBlock,
        Span::empty_at(end),
        format!("missing `}}` to close this {what} block"),
    )
    .with_label("expected `}` here")
    .with_related(open, "the block opened here is never closed")
    .with_help(format!("add `}}` after the last line of the {what}"))
}

/// `KEYWORD ID ["Title"] [parent ID]`; the block is attached by the parser.
fn definition<Id>(
    src: &str,
    raw: Raw,
    convert: fn(&str, Keyword, Word) -> Result<Id, Box<Diagnostic>>,
) -> (Definition<Id>, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let mut definition = Definition {
        keyword: raw.keyword_span,
        id: None,
        title: None,
        parent: None,
        body: None,
        span: raw.span,
    };
    if !matches!(raw.parts.first(), Some(Part::Value(_))) {
        problem.add(missing(raw.keyword, raw.keyword_span));
    }
    for (i, part) in raw.parts.iter().enumerate() {
        match part {
            Part::Value(word) if i == 0 => {
                definition.id = problem.take(convert(src, raw.keyword, *word))
            }
            Part::Value(word) if i == 1 && word.kind == TokenKind::String => {
                definition.title = problem.take(text(src, raw.keyword, *word))
            }
            Part::Value(word) => problem.add_with(|| stray(src, &raw, *word, &[])),
            Part::Modifier {
                keyword,
                span,
                values,
            } => {
                if let Some(first) = &definition.parent {
                    problem.add(duplicate(*keyword, *span, first.keyword));
                    continue;
                }
                definition.parent = Some(modifier_value(
                    src,
                    &raw,
                    &mut problem,
                    (*keyword, *span, values),
                    &[*keyword],
                    convert,
                ));
            }
        }
    }
    (definition, problem.0)
}

pub(crate) fn named_definition(src: &str, raw: Raw) -> (Definition<Name>, Option<Diagnostic>) {
    definition(src, raw, name)
}

pub(crate) fn clause_definition(
    src: &str,
    raw: Raw,
) -> (Definition<ClauseRef>, Option<Diagnostic>) {
    definition(src, raw, clause_ref)
}

/// Positional values of the given kinds, each required, then nothing else.
fn positional(
    src: &str,
    raw: &Raw,
    problem: &mut Problem,
    kinds: &[TokenKind],
) -> Vec<Option<Word>> {
    let mut found = vec![None; kinds.len()];
    let values: Vec<Word> = raw
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Value(w) => Some(*w),
            Part::Modifier { .. } => None,
        })
        .collect();
    for (i, kind) in kinds.iter().enumerate() {
        match values.get(i) {
            Some(word) if word.kind == *kind => found[i] = Some(*word),
            Some(word) => problem.add(wrong(src, raw.keyword, *word)),
            None => problem.add(missing(raw.keyword, raw.keyword_span)),
        }
    }
    for word in values.iter().skip(kinds.len()) {
        problem.add_with(|| stray(src, raw, *word, &[]));
    }
    found
}

pub(crate) fn level_text(src: &str, raw: Raw) -> (LevelText, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let found = positional(
        src,
        &raw,
        &mut problem,
        &[TokenKind::Int, TokenKind::String],
    );
    let level = found[0].and_then(|w| problem.take(int(src, raw.keyword, w)));
    let text_value = found[1].and_then(|w| problem.take(text(src, raw.keyword, w)));
    let node = LevelText {
        keyword: raw.keyword_span,
        level,
        text: text_value,
        span: raw.span,
    };
    (node, problem.0)
}

pub(crate) fn annex(src: &str, raw: Raw) -> (Annex, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let found = positional(
        src,
        &raw,
        &mut problem,
        &[TokenKind::String, TokenKind::Ident],
    );
    let label = found[0].and_then(|w| problem.take(text(src, raw.keyword, w)));
    let standard = found[1].and_then(|w| problem.take(name(src, raw.keyword, w)));
    let node = Annex {
        keyword: raw.keyword_span,
        label,
        standard,
        span: raw.span,
    };
    (node, problem.0)
}

/// `extend STD:CLAUSE`; like a declaration, a missing `{` is one error.
pub(crate) fn extension(src: &str, raw: Raw, has_body: bool) -> (Extension, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let found = positional(src, &raw, &mut problem, &[TokenKind::ClauseRef]);
    let clause_value = found[0].and_then(|w| problem.take(clause(src, w)));
    if !has_body {
        problem.add(missing_body(&raw));
    }
    let node = Extension {
        keyword: raw.keyword_span,
        clause: clause_value,
        body: None,
        span: raw.span,
    };
    (node, problem.0)
}

pub(crate) fn map_edge(src: &str, raw: Raw) -> (MapEdge, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let mut edge = MapEdge {
        keyword: raw.keyword_span,
        practice: None,
        level: None,
        clause: None,
        relationship: None,
        roles: None,
        via: None,
        body: None,
        span: raw.span,
    };
    walk(
        src,
        &raw,
        &mut problem,
        |problem, word| edge.practice = problem.take(name(src, raw.keyword, word)),
        |problem, slot, seen| match slot.0 {
            Keyword::Level => {
                edge.level = Some(modifier_value(src, &raw, problem, slot, seen, int))
            }
            Keyword::To => {
                edge.clause = Some(modifier_value(src, &raw, problem, slot, seen, clause_ref))
            }
            Keyword::Via => {
                edge.via = Some(modifier_value(src, &raw, problem, slot, seen, clause_ref))
            }
            Keyword::As => {
                edge.relationship = Some(modifier_value(src, &raw, problem, slot, seen, name))
            }
            _ => {
                let (keyword, span, values) = slot;
                if values.is_empty() {
                    problem.add(missing(keyword, span));
                }
                let roles = values
                    .iter()
                    .filter_map(|w| problem.take(name(src, keyword, *w)))
                    .collect();
                edge.roles = Some((span, roles));
            }
        },
    );
    for (keyword, present) in [
        (Keyword::Level, edge.level.is_some()),
        (Keyword::To, edge.clause.is_some()),
    ] {
        if !present {
            problem.add(
                Diagnostic::syntax(
                    SyntaxCode::MissingValue,
                    raw.keyword_span,
                    format!("`map` needs `{}`", keyword.as_str()),
                )
                .with_label(format!("no `{}` in this line", keyword.as_str()))
                .with_help(format!("for example: {}", expectation(Keyword::Map).1)),
            );
        }
    }
    (edge, problem.0)
}

/// `unmapped STD:CLAUSE`; the block with the reason is attached by the parser. A missing
/// reason is the model's error, so that a file lacking one can still be formatted.
pub(crate) fn unmapped(src: &str, raw: Raw) -> (Unmapped, Option<Diagnostic>) {
    let mut problem = Problem::default();
    let found = positional(src, &raw, &mut problem, &[TokenKind::ClauseRef]);
    let clause_value = found[0].and_then(|w| problem.take(clause(src, w)));
    let node = Unmapped {
        keyword: raw.keyword_span,
        clause: clause_value,
        body: None,
        span: raw.span,
    };
    (node, problem.0)
}
