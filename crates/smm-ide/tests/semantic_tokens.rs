//! Semantic tokens. One fixture per case, `fixtures/semantic-tokens/*.smm`, rendered one token
//! a line as `line:column-column type [modifiers] «text»` (1-based, columns in characters, the
//! end column exclusive) and snapshotted beside the fixtures; and the invariants an editor
//! relies on, over every example file.

use std::path::{Path, PathBuf};

use smm_check::{check, CheckOptions, Loader, Workspace};
use smm_ide::{semantic_tokens, Modifiers, SemanticToken, Snapshot, TokenType};
use smm_syntax::Span;

/// Files given with their texts; the model is built from them as the server builds it.
struct Files(Vec<(PathBuf, String)>);

impl Loader for Files {
    fn files(&self) -> Vec<PathBuf> {
        self.0.iter().map(|(p, _)| p.clone()).collect()
    }
    fn read(&self, path: &Path) -> Result<String, String> {
        let (_, text) = self.0.iter().find(|(p, _)| p == path).unwrap();
        Ok(text.clone())
    }
    fn exists(&self, _: &Path) -> bool {
        false
    }
}

/// Runs `each` with a snapshot of the workspace of `files`.
fn with_snapshot(files: Vec<(PathBuf, String)>, each: impl FnOnce(&Workspace, &Snapshot<'_>)) {
    let loader = Files(files);
    let workspace = Workspace::load(&loader);
    let (model, _) = smm_check::catalogs::model_of(
        workspace
            .sources()
            .map(|(_, s)| (s.path.as_path(), &*s.text, &s.parse.file)),
    );
    let analysis = check(&workspace, &model, &loader, &CheckOptions::default());
    let snapshot = Snapshot {
        workspace: &workspace,
        model: &model,
        analysis: &analysis,
    };
    each(&workspace, &snapshot);
}

fn render(text: &str, tokens: &[SemanticToken]) -> String {
    let mut out = String::new();
    for token in tokens {
        let before = &text[..token.span.start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        let word = &text[token.span.range()];
        let end = column + word.chars().count();
        let modifiers: Vec<&str> = token.modifiers.iter().map(Modifiers::name).collect();
        let modifiers = match modifiers.is_empty() {
            true => String::new(),
            false => format!(" [{}]", modifiers.join(" ")),
        };
        out.push_str(&format!(
            "{line}:{column}-{end} {}{modifiers} «{word}»\n",
            token.kind.name()
        ));
    }
    out
}

#[test]
fn semantic_token_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/semantic-tokens");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root.join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    let mut entries: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "smm"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 4, "only {} fixtures", entries.len());
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let fixture = PathBuf::from("/w/fixture.smm");
        with_snapshot(
            vec![(fixture.clone(), text.clone())],
            |workspace, snapshot| {
                let file = workspace.id(&fixture).unwrap();
                let tokens = semantic_tokens(snapshot, file, None);
                assert_invariants(&name, &text, &tokens);
                insta::assert_snapshot!(name, render(&text, &tokens));
            },
        );
    }
}

/// Sorted, disjoint, non-empty, on one line each and on character boundaries.
fn assert_invariants(name: &str, text: &str, tokens: &[SemanticToken]) {
    for token in tokens {
        let span = token.span;
        assert!(span.start < span.end, "{name}: empty token {span:?}");
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{name}: {span:?} splits a character"
        );
        let word = &text[span.range()];
        assert!(
            !word.contains(['\n', '\r']),
            "{name}: {span:?} crosses a line"
        );
    }
    for pair in tokens.windows(2) {
        assert!(
            pair[0].span.end <= pair[1].span.start,
            "{name}: {:?} and {:?} overlap or are out of order",
            pair[0].span,
            pair[1].span
        );
    }
}

fn smm_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            smm_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "smm") {
            found.push(path);
        }
    }
}

/// Every example: the invariants hold, every practice and clause is known, and a range query
/// gives exactly the tokens of the full result that share a byte with the range.
#[test]
fn examples_keep_the_invariants_and_ranges_select_the_full_result() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut paths = Vec::new();
    smm_files(&examples, &mut paths);
    paths.sort();
    assert!(paths.len() >= 10, "only {} examples", paths.len());
    let files = paths
        .iter()
        .map(|p| (p.clone(), std::fs::read_to_string(p).unwrap()))
        .collect();
    with_snapshot(files, |workspace, snapshot| {
        for (file, source) in workspace.sources() {
            let name = source.path.display().to_string();
            let text = &*source.text;
            let all = semantic_tokens(snapshot, file, None);
            assert_invariants(&name, text, &all);
            for token in &all {
                assert!(
                    !token.modifiers.contains(Modifiers::UNRESOLVED),
                    "{name}: `{}` unresolved in an example",
                    &text[token.span.range()]
                );
            }
            let kinds = |kind| all.iter().filter(|t| t.kind == kind).count();
            assert!(kinds(TokenType::Keyword) > 0 && kinds(TokenType::Practice) > 0);
            for range in ranges(text) {
                let expected: Vec<SemanticToken> = all
                    .iter()
                    .filter(|t| t.span.start < range.end && range.start < t.span.end)
                    .copied()
                    .collect();
                assert_eq!(
                    semantic_tokens(snapshot, file, Some(range)),
                    expected,
                    "{name}: range {range:?}"
                );
            }
        }
    });
}

/// Ranges that start and end anywhere: inside words, at line starts, empty, past the end.
fn ranges(text: &str) -> Vec<Span> {
    let len = text.len();
    let mut ranges = vec![Span::new(0, len), Span::new(0, 0), Span::new(len, len)];
    for start in (0..len).step_by(97) {
        for width in [0, 1, 13, 200, 1500] {
            ranges.push(Span::new(start, (start + width).min(len)));
        }
    }
    ranges
}

#[test]
fn line_breaks_inside_tokens_split_them_without_the_carriage_return() {
    let text = "/* one\r\n\r\ntwo */\r\nprofile a {\r\n}\r\n".to_string();
    let fixture = PathBuf::from("/w/crlf.smm");
    with_snapshot(
        vec![(fixture.clone(), text.clone())],
        |workspace, snapshot| {
            let file = workspace.id(&fixture).unwrap();
            let tokens = semantic_tokens(snapshot, file, None);
            let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.range()]).collect();
            assert_eq!(words, ["/* one", "two */", "profile", "a"]);
            assert_invariants("crlf", &text, &tokens);
        },
    );
}

#[test]
fn the_legend_is_in_index_order_with_unique_names() {
    for (index, kind) in TokenType::ALL.into_iter().enumerate() {
        assert_eq!(kind.index() as usize, index);
    }
    let mut names: Vec<&str> = TokenType::ALL.iter().map(|t| t.name()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), TokenType::ALL.len());
    for (bit, modifier) in Modifiers::ALL.into_iter().enumerate() {
        assert_eq!(modifier.bits(), 1 << bit);
    }
    let names: Vec<&str> = Modifiers::ALL.iter().map(|m| m.name()).collect();
    assert_eq!(names, ["declaration", "defaultLibrary", "unresolved"]);
}
