//! Words for the parser's expected/found errors: where the parser was, what it found, what
//! would have fitted, and a hint where a likely intent is known.

use chumsky::error::{RichPattern, RichReason};

use crate::code::SyntaxCode;
use crate::diagnostic::Diagnostic;
use crate::parser::ParseError;
use crate::statement::{describe, Word};
use crate::suggest::did_you_mean;
use crate::token::{Keyword, TokenKind};
use crate::Span;

/// A block kind and the statement keywords it accepts.
struct Context {
    label: &'static str,
    place: &'static str,
    fields: &'static [&'static str],
}

const CONTEXTS: &[Context] = &[
    Context {
        label: "top-level item",
        place: "at the top level of the file",
        fields: &[
            "profile",
            "assessment",
            "framework",
            "standard",
            "extend",
            "mapping",
        ],
    },
    Context {
        label: "profile field",
        place: "in a profile",
        fields: &[
            "industry",
            "extends",
            "follows",
            "role",
            "description",
            "target",
        ],
    },
    Context {
        label: "assessment field",
        place: "in an assessment",
        fields: &[
            "profile",
            "follows",
            "role",
            "date",
            "assessor",
            "description",
            "practice",
            "waive",
        ],
    },
    Context {
        label: "waiver field",
        place: "in a waiver block",
        fields: &["reason", "owner"],
    },
    Context {
        label: "target field",
        place: "in a target block",
        fields: &["rationale", "note"],
    },
    Context {
        label: "practice field",
        place: "in a practice block",
        fields: &["evidence", "note"],
    },
    Context {
        label: "framework field",
        place: "in a framework",
        fields: &["description", "source", "domain", "subdomain", "practice"],
    },
    Context {
        label: "standard field",
        place: "in a standard",
        fields: &[
            "description",
            "source",
            "edition",
            "supersedes",
            "role",
            "annex",
            "clause",
        ],
    },
    Context {
        label: "mapping field",
        place: "in a mapping",
        fields: &["description", "source", "map", "unmapped"],
    },
    Context {
        label: "map field",
        place: "in a map block",
        fields: &["rationale", "note"],
    },
    Context {
        label: "unmapped field",
        place: "in an unmapped block",
        fields: &["rationale"],
    },
    Context {
        label: "definition field",
        place: "in a definition block",
        fields: &[
            "description",
            "objective",
            "comprehensiveness",
            "text",
            "security-level",
        ],
    },
];

pub(crate) fn to_diagnostic(src: &str, error: ParseError<'_>) -> Diagnostic {
    let span = Span::new(error.span().start, error.span().end);
    let expected: Vec<String> = error
        .expected()
        .filter_map(|pattern| match pattern {
            RichPattern::Label(label) => Some(label.to_string()),
            RichPattern::EndOfInput => Some("end".into()),
            _ => None,
        })
        .collect();
    match error.into_reason() {
        RichReason::Custom(diagnostic) => *diagnostic,
        RichReason::ExpectedFound { found, .. } => {
            unexpected(src, span, found.map(|t| t.kind), &expected)
        }
    }
}

fn unexpected(src: &str, span: Span, found: Option<TokenKind>, expected: &[String]) -> Diagnostic {
    let context = CONTEXTS
        .iter()
        .find(|c| expected.iter().any(|e| e == c.label));
    let found_words = match found {
        Some(kind) => describe(src, Word { kind, span }),
        None => "the end of the file".into(),
    };
    if found == Some(TokenKind::Unknown) {
        return crate::statement::unknown_character(src, span);
    }
    let Some(context) = context else {
        return Diagnostic::syntax(
            SyntaxCode::UnexpectedToken,
            span,
            format!("unexpected {found_words}"),
        );
    };
    let mut options: Vec<String> = context.fields.iter().map(|f| format!("`{f}`")).collect();
    if expected.iter().any(|e| e == "}") {
        options.push("`}`".into());
    }
    let text = &src[span.range()];
    let help = match found {
        Some(TokenKind::RBrace) => {
            Some("this `}` closes nothing: remove it, or add the `{` it belongs to".to_string())
        }
        Some(TokenKind::Keyword(keyword)) => belongs_elsewhere(keyword, context.label),
        Some(TokenKind::Ident | TokenKind::Invalid(_)) => {
            did_you_mean(text, context.fields.iter().copied())
                .map(|k| format!("did you mean `{k}`?"))
        }
        Some(TokenKind::LBrace) => {
            Some("this line takes no `{ }` block: only items and `target`, `practice`, `domain`, `subdomain` and `clause` lines open one".into())
        }
        _ => None,
    };
    let mut diagnostic = Diagnostic::syntax(
        SyntaxCode::UnexpectedToken,
        span,
        format!("unexpected {found_words} {}", context.place),
    )
    .with_label(format!("expected {}", join_or(&options)));
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

fn belongs_elsewhere(keyword: Keyword, context: &str) -> Option<String> {
    let text = match keyword {
        // In a mapping, the blocks at hand are those of `map` and `unmapped` lines.
        Keyword::Rationale | Keyword::Note if context == "mapping field" => {
            "`rationale` and `note` go inside the block of a `map` line; an `unmapped` line takes its `rationale` in a block of its own: unmapped STANDARD:CLAUSE { rationale \"...\" }"
        }
        Keyword::Note if context == "unmapped field" => {
            "an `unmapped` block holds its reason only: unmapped STANDARD:CLAUSE { rationale \"...\" }"
        }
        Keyword::Rationale => "`rationale` goes inside a target's block: target PRACTICE level N { rationale \"...\" }",
        Keyword::Evidence => "`evidence` goes inside a practice's block: practice PRACTICE level N { evidence \"...\" }",
        Keyword::Target => "`target` lines belong in a profile; an assessment records `practice` lines",
        Keyword::Practice => "`practice` lines belong in an assessment; a profile sets `target` lines",
        Keyword::Industry | Keyword::Extends => "this line belongs directly inside a profile",
        Keyword::Date | Keyword::Assessor => "this line belongs directly inside an assessment",
        Keyword::Follows => "`follows` belongs directly inside a profile or an assessment",
        Keyword::Waive => "`waive` lines belong directly inside an assessment",
        Keyword::Reason | Keyword::Owner => {
            "`reason` and `owner` go inside a waiver's block: waive CODE for PRACTICE expires DATE { reason \"…\" owner \"…\" }"
        }
        Keyword::Level | Keyword::Scope => "`level` and `scope` continue a `target` or `practice` line",
        Keyword::Implements | Keyword::Link => "`implements` and `link` continue an `evidence` line",
        Keyword::Expires => "`expires` continues an `evidence` or a `waive` line",
        Keyword::Clause | Keyword::Edition | Keyword::Supersedes | Keyword::Annex => {
            "this line belongs directly inside a standard"
        }
        Keyword::Domain | Keyword::Subdomain => "this line belongs directly inside a framework",
        Keyword::Objective | Keyword::Comprehensiveness => {
            "this line belongs inside a framework practice's block: practice ID \"Name\" parent SUBDOMAIN { ... }"
        }
        Keyword::Text | Keyword::SecurityLevel => {
            "`text` and `security-level` go inside a clause's block or an `extend` block"
        }
        Keyword::Parent => "`parent` continues a `clause`, `subdomain` or `practice` line",
        Keyword::Map | Keyword::Unmapped => {
            "`map` and `unmapped` lines belong directly inside a `mapping`"
        }
        Keyword::To | Keyword::As | Keyword::Via => "`to`, `as` and `via` continue a `map` line",
        Keyword::For => "`for` continues a `map` or a `waive` line",
        _ => return None,
    };
    Some(text.into())
}

fn join_or(options: &[String]) -> String {
    match options {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
