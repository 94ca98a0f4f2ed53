//! Inlay hints and code lenses: one fixture per case under `fixtures/inlay-hints/` and
//! `fixtures/code-lens/`. A fixture is one file, or several separated by `//- /path.smm` lines;
//! every file's result is rendered as the editor shows it and snapshotted beside the fixtures.

mod common;

use common::{each_fixture, Fixture};
use smm_ide::{FileId, Snapshot};
use smm_syntax::Span;

/// Runs `feature` on every file of every fixture in `dir`.
fn each(dir: &str, feature: impl Fn(&Snapshot<'_>, FileId, &str) -> String) {
    each_fixture(dir, 3, |name, fixture| {
        let snapshot = fixture.snapshot();
        let files = &fixture.built.files;
        let mut result = String::new();
        for &file in files {
            let source = fixture.built.workspace.source(file).unwrap();
            let rendered = feature(&snapshot, file, &source.text);
            if files.len() > 1 {
                result.push_str(&format!("//- {}\n", source.path.display()));
            }
            result.push_str(&rendered);
        }
        assert!(
            result.contains('«') || result.contains("line "),
            "{dir}/{name}: no result"
        );
        result
    });
}

/// The text with each hint's label inserted at its offset, then the tooltips by line.
fn render_hints(snapshot: &Snapshot<'_>, file: FileId, text: &str) -> String {
    let hints = smm_ide::inlay_hints(snapshot, file, Span::new(0, text.len()));
    let mut out = text.to_string();
    for hint in hints.iter().rev() {
        let pad = if hint.padding_left { " " } else { "" };
        out.insert_str(hint.offset, &format!("{pad}«{}»", hint.label));
    }
    for hint in &hints {
        let (line, _) = smm_check::line_column(text, hint.offset);
        let tooltip = hint.tooltip.as_deref().unwrap_or("(none)");
        let tooltip = tooltip
            .lines()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("    {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let tooltip = tooltip.trim_start();
        out.push_str(&format!("\nline {line} «{}»: {tooltip}", hint.label));
    }
    out.push('\n');
    out
}

fn render_lenses(snapshot: &Snapshot<'_>, file: FileId, text: &str) -> String {
    smm_ide::code_lenses(snapshot, file)
        .iter()
        .map(|lens| {
            let (line, _) = smm_check::line_column(text, lens.span.start);
            format!(
                "line {line} `{}`: {}\n",
                &text[lens.span.range()],
                lens.title
            )
        })
        .collect()
}

#[test]
fn inlay_hint_fixtures() {
    each("inlay-hints", render_hints);
}

#[test]
fn code_lens_fixtures() {
    each("code-lens", render_lenses);
}

#[test]
fn only_hints_in_the_range_are_given() {
    let text = "profile p {\n  role asset-owner\n  target access-control level 3\n}\n\
                assessment a {\n  profile p\n  practice access-control level 2\n  practice monitoring level 1\n}\n";
    let fixture = Fixture::new(text);
    let (snapshot, file) = (fixture.snapshot(), fixture.file);
    let all = smm_ide::inlay_hints(&snapshot, file, Span::new(0, text.len()));
    assert_eq!(all.len(), 2, "{all:?}");
    let second_line = text.find("  practice monitoring").unwrap();
    let some = smm_ide::inlay_hints(&snapshot, file, Span::new(second_line, text.len()));
    assert_eq!(some.len(), 1);
    assert_eq!(some[0].label, "no target");
    assert!(smm_ide::inlay_hints(&snapshot, file, Span::new(0, 10)).is_empty());
}
