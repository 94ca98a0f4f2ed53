//! The bodies of the fuzz targets, as plain functions: `fuzz_targets/` calls them under
//! libFuzzer, and `crates/smm-check/tests/fuzz_corpus.rs` includes this file to replay the
//! corpus and the regressions through them in an ordinary `cargo test`. Each asserts what
//! must hold for any text, not only that nothing panics.

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use smm_check::{CheckOptions, FileId, Loader, Located, Workspace};
use smm_model::builtin::Mappings;
use smm_syntax::{Diagnostic, Span};

/// Parsing any text gives tokens that tile it (whitespace between them, nothing else), and
/// errors, tree nodes and rendered reports that only point into it.
pub fn parse(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let parse = smm_syntax::parse(src);
    let mut end = 0;
    for token in &parse.tokens {
        assert_within(src, token.span, "token");
        assert!(!token.span.is_empty(), "empty token {token:?}");
        assert!(
            end <= token.span.start,
            "token {token:?} overlaps the one before"
        );
        assert_blank(&src[end..token.span.start]);
        end = token.span.end;
    }
    assert_blank(&src[end..]);
    for error in &parse.errors {
        assert_diagnostic_within(src, error);
    }
    let order = |e: &Diagnostic| (e.span.start, e.span.end);
    assert!(
        parse.errors.is_sorted_by_key(order),
        "errors out of source order"
    );
    let (_, spans) = split_spans(&parse.file);
    for span in spans {
        assert_within(src, span, "tree node");
    }
    let _ = smm_syntax::render(&parse.errors, "fuzz.smm", src, false);
    reparse_agrees(src, parse);
}

/// Parsing again after an edit (`smm_syntax::reparse`, which may parse only the edited item)
/// gives what parsing the new text gives. The edit comes from the text itself: its middle
/// character is replaced by the one after it, and a space is put before its last line.
fn reparse_agrees(src: &str, parse: smm_syntax::Parse) {
    let mut new = src.to_string();
    let middle = (0..=src.len() / 2)
        .rev()
        .find(|&i| src.is_char_boundary(i))
        .unwrap_or(0);
    if let Some(c) = src[middle..].chars().next() {
        let next = src[middle + c.len_utf8()..].chars().next().unwrap_or('x');
        new.replace_range(middle..middle + c.len_utf8(), &next.to_string());
    }
    if let Some(last) = new.trim_end().rfind('\n') {
        new.insert(last + 1, ' ');
    }
    let again = smm_syntax::reparse(parse, src, &new);
    let full = smm_syntax::parse(&new);
    assert_eq!(again.file, full.file, "reparse: the tree differs");
    assert_eq!(again.tokens, full.tokens, "reparse: the tokens differ");
    assert_eq!(again.errors, full.errors, "reparse: the errors differ");
}

/// Up to four files, split at `---` lines, checked as one workspace: every place a finding
/// or a catalog problem names lies in the text of its file, and a check of one file's
/// dependents gives them what the full check gives (the language server relies on it).
pub fn check(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let files = Files(
        split_files(src)
            .into_iter()
            .enumerate()
            .map(|(i, text)| (PathBuf::from(format!("/fuzz/{i}.smm")), text.to_string()))
            .collect(),
    );
    let mut workspace = Workspace::new();
    for (path, text) in &files.0 {
        workspace.set(path.clone(), text.as_str());
    }
    let text_of = |file: FileId| -> &str {
        let source = workspace.source(file);
        &source.unwrap_or_else(|| panic!("no file {file:?}")).text
    };

    let sources = workspace
        .sources()
        .map(|(_, s)| (s.path.as_path(), &*s.text, &s.parse.file));
    let (model, problems) = smm_check::catalogs::model_of(sources, Mappings::Builtin);
    for problem in &problems {
        let diagnostic = problem.to_diagnostic(&model, |file| format!("{file:?}"));
        assert_diagnostic_within(&model.file(problem.file).text, &diagnostic);
        for other in &problem.related {
            let text = &model.file(other.file).text;
            assert_within(text, other.span, "catalog location");
        }
    }

    let options = CheckOptions {
        expiry_warning_days: Some(30),
        ..CheckOptions::default()
    };
    let full = smm_check::check(&workspace, &model, &files, &options);
    for finding in full.findings() {
        assert_diagnostic_within(text_of(finding.file), &finding.diagnostic);
        for related in &finding.related {
            assert_within(text_of(related.file), related.span, "related place");
        }
        for edit in finding.fix.iter().flat_map(|fix| &fix.edits) {
            assert_within(text_of(edit.file), edit.span, "fix");
        }
        if let Some(waived) = &finding.waived {
            assert_within(text_of(waived.file), waived.span, "waiver");
        }
    }

    let only = full.dependents(FileId(0));
    let partial = smm_check::check(
        &workspace,
        &model,
        &files,
        &CheckOptions {
            only: Some(only.clone()),
            ..options
        },
    );
    let of = |analysis: &smm_check::Analysis| -> Vec<smm_check::Finding> {
        analysis
            .findings()
            .filter(|f| only.contains(&f.file))
            .cloned()
            .collect()
    };
    assert_eq!(of(&partial), of(&full), "partial check of {only:?}");
}

/// A file that formats gives text that formats to itself, holds the same tokens (line breaks
/// inside block comments aside, which take the file's style) and parses to the same tree.
pub fn format_round_trip(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(once) = smm_syntax::format(src) else {
        return;
    };
    let again = smm_syntax::format(&once);
    assert_eq!(
        again.as_deref(),
        Ok(once.as_str()),
        "formatting is not stable"
    );

    let ending = match src.find(['\r', '\n']) {
        Some(i) if src[i..].starts_with("\r\n") => "\r\n",
        _ => "\n",
    };
    assert_eq!(
        with_breaks(&once, ending),
        once,
        "line breaks of more than one style"
    );
    let tokens = |s: &str, ending: Option<&str>| {
        smm_syntax::lex(s)
            .tokens
            .iter()
            .map(|t| {
                let text = &s[t.span.range()];
                (
                    t.kind,
                    ending.map_or(text.to_string(), |e| with_breaks(text, e)),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        tokens(src, Some(ending)),
        tokens(&once, None),
        "the tokens changed"
    );

    let tree = |s: &str| split_spans(&smm_syntax::parse(s).file).0;
    assert_eq!(tree(src), tree(&once), "the tree changed");
}

fn split_files(src: &str) -> Vec<&str> {
    let mut files = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let next = offset + line.len();
        if files.len() < 3 && line.trim_end_matches(['\n', '\r']) == "---" {
            files.push(&src[start..offset]);
            start = next;
        }
        offset = next;
    }
    files.push(&src[start..]);
    files
}

/// The fuzzed files, by absolute path, as the checker's loader.
struct Files(Vec<(PathBuf, String)>);

impl Loader for Files {
    fn files(&self) -> Vec<PathBuf> {
        self.0.iter().map(|(path, _)| path.clone()).collect()
    }

    fn read(&self, path: &Path) -> Result<String, String> {
        let found = self.0.iter().find(|(p, _)| p == path);
        found
            .map(|(_, text)| text.clone())
            .ok_or("not found".into())
    }

    fn locate(&self, _from: &Path, link: &Path) -> Located {
        match (
            link.starts_with("/fuzz"),
            self.0.iter().any(|(p, _)| p == link),
        ) {
            (false, _) => Located::Outside,
            (true, true) => Located::Found,
            (true, false) => Located::Missing,
        }
    }
}

fn assert_within(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what} at {span:?} is not within the {} bytes of {text:?}",
        text.len()
    );
}

fn assert_diagnostic_within(text: &str, diagnostic: &Diagnostic) {
    assert_within(text, diagnostic.span, diagnostic.code);
    for label in &diagnostic.related {
        assert_within(text, label.span, diagnostic.code);
    }
}

/// What the lexer skips between tokens.
fn assert_blank(gap: &str) {
    assert!(
        gap.chars().all(|c| c.is_whitespace() || c == '\u{feff}'),
        "{gap:?} between tokens is not blank"
    );
}

/// `text` with every line break (`\r\n`, `\n` or a lone `\r`) written as `ending`.
fn with_breaks(text: &str, ending: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', ending)
}

/// A value's `Debug` text without its spans, and the spans. A `Span` prints as `start..end`;
/// outside string literals nothing else does, so the text compares trees whatever the layout,
/// as the syntax tests' `dump_without_spans` does.
fn split_spans(value: &impl Debug) -> (String, Vec<Span>) {
    let debug = format!("{value:#?}");
    let mut text = String::with_capacity(debug.len());
    let mut spans = Vec::new();
    let mut rest = debug.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            let end = string_end(rest);
            text.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if let Some((span, len)) = span_at(rest) {
            spans.push(span);
            rest = &rest[len..];
        } else {
            let len = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len())
                .max(c.len_utf8());
            text.push_str(&rest[..len]);
            rest = &rest[len..];
        }
    }
    (text, spans)
}

/// The length of the string literal at the start of `s`, quotes included.
fn string_end(s: &str) -> usize {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match (escaped, c) {
            (false, '\\') => escaped = true,
            (false, '"') => return i + 1,
            _ => escaped = false,
        }
    }
    s.len()
}

/// `start..end` at the start of `s`, and its length.
fn span_at(s: &str) -> Option<(Span, usize)> {
    let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let start_len = digits(s);
    let after = s[start_len..].strip_prefix("..")?;
    let end_len = digits(after);
    if start_len == 0 || end_len == 0 {
        return None;
    }
    let start = s[..start_len].parse().ok()?;
    let end = after[..end_len].parse().ok()?;
    Some((Span { start, end }, start_len + 2 + end_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_taken_out_of_the_debug_text_but_not_out_of_strings() {
        let value = (
            Span::new(3, 15),
            "a 1..2 \"b\" 4..5",
            Some(Span::new(0, 7)),
            12,
        );
        let (text, spans) = split_spans(&value);
        assert_eq!(spans, [Span::new(3, 15), Span::new(0, 7)]);
        assert!(text.contains(r#""a 1..2 \"b\" 4..5""#), "{text}");
        assert!(text.contains("12") && !text.contains("15"), "{text}");
    }

    #[test]
    fn files_are_cut_at_the_first_three_separator_lines() {
        assert_eq!(split_files("a\n---\nb\r\n---\r\nc"), ["a\n", "b\r\n", "c"]);
        assert_eq!(
            split_files("---\n---\n---\n---\nx ---\n"),
            ["", "", "", "---\nx ---\n"]
        );
        assert_eq!(split_files(""), [""]);
    }
}
