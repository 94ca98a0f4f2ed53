//! Breaks every line inside a block of every example, one mutation at a time: junk appended,
//! one token dropped, or a `}` dropped. Each must give an error on that line (for a dropped
//! `}`, within the block it leaves open) while every item on other lines stays in the tree.

mod common;

use std::collections::BTreeSet;

use smm_syntax::ast::*;
use smm_syntax::{lex, parse, Token, TokenKind};

/// Named things and the line their header is on: items, targets and practices.
fn ids(src: &str, file: &SourceFile) -> BTreeSet<(String, usize)> {
    let mut ids = BTreeSet::new();
    let line = |offset: usize| src[..offset].matches('\n').count();
    for item in &file.items {
        // Definitions in catalogs are items too.
        match item {
            Item::Framework(f) => {
                for field in f.body.iter().flat_map(|b| &b.entries) {
                    if let FrameworkField::Domain(d)
                    | FrameworkField::Subdomain(d)
                    | FrameworkField::Practice(d) = field
                    {
                        if let Some(id) = &d.id {
                            ids.insert((format!("definition {}", id.text), line(id.span.start)));
                        }
                    }
                }
                continue;
            }
            Item::Standard(st) => {
                for field in st.body.iter().flat_map(|b| &b.entries) {
                    if let StandardField::Clause(d) = field {
                        if let Some(id) = &d.id {
                            let text = format!("clause {}:{}", id.standard, id.clause);
                            ids.insert((text, line(id.span.start)));
                        }
                    }
                }
                continue;
            }
            _ => {}
        }
        let (kind, name) = match item {
            Item::Profile(p) => ("profile", p.name.as_ref()),
            Item::Assessment(a) => ("assessment", a.name.as_ref()),
            _ => continue,
        };
        let Some(name) = name else { continue };
        ids.insert((format!("{kind} {}", name.text), line(name.span.start)));
        let mut inner = |keyword: &str, practice: &Option<Name>| {
            if let Some(p) = practice {
                let id = format!("{kind} {} / {keyword} {}", name.text, p.text);
                ids.insert((id, line(p.span.start)));
            }
        };
        match item {
            Item::Profile(p) => {
                for field in p.body.iter().flat_map(|b| &b.entries) {
                    if let ProfileField::Target(t) = field {
                        inner("target", &t.practice);
                    }
                }
            }
            Item::Assessment(a) => {
                for field in a.body.iter().flat_map(|b| &b.entries) {
                    if let AssessmentField::Practice(p) = field {
                        inner("practice", &p.practice);
                    }
                }
            }
            _ => {}
        }
    }
    ids
}

struct Line {
    number: usize,
    tokens: Vec<Token>,
    /// For each `}` on the line, the line of the `{` it closes.
    opened_on: Vec<usize>,
}

/// Lines whose first token is inside a block.
fn lines_in_blocks(src: &str) -> Vec<Line> {
    let line_of = |offset: usize| src[..offset].matches('\n').count();
    let mut lines: Vec<Line> = Vec::new();
    let mut open_lines: Vec<usize> = Vec::new();
    for token in lex(src).tokens {
        let number = line_of(token.span.start);
        let depth_before = open_lines.len();
        let opened = match token.kind {
            TokenKind::LBrace => {
                open_lines.push(number);
                None
            }
            TokenKind::RBrace => open_lines.pop(),
            _ => None,
        };
        let line = match lines.last_mut() {
            Some(line) if line.number == number => line,
            _ if depth_before > 0 => {
                lines.push(Line {
                    number,
                    tokens: Vec::new(),
                    opened_on: Vec::new(),
                });
                lines.last_mut().unwrap()
            }
            _ => continue,
        };
        line.tokens.push(token);
        line.opened_on.extend(opened);
    }
    lines
}

fn splice(src: &str, range: std::ops::Range<usize>, with: &str) -> String {
    format!("{}{}{}", &src[..range.start], with, &src[range.end..])
}

/// Every variant is also written to `target/mutations/`, with its name in `index.tsv`, so that
/// other parsers (tests/grammar: the tree-sitter grammar) can be held to this one on them.
struct Saved {
    dir: std::path::PathBuf,
    count: usize,
    index: String,
}

impl Saved {
    fn new() -> Saved {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .parent()
            .expect("CARGO_TARGET_TMPDIR is inside the target directory")
            .join("mutations");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Saved {
            dir,
            count: 0,
            index: String::new(),
        }
    }

    fn save(&mut self, name: &str, mutated: &str) {
        let file = format!("{:05}.smm", self.count);
        self.count += 1;
        std::fs::write(self.dir.join(&file), mutated).unwrap();
        self.index.push_str(&format!("{file}\t{name}\n"));
    }
}

impl Drop for Saved {
    fn drop(&mut self) {
        let _ = std::fs::write(self.dir.join("index.tsv"), &self.index);
    }
}

fn check(
    name: &str,
    original: &str,
    mutated: &str,
    lines: std::ops::RangeInclusive<usize>,
    may_stay_valid: bool,
) {
    let before = ids(original, &parse(original).file);
    let parse = parse(mutated);
    let line_of = |offset: usize| mutated[..offset].matches('\n').count();
    assert!(
        (may_stay_valid && parse.errors.is_empty())
            || parse
                .errors
                .iter()
                .any(|e| lines.contains(&line_of(e.span.start))),
        "{name}: no error on lines {lines:?}; errors: {:#?}\n{mutated}",
        parse.errors
    );
    let after: BTreeSet<String> = ids(mutated, &parse.file)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    for (id, line) in before {
        if !lines.contains(&line) {
            assert!(after.contains(&id), "{name}: lost {id}\n{mutated}");
        }
    }
}

#[test]
fn every_line_of_every_example_recovers() {
    let mut mutations = 0;
    let mut saved = Saved::new();
    for path in common::examples() {
        let src = std::fs::read_to_string(&path).unwrap();
        assert!(parse(&src).errors.is_empty(), "{}", path.display());
        let file = path.display().to_string();
        for line in lines_in_blocks(&src) {
            let n = line.number;
            let last_code = line.tokens.iter().rev().find(|t| !t.kind.is_comment());
            if let Some(last) = last_code {
                let mutated = splice(&src, last.span.end..last.span.end, " zzz-junk 42");
                saved.save(&format!("{file}:{} append junk", n + 1), &mutated);
                check(
                    &format!("{file}:{} append junk", n + 1),
                    &src,
                    &mutated,
                    n..=n,
                    false,
                );
                mutations += 1;
            }
            let mut closing = line.opened_on.iter();
            for token in &line.tokens {
                let mutated = splice(&src, token.span.range(), "");
                let name = format!("{file}:{} drop `{}`", n + 1, &src[token.span.range()]);
                match token.kind {
                    TokenKind::LBrace | TokenKind::LineComment | TokenKind::BlockComment => {
                        continue
                    }
                    _ => saved.save(&name, &mutated),
                }
                match token.kind {
                    TokenKind::RBrace => {
                        let opened = *closing.next().unwrap();
                        check(&name, &src, &mutated, opened..=n, false);
                    }
                    // One clause of several may go: the list is still valid.
                    TokenKind::ClauseRef => check(&name, &src, &mutated, n..=n, true),
                    _ => check(&name, &src, &mutated, n..=n, false),
                }
                mutations += 1;
            }
        }
    }
    eprintln!("{mutations} mutations checked");
    assert!(
        mutations > 300,
        "only {mutations} mutations: are the examples there?"
    );
}
