//! One fixture per case: `fixtures/hover/*.smm` and `fixtures/completion/*.smm`, each with a
//! `$0` cursor. Every result is non-empty and snapshotted beside the fixtures.

mod common;

use common::each_fixture;

#[test]
fn hover_fixtures() {
    each_fixture("hover", 3, |_, fixture| {
        smm_ide::hover(&fixture.snapshot(), fixture.file, fixture.cursor())
            .map(|h| {
                format!(
                    "on `{}`\n\n{}",
                    &fixture.text()[h.range.range()],
                    h.markdown
                )
            })
            .unwrap_or_default()
    });
}

#[test]
fn completion_fixtures() {
    each_fixture("completion", 3, |_, fixture| {
        smm_ide::completions(&fixture.snapshot(), fixture.file, fixture.cursor())
            .iter()
            .map(|c| {
                let detail = c.detail.as_deref().unwrap_or("");
                let detail: String = detail.chars().take(60).collect();
                format!("{:?} {}  {detail}", c.kind, c.label)
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
}

/// Hovers are read in clients that do not render Markdown tables (Neovim 0.7 shows the
/// pipes): no hover on any token of the examples holds one.
#[test]
fn no_hover_holds_a_markdown_table() {
    let paths = common::examples();
    let files = common::Files(
        paths
            .iter()
            .map(|p| (p.clone(), std::fs::read_to_string(p).unwrap()))
            .collect(),
    );
    let built = common::Built::new(&files);
    let mut hovers = 0;
    for (&file, path) in built.files.iter().zip(&paths) {
        let text = built.text(file);
        for token in smm_syntax::lex(text).tokens {
            let Some(hover) = smm_ide::hover(&built.snapshot(), file, token.span.start) else {
                continue;
            };
            hovers += 1;
            let table = hover
                .markdown
                .lines()
                .any(|l| l.trim_start().starts_with('|') && l.trim_end().ends_with('|'));
            let at = token.span.start;
            assert!(!table, "{}:{at}:\n{}", path.display(), hover.markdown);
        }
    }
    assert!(hovers > 500, "{hovers} hovers");
}
