//! Property tests: files generated from the grammar parse cleanly and survive formatting
//! unchanged in meaning; arbitrary bytes and token soup never panic the parser or formatter.

mod common;

use proptest::prelude::*;
use proptest::sample::select;

/// A token of a generated file, and whether a line may start with it (a plain word at the
/// start of a line never continues the statement above, so generated layouts avoid that).
type Piece = (String, bool);

fn keyword(word: &str) -> Piece {
    (word.to_string(), true)
}

fn ident() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}".prop_filter("keywords are reserved", |s| {
        smm_syntax::Keyword::from_word(s).is_none()
    })
}

fn string() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 .,:ßℝ💣-]{0,12}(\\\\\"[a-z]{0,3})?".prop_map(|s| format!("\"{s}\""))
}

fn clause() -> impl Strategy<Value = String> {
    (
        ident(),
        "[A-Z]{0,3}[0-9]{1,2}(\\.[0-9]{1,2}){0,2}(-RE[0-9])?",
    )
        .prop_map(|(standard, clause)| format!("{standard}:{clause}"))
}

fn date() -> impl Strategy<Value = String> {
    "[0-9]{4}-[0-9]{2}-[0-9]{2}"
}

fn level() -> impl Strategy<Value = Vec<Piece>> {
    (0u32..6).prop_map(|n| vec![keyword("level"), (n.to_string(), true)])
}

fn scope() -> impl Strategy<Value = Vec<Piece>> {
    prop_oneof![
        select(vec!["general", "industry", "system"]).prop_map(str::to_string),
        ident()
    ]
    .prop_map(|s| vec![keyword("scope"), (s, false)])
}

fn setting(
    word: &'static str,
    value: impl Strategy<Value = String>,
    starts_line: bool,
) -> impl Strategy<Value = Vec<Piece>> {
    value.prop_map(move |v| vec![keyword(word), (v, starts_line)])
}

/// `target`/`practice` with its modifiers in either order and an optional block.
fn rating(
    word: &'static str,
    body: impl Strategy<Value = Vec<Piece>>,
) -> impl Strategy<Value = Vec<Piece>> {
    (
        ident(),
        level(),
        proptest::option::of(scope()),
        any::<bool>(),
        proptest::option::of(body),
    )
        .prop_map(move |(practice, level, scope, swap, body)| {
            let mut pieces = vec![keyword(word), (practice, false)];
            let mut modifiers = vec![level];
            modifiers.extend(scope);
            if swap {
                modifiers.reverse();
            }
            pieces.extend(modifiers.into_iter().flatten());
            if let Some(body) = body {
                pieces.push(keyword("{"));
                pieces.extend(body);
                pieces.push(keyword("}"));
            }
            pieces
        })
}

fn statements(
    statement: impl Strategy<Value = Vec<Piece>>,
    max: usize,
) -> impl Strategy<Value = Vec<Piece>> {
    proptest::collection::vec(statement, 0..max).prop_map(|s| s.concat())
}

fn evidence() -> impl Strategy<Value = Vec<Piece>> {
    (
        string(),
        proptest::collection::vec(clause(), 0..4),
        proptest::option::of(date()),
        proptest::option::of(string()),
    )
        .prop_map(|(description, clauses, expires, link)| {
            let mut pieces = vec![keyword("evidence"), (description, true)];
            if !clauses.is_empty() {
                pieces.push(keyword("implements"));
                pieces.extend(clauses.into_iter().map(|c| (c, true)));
            }
            if let Some(date) = expires {
                pieces.extend([keyword("expires"), (date, true)]);
            }
            if let Some(link) = link {
                pieces.extend([keyword("link"), (link, true)]);
            }
            pieces
        })
}

fn waiver() -> impl Strategy<Value = Vec<Piece>> {
    let body = statements(
        prop_oneof![
            setting("reason", string(), true),
            setting("owner", string(), true)
        ],
        3,
    );
    (
        ident(),
        proptest::option::of(ident()),
        proptest::option::of(date()),
        proptest::option::of(body),
    )
        .prop_map(|(code, practice, expires, body)| {
            let mut pieces = vec![keyword("waive"), (code, false)];
            if let Some(practice) = practice {
                pieces.extend([keyword("for"), (practice, false)]);
            }
            if let Some(date) = expires {
                pieces.extend([keyword("expires"), (date, true)]);
            }
            if let Some(body) = body {
                pieces.extend(block(body));
            }
            pieces
        })
}

fn declaration(
    word: &'static str,
    fields: impl Strategy<Value = Vec<Piece>>,
) -> impl Strategy<Value = Vec<Piece>> {
    (ident(), proptest::option::of(string()), fields).prop_map(move |(name, title, fields)| {
        let mut pieces = vec![keyword(word), (name, false)];
        pieces.extend(title.map(|t| (t, true)));
        pieces.push(keyword("{"));
        pieces.extend(fields);
        pieces.push(keyword("}"));
        pieces
    })
}

/// `{ fields }`.
fn block(fields: Vec<Piece>) -> Vec<Piece> {
    let mut pieces = vec![keyword("{")];
    pieces.extend(fields);
    pieces.push(keyword("}"));
    pieces
}

/// What a definition's block and an `extend` block hold; the parser accepts every field in
/// every such block (which fits where is the model's question).
fn definition_field() -> impl Strategy<Value = Vec<Piece>> {
    prop_oneof![
        setting("description", string(), true),
        setting("objective", string(), true),
        setting("text", string(), true),
        ((0u32..6), string()).prop_map(|(level, text)| vec![
            keyword("comprehensiveness"),
            (level.to_string(), true),
            (text, true),
        ]),
    ]
}

/// `KEYWORD ID ["Title"] [parent ID] [{ ... }]`. Identifiers may not start a line; clause
/// references may.
fn definition<S: Strategy<Value = String>>(
    word: &'static str,
    id: fn() -> S,
    id_starts_line: bool,
) -> impl Strategy<Value = Vec<Piece>> {
    (
        id(),
        proptest::option::of(string()),
        proptest::option::of(id()),
        proptest::option::of(statements(definition_field(), 5)),
    )
        .prop_map(move |(id, title, parent, body)| {
            let mut pieces = vec![keyword(word), (id, id_starts_line)];
            pieces.extend(title.map(|t| (t, true)));
            if let Some(parent) = parent {
                pieces.extend([keyword("parent"), (parent, id_starts_line)]);
            }
            pieces.extend(body.map(block).unwrap_or_default());
            pieces
        })
}

fn annex() -> impl Strategy<Value = Vec<Piece>> {
    (string(), ident())
        .prop_map(|(label, standard)| vec![keyword("annex"), (label, true), (standard, false)])
}

fn extension() -> impl Strategy<Value = Vec<Piece>> {
    (clause(), statements(definition_field(), 4)).prop_map(|(clause, fields)| {
        let mut pieces = vec![keyword("extend"), (clause, true)];
        pieces.extend(block(fields));
        pieces
    })
}

/// `map PRACTICE` with its modifiers in a shuffled order and an optional block.
fn map_edge() -> impl Strategy<Value = Vec<Piece>> {
    (
        ident(),
        0u32..6,
        clause(),
        ident(),
        proptest::collection::vec(ident(), 1..3),
        proptest::option::of(clause()),
        any::<u8>(),
        proptest::option::of(statements(setting("rationale", string(), true), 2)),
    )
        .prop_map(
            |(practice, level, to, relationship, roles, via, order, body)| {
                let mut modifiers = vec![
                    vec![keyword("level"), (level.to_string(), true)],
                    vec![keyword("to"), (to, true)],
                    vec![keyword("as"), (relationship, false)],
                    std::iter::once(keyword("for"))
                        .chain(roles.into_iter().map(|r| (r, false)))
                        .collect(),
                ];
                modifiers.extend(via.map(|v| vec![keyword("via"), (v, true)]));
                let turn = usize::from(order) % modifiers.len();
                modifiers.rotate_left(turn);
                let mut pieces = vec![keyword("map"), (practice, false)];
                pieces.extend(modifiers.into_iter().flatten());
                if let Some(body) = body {
                    pieces.extend(block(body));
                }
                pieces
            },
        )
}

/// `unmapped STD:CLAUSE` with an optional block holding its reason.
fn unmapped() -> impl Strategy<Value = Vec<Piece>> {
    (
        clause(),
        proptest::option::of(statements(setting("rationale", string(), true), 2)),
    )
        .prop_map(|(clause, body)| {
            let mut pieces = vec![keyword("unmapped"), (clause, true)];
            pieces.extend(body.map(block).unwrap_or_default());
            pieces
        })
}

fn file() -> impl Strategy<Value = Vec<Piece>> {
    let target_body = statements(
        prop_oneof![
            setting("rationale", string(), true),
            setting("note", string(), true)
        ],
        3,
    );
    let profile_field = prop_oneof![
        setting("industry", ident(), false),
        setting("extends", ident(), false),
        setting("follows", ident(), false),
        setting("role", ident(), false),
        setting("description", string(), true),
        rating("target", target_body),
    ];
    let practice_body = statements(prop_oneof![evidence(), setting("note", string(), true)], 3);
    let assessment_field = prop_oneof![
        setting("profile", ident(), false),
        setting("follows", ident(), false),
        setting("role", ident(), false),
        setting("date", date(), true),
        setting("assessor", string(), true),
        setting("description", string(), true),
        rating("practice", practice_body),
        waiver(),
    ];
    let framework_field = prop_oneof![
        setting("description", string(), true),
        setting("source", string(), true),
        definition("domain", ident, false),
        definition("subdomain", ident, false),
        definition("practice", ident, false),
    ];
    let standard_field = prop_oneof![
        setting("description", string(), true),
        setting("source", string(), true),
        setting("edition", string(), true),
        setting("supersedes", ident(), false),
        setting("role", ident(), false),
        annex(),
        definition("clause", clause, true),
    ];
    let item = prop_oneof![
        declaration("profile", statements(profile_field, 6)),
        declaration("assessment", statements(assessment_field, 6)),
        declaration("framework", statements(framework_field, 6)),
        declaration("standard", statements(standard_field, 6)),
        extension(),
        declaration(
            "mapping",
            statements(
                prop_oneof![setting("source", string(), true), map_edge(), unmapped()],
                5
            )
        ),
    ];
    statements(item, 4)
}

/// Joins pieces with generated whitespace and comments.
fn layout(pieces: Vec<Piece>) -> impl Strategy<Value = String> {
    let n = pieces.len();
    proptest::collection::vec(0usize..6, n).prop_map(move |choices| {
        let mut out = String::new();
        for (i, (text, may_start_line)) in pieces.iter().enumerate() {
            if i > 0 {
                let separator = match (choices[i], may_start_line) {
                    (1, true) => "\n",
                    (2, true) => "\n\n    ",
                    (3, true) => " // comment ß\n",
                    (4, _) => " /* block\n comment */ ",
                    (5, _) => "\t ",
                    _ => " ",
                };
                out.push_str(separator);
            }
            out.push_str(text);
        }
        out
    })
}

fn generated_file() -> impl Strategy<Value = String> {
    file().prop_flat_map(layout)
}

/// Generated files one after the other, so that top-level items start in column 0.
fn files_at_the_margin() -> impl Strategy<Value = String> {
    proptest::collection::vec(generated_file(), 1..5).prop_map(|files| files.join("\n"))
}

fn soup() -> impl Strategy<Value = String> {
    let fragments = vec![
        "profile",
        "assessment",
        "target",
        "practice",
        "level",
        "scope",
        "evidence",
        "implements",
        "expires",
        "link",
        "note",
        "rationale",
        "industry",
        "role",
        "date",
        "framework",
        "standard",
        "extend",
        "domain",
        "subdomain",
        "clause",
        "parent",
        "objective",
        "comprehensiveness",
        "source",
        "edition",
        "supersedes",
        "annex",
        "text",
        "{",
        "}",
        "{",
        "}",
        "\"text\"",
        "\"open",
        "3",
        "-1",
        "2026-10-01",
        "iso27002:5.15",
        "SR1.1",
        "x-y",
        "Bad_Word",
        "//c\n",
        "/*c*/",
        "/*",
        "\n",
        "\n",
        ",",
        "💣",
        "ß",
        "\\",
        "mapping",
        "map",
        "to",
        "as",
        "for",
        "via",
        "unmapped",
        "security-level",
        "clause",
        "extend",
    ];
    proptest::collection::vec(select(fragments), 0..80).prop_map(|parts| parts.join(" "))
}

/// A generated file, and the same file with each line break written as LF, CRLF or a lone CR.
fn mixed_breaks() -> impl Strategy<Value = (String, String)> {
    generated_file()
        .prop_flat_map(|lf| {
            let breaks = lf.matches('\n').count();
            (Just(lf), proptest::collection::vec(0usize..3, breaks))
        })
        .prop_map(|(lf, choices)| {
            let mut choices = choices.into_iter();
            let mut mixed = String::new();
            for c in lf.chars() {
                if c != '\n' {
                    mixed.push(c);
                    continue;
                }
                let ending = match choices.next().unwrap() {
                    // A lone CR then an LF would read as one CRLF break.
                    0 if mixed.ends_with('\r') => "\r\n",
                    0 => "\n",
                    1 => "\r\n",
                    _ => "\r",
                };
                mixed.push_str(ending);
            }
            (lf, mixed)
        })
}

/// What an edit inserts: keystrokes, words, and text that opens or closes a construct.
const EDITS: &[&str] = &[
    "",
    "a",
    "1",
    "3",
    " ",
    "\n",
    "-",
    "\"",
    "{",
    "}",
    "/*",
    "*/",
    "//",
    "#",
    "é",
    "level 2",
    "practice identities level 1",
    "\"text\"",
    "profile p {\n}\n",
    ":",
];

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn check_formatting(src: &str) {
    if let Ok(once) = smm_syntax::format(src) {
        let tokens = |s: &str| {
            smm_syntax::lex(s)
                .tokens
                .iter()
                .map(|t| (t.kind, s[t.span.range()].to_string()))
                .collect::<Vec<_>>()
        };
        // Every token as it was, but for the line breaks in a block comment, which take the
        // style of the file's first break, as every other break of the output does.
        let ending = common::first_break_style(src);
        assert_eq!(common::with_breaks(&once, ending), once);
        let expected: Vec<_> = tokens(src)
            .into_iter()
            .map(|(kind, text)| (kind, common::with_breaks(&text, ending)))
            .collect();
        assert_eq!(expected, tokens(&once));
        assert_eq!(smm_syntax::format(&once).unwrap(), once);
        assert_eq!(
            common::dump_without_spans(src),
            common::dump_without_spans(&once)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn generated_files_parse_cleanly_and_format_faithfully(src in generated_file()) {
        let parse = smm_syntax::parse(&src);
        prop_assert!(parse.errors.is_empty(), "{:#?}\n{}", parse.errors, src);
        prop_assert!(smm_syntax::format(&src).is_ok());
        check_formatting(&src);
    }

    #[test]
    fn line_breaks_take_the_style_of_the_first((lf, mixed) in mixed_breaks()) {
        let formatted = smm_syntax::format(&lf).unwrap();
        if lf.contains('\n') {
            let crlf = smm_syntax::format(&lf.replace('\n', "\r\n")).unwrap();
            prop_assert_eq!(crlf, formatted.replace('\n', "\r\n"));
        }
        let ending = common::first_break_style(&mixed);
        prop_assert_eq!(smm_syntax::format(&mixed).unwrap(), formatted.replace('\n', ending));
        check_formatting(&mixed);
    }

    /// The line index answers what the scan from the start answers, at every offset (inside
    /// characters, between `\r` and `\n`, past the end), on files with every kind of break.
    #[test]
    fn the_line_index_agrees_with_the_scan((_, mixed) in mixed_breaks()) {
        let index = smm_syntax::lines::LineIndex::new(&mixed);
        for offset in 0..=mixed.len() + 1 {
            prop_assert_eq!(
                index.line_column(&mixed, offset),
                smm_syntax::lines::line_column(&mixed, offset)
            );
        }
    }

    /// Parsing only the edited item gives what parsing everything gives, for edits anywhere
    /// (inside items, across them, opening strings and comments), and is taken for edits
    /// inside an item that keep it whole.
    #[test]
    fn reparsing_an_item_equals_parsing_everything(
        (src, at, removed, inserted) in generated_file().prop_flat_map(|src| {
            let len = src.len();
            (Just(src), 0..=len, 0..8usize, select(EDITS))
        })
    ) {
        let at = floor_char_boundary(&src, at);
        let end = floor_char_boundary(&src, (at + removed).min(src.len()));
        let new = format!("{}{}{}", &src[..at], inserted, &src[end..]);
        let old = smm_syntax::parse(&src);
        let full = smm_syntax::parse(&new);
        let fast = smm_syntax::reparse(old.clone(), &src, &new);
        prop_assert_eq!(&fast.file, &full.file, "{}\n---\n{}", src, new);
        prop_assert_eq!(&fast.tokens, &full.tokens);
        prop_assert_eq!(&fast.errors, &full.errors);
        if let Some(item) = smm_syntax::reparse_item(old, &src, &new) {
            prop_assert_eq!(&item.file, &full.file);
            prop_assert_eq!(&item.tokens, &full.tokens);
        }
    }

    /// A file parsed in runs on several threads parses to what it parses to whole, wherever
    /// the cuts fall, and runs are used only where that holds; edits make some files wrong.
    #[test]
    fn parsing_in_runs_equals_parsing_whole(
        (src, at, removed, inserted, runs) in files_at_the_margin().prop_flat_map(|src| {
            let len = src.len();
            (Just(src), 0..=len, 0..8usize, select(EDITS), 2..6usize)
        })
    ) {
        let at = floor_char_boundary(&src, at);
        let end = floor_char_boundary(&src, (at + removed).min(src.len()));
        let edited = format!("{}{}{}", &src[..at], inserted, &src[end..]);
        for text in [&src, &edited] {
            let whole = smm_syntax::parse(text);
            if let Some(split) = smm_syntax::parse_in_runs(text, runs) {
                prop_assert!(whole.errors.is_empty(), "{}", text);
                prop_assert_eq!(&split.file, &whole.file, "{}", text);
                prop_assert_eq!(&split.tokens, &whole.tokens);
                prop_assert!(split.errors.is_empty());
            }
        }
    }

    #[test]
    fn token_soup_never_panics(src in soup()) {
        if let Some(split) = smm_syntax::parse_in_runs(&src, 3) {
            prop_assert_eq!(split.file, smm_syntax::parse(&src).file);
        }
        let _ = smm_syntax::parse(&src);
        check_formatting(&src);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let src = String::from_utf8_lossy(&bytes);
        let parse = smm_syntax::parse(&src);
        let _ = smm_syntax::render(&parse.errors, "fuzz.smm", &src, false);
        check_formatting(&src);
    }
}

/// Lines of up to a few thousand characters, most of them multi-byte or all of them ASCII,
/// broken by every kind of break.
fn long_lines() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        proptest::collection::vec(select(vec!["a", "ß", "ℝ", "💣", " "]), 0..1600),
        proptest::collection::vec(select(vec!["a", "b", " "]), 0..3000),
    ];
    proptest::collection::vec((line, select(vec!["\n", "\r\n", "\r", ""])), 1..4).prop_map(
        |lines| {
            lines
                .into_iter()
                .flat_map(|(chars, end)| chars.into_iter().chain([end]))
                .collect()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// The line index answers what the scan from the start answers on long lines, where it
    /// counts characters from checkpoints (every 1 KiB of a text that is not all ASCII): at
    /// every offset near a multiple of 1 KiB, where multi-byte characters straddle the
    /// checkpoints, and at offsets anywhere.
    #[test]
    fn the_line_index_agrees_with_the_scan_on_long_lines(
        text in long_lines(),
        anywhere in proptest::collection::vec(any::<proptest::sample::Index>(), 32),
    ) {
        let index = smm_syntax::lines::LineIndex::new(&text);
        let near_checkpoints = (0..=text.len() / 1024)
            .flat_map(|k| (k * 1024).saturating_sub(4)..k * 1024 + 4);
        let anywhere = anywhere.iter().map(|i| i.index(text.len() + 2));
        for offset in near_checkpoints.chain(anywhere).chain([text.len(), text.len() + 1]) {
            prop_assert_eq!(
                index.line_column(&text, offset),
                smm_syntax::lines::line_column(&text, offset),
                "at {}", offset
            );
        }
    }
}
