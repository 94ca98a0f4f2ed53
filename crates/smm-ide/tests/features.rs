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
