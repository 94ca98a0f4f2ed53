//! The structure of a file: symbols (`fixtures/symbols`), folding (`fixtures/folding`) and
//! selection ranges (`fixtures/selection`, one chain per `$0` cursor), one fixture per case
//! with its snapshot beside it; workspace symbols over the files of
//! `fixtures/workspace-symbols` as one workspace. Properties over every fixture and example.

mod common;

use std::path::{Path, PathBuf};

use common::{each_fixture, fixtures_dir, smm_files, Built, Files};
use smm_ide::{FileId, Snapshot, Symbol};
use smm_syntax::Span;

/// Runs `feature` on a workspace of `files`, given the id of each file in order.
fn with_workspace<T>(
    files: Vec<(PathBuf, String)>,
    feature: impl FnOnce(&Snapshot<'_>, &[FileId]) -> T,
) -> T {
    let built = Built::new(&Files(files));
    feature(&built.snapshot(), &built.files)
}

/// Renders `feature` for every fixture in `dir` and snapshots the result beside it.
fn each(dir: &str, feature: impl Fn(&Snapshot<'_>, FileId, &str, &[usize]) -> String) {
    each_fixture(dir, 3, |_, fixture| {
        feature(
            &fixture.snapshot(),
            fixture.file,
            fixture.text(),
            &fixture.cursors,
        )
    });
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// A slice of the source on one line, shortened in the middle when long.
fn short(text: &str) -> String {
    let one_line: Vec<&str> = text.lines().map(str::trim_start).collect();
    let one_line = one_line.join("⏎");
    let chars: Vec<char> = one_line.chars().collect();
    if chars.len() <= 64 {
        return one_line;
    }
    let head: String = chars[..36].iter().collect();
    let tail: String = chars[chars.len() - 24..].iter().collect();
    format!("{head}…{tail}")
}

fn render_symbols(text: &str, symbols: &[Symbol], depth: usize, out: &mut String) {
    for symbol in symbols {
        let detail = symbol
            .detail
            .as_ref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}{:?} {:?}{detail} lines {}-{} at `{}`\n",
            "  ".repeat(depth),
            symbol.kind,
            symbol.name,
            line_of(text, symbol.range.start),
            line_of(text, symbol.range.end),
            &text[symbol.selection.range()],
        ));
        render_symbols(text, &symbol.children, depth + 1, out);
    }
}

#[test]
fn symbol_fixtures() {
    each("symbols", |snapshot, file, text, _| {
        let mut out = String::new();
        render_symbols(
            text,
            &smm_ide::document_symbols(snapshot, file),
            0,
            &mut out,
        );
        out
    });
}

#[test]
fn folding_fixtures() {
    each("folding", |snapshot, file, text, _| {
        smm_ide::folding_ranges(snapshot, file)
            .iter()
            .map(|fold| {
                let start = line_of(text, fold.span.start);
                let first = text.lines().nth(start - 1).unwrap().trim();
                format!(
                    "line {start}..line {} {:?}: {}",
                    line_of(text, fold.span.end),
                    fold.kind,
                    short(first)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
}

#[test]
fn selection_fixtures() {
    each("selection", |snapshot, file, text, offsets| {
        assert!(!offsets.is_empty(), "a selection fixture needs $0 cursors");
        let chains = smm_ide::selection_ranges(snapshot, file, offsets);
        let mut out = String::new();
        for (offset, chain) in offsets.iter().zip(&chains) {
            let line = line_of(text, *offset);
            out.push_str(&format!("cursor on line {line}:\n"));
            for span in chain {
                out.push_str(&format!("  `{}`\n", short(&text[span.range()])));
            }
        }
        out
    });
}

#[test]
fn workspace_symbol_queries() {
    let root = fixtures_dir("workspace-symbols");
    let files: Vec<(PathBuf, String)> = smm_files(&root)
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (PathBuf::from("/w").join(p.file_name().unwrap()), text)
        })
        .collect();
    let out = with_workspace(files, |snapshot, _| {
        let mut out = String::new();
        for query in ["", "BASE", "acme", "plng", "SEC1", "zzz"] {
            let found = smm_ide::workspace_symbols(snapshot, query);
            assert_eq!(found.is_empty(), query == "zzz", "query {query:?}");
            out.push_str(&format!("query {query:?}:\n"));
            for symbol in found {
                let source = snapshot.workspace.source(symbol.file).unwrap();
                assert_eq!(&source.text[symbol.span.range()], symbol.name);
                let container = symbol
                    .container
                    .map(|c| format!(" in {c}"))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "  {:?} {}{container} ({})\n",
                    symbol.kind,
                    symbol.name,
                    source.path.display()
                ));
            }
        }
        out
    });
    common::snapshot_settings("workspace-symbols").bind(|| insta::assert_snapshot!("queries", out));
}

#[test]
fn workspace_symbols_rank_prefix_then_substring_then_subsequence_and_stop_at_256() {
    let mut catalog = String::from("standard many \"Many clauses\" {\n");
    for i in 0..300 {
        catalog.push_str(&format!("  clause many:{i} \"Clause {i}\"\n"));
    }
    catalog.push_str("}\n");
    let ranked = "profile access {}\nprofile no-access {}\nprofile a-c-c-e-s-s {}\n";
    let files = vec![
        (PathBuf::from("/w/many.smm"), catalog),
        (PathBuf::from("/w/ranked.smm"), ranked.to_string()),
    ];
    with_workspace(files, |snapshot, _| {
        assert_eq!(smm_ide::workspace_symbols(snapshot, "").len(), 256);
        assert_eq!(smm_ide::workspace_symbols(snapshot, "MANY:").len(), 256);
        let names: Vec<String> = smm_ide::workspace_symbols(snapshot, "ACCESS")
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["access", "no-access", "a-c-c-e-s-s"]);
        let clauses = smm_ide::workspace_symbols(snapshot, "many:29");
        let names: Vec<&str> = clauses.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names[0], "many:29");
        assert!(clauses
            .iter()
            .all(|s| s.container.as_deref() == Some("many")));
    });
}

/// Every fixture of this file's features and every example.
fn every_file() -> Vec<(PathBuf, String)> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut dirs = vec![examples.join("profiles"), examples.join("assessments")];
    for dir in ["symbols", "folding", "selection", "workspace-symbols"] {
        dirs.push(fixtures_dir(dir));
    }
    let files: Vec<(PathBuf, String)> = dirs
        .iter()
        .flat_map(|d| smm_files(d))
        .map(|p| {
            let (text, _) = common::take_cursors(&std::fs::read_to_string(&p).unwrap());
            (p, text)
        })
        .collect();
    assert!(files.len() > 20);
    files
}

#[test]
fn selection_chains_grow_strictly_and_contain_the_offset_everywhere() {
    for (path, text) in every_file() {
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let whole = Span::new(0, text.len());
        with_workspace(vec![(path.clone(), text.clone())], |snapshot, ids| {
            let chains = smm_ide::selection_ranges(snapshot, ids[0], &offsets);
            assert_eq!(chains.len(), offsets.len());
            for (&offset, chain) in offsets.iter().zip(&chains) {
                let at = format!("{} at {offset}", path.display());
                assert_eq!(chain.last(), Some(&whole), "{at}");
                for span in chain {
                    assert!(span.start <= offset && offset <= span.end, "{at}: {span:?}");
                    assert!(text.is_char_boundary(span.start), "{at}: {span:?}");
                    assert!(text.is_char_boundary(span.end), "{at}: {span:?}");
                }
                for pair in chain.windows(2) {
                    let (inner, outer) = (pair[0], pair[1]);
                    let grows = outer.start <= inner.start && inner.end <= outer.end;
                    assert!(grows && outer != inner, "{at}: {chain:?}");
                }
            }
            let past = smm_ide::selection_ranges(snapshot, ids[0], &[text.len() + 1]);
            assert_eq!(past, [Vec::<Span>::new()]);
        });
    }
}

fn check_nested(text: &str, symbols: &[Symbol], parent: Option<Span>) {
    for symbol in symbols {
        let (range, selection) = (symbol.range, symbol.selection);
        assert!(!symbol.name.trim().is_empty(), "{symbol:?}");
        assert!(range.start <= selection.start && selection.end <= range.end);
        assert!(range.end <= text.len());
        if let Some(parent) = parent {
            assert!(parent.start <= range.start && range.end <= parent.end);
        }
        check_nested(text, &symbol.children, Some(range));
    }
}

#[test]
fn symbols_nest_and_folds_span_lines_in_order_in_every_file() {
    for (path, text) in every_file() {
        with_workspace(vec![(path.clone(), text.clone())], |snapshot, ids| {
            let symbols = smm_ide::document_symbols(snapshot, ids[0]);
            assert!(!symbols.is_empty(), "{}", path.display());
            check_nested(&text, &symbols, None);
            let folds = smm_ide::folding_ranges(snapshot, ids[0]);
            assert!(!folds.is_empty(), "{}", path.display());
            for fold in &folds {
                assert!(text[fold.span.range()].contains('\n'), "{fold:?}");
            }
            assert!(folds.windows(2).all(|f| f[0].span.start <= f[1].span.start));
        });
    }
}
