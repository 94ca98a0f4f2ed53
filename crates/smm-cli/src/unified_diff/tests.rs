use super::{diff_without_one_sided_lines, intern, line_diff, render, split_lines, unified};
use proptest::prelude::*;
use proptest::test_runner::Config;
use similar::{ChangeTag, DiffOp, TextDiff};
use smm_syntax::visible;
use std::time::Instant;

#[test]
fn plain_diff_has_headers_and_hunks() {
    let diff = unified("a.smm", "x\ny\n", "x\nz\n", "formatted", false);
    assert_eq!(
        diff,
        "--- a.smm\n+++ a.smm (formatted)\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n"
    );
}

#[test]
fn coloured_diff_paints_changed_lines() {
    let diff = unified("a.smm", "y\n", "z\n", "formatted", true);
    assert!(diff.contains("\x1b[31m-y\x1b[0m\n"), "{diff:?}");
    assert!(diff.contains("\x1b[32m+z\x1b[0m\n"), "{diff:?}");
}

#[test]
fn lines_from_the_file_are_shown_visibly() {
    let old = "a \"\x1b]0;owned\x07\x1b[2J\0\u{202e}\"\n";
    let diff = unified("a.smm", old, "b\n", "formatted", false);
    assert_eq!(
        diff,
        "--- a.smm\n+++ a.smm (formatted)\n@@ -1 +1 @@\n-a \"\\e]0;owned\\u{7}\\e[2J\\0\\u{202e}\"\n+b\n"
    );
    let painted = unified("a.smm", old, "b\n", "formatted", true);
    assert!(painted.contains("\x1b[31m-a \"\\e]0;"), "{painted:?}");
    let raw_escapes = painted.matches('\x1b').count();
    let colour_codes = painted.matches("\x1b[").count();
    assert_eq!(raw_escapes, colour_codes, "{painted:?}");
}

#[test]
fn crlf_line_ends_show_as_a_visible_carriage_return() {
    let diff = unified("a.smm", "x\r\ny\r\n", "x\ny\n", "formatted", false);
    assert_eq!(
        diff,
        "--- a.smm\n+++ a.smm (formatted)\n@@ -1,2 +1,2 @@\n-x\\r\n-y\\r\n+x\n+y\n"
    );
    // A lone carriage return is shown on its own line, as the diff reads it.
    let diff = unified("a.smm", "a\rb\n", "a\rb \n", "formatted", false);
    assert!(diff.ends_with(" a\\r\n-b\n+b \n"), "{diff:?}");
    assert!(!diff.contains('\r'), "{diff:?}");
}

#[test]
fn a_missing_final_line_feed_is_marked() {
    let diff = unified("a.smm", "x\ny", "x\ny\n", "formatted", false);
    assert!(
        diff.ends_with("@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n"),
        "{diff:?}"
    );
}

/// The diff as `unified` printed it when it let `similar::TextDiff` diff the lines.
fn unified_by_textdiff(old: &str, new: &str) -> String {
    let diff = TextDiff::from_lines(old, new);
    let mut out = String::new();
    for (i, hunk) in diff
        .unified_diff()
        .context_radius(3)
        .iter_hunks()
        .enumerate()
    {
        if i == 0 {
            out.push_str("--- a.smm\n+++ a.smm (formatted)\n");
        }
        out.push_str(&format!("{}\n", hunk.header()));
        for change in hunk.iter_changes() {
            let sign = match change.tag() {
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
                ChangeTag::Equal => ' ',
            };
            let value = change.value();
            let content = value.strip_suffix('\n').unwrap_or(value);
            out.push_str(&format!("{sign}{}\n", visible(content)));
            if change.missing_newline() {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

fn ours(old: &str, new: &str) -> String {
    unified("a.smm", old, new, "formatted", false)
}

/// The diff made without the one-sided lines, however small the input.
fn sparse_ops(old: &[&str], new: &[&str], deadline: Option<Instant>) -> Vec<DiffOp> {
    let (old_ids, new_ids, distinct) = intern(old, new);
    diff_without_one_sided_lines(&old_ids, &new_ids, distinct, deadline)
}

fn sparse(old: &str, new: &str) -> String {
    let (old_lines, new_lines) = (split_lines(old), split_lines(new));
    let ops = sparse_ops(&old_lines, &new_lines, None);
    render("a.smm", "formatted", false, &old_lines, &new_lines, ops)
}

/// Applies `ops` to the old lines, checking that they cover both sides in order and that
/// equal lines are equal, and returns the text they give.
fn apply(ops: &[DiffOp], old: &[&str], new: &[&str]) -> String {
    let (mut o, mut n) = (0, 0);
    let mut out = String::new();
    for op in ops {
        // The index a deletion gives on the new side, and an insertion on the old side,
        // is not checked: similar's clean-up (in `TextDiff` too) leaves it as it was when
        // it moves the op past another change.
        if !matches!(op, DiffOp::Insert { .. }) {
            assert_eq!(op.old_range().start, o, "{ops:?}");
        }
        if !matches!(op, DiffOp::Delete { .. }) {
            assert_eq!(op.new_range().start, n, "{ops:?}");
        }
        if let DiffOp::Equal { .. } = op {
            assert_eq!(old[op.old_range()], new[op.new_range()], "{ops:?}");
        }
        out.extend(new[op.new_range()].iter().copied());
        o += op.old_range().len();
        n += op.new_range().len();
    }
    assert_eq!((o, n), (old.len(), new.len()), "{ops:?}");
    out
}

/// How many lines `ops` delete and insert.
fn deleted_and_inserted(ops: &[DiffOp]) -> (usize, usize) {
    ops.iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .fold((0, 0), |(deleted, inserted), op| {
            (
                deleted + op.old_range().len(),
                inserted + op.new_range().len(),
            )
        })
}

fn numbered(lines: std::ops::Range<usize>) -> String {
    lines.map(|i| format!("line {i}\n")).collect()
}

/// Old and new texts written by hand: line ends of every kind, changes at both ends and in
/// the middle, moves, repeated lines, every line changed, a formatted profile.
fn hand_written() -> Vec<(String, String)> {
    let long = numbered(0..40);
    let pairs: [(&str, &str); 18] = [
        ("", ""),
        ("", "a\n"),
        ("a\n", ""),
        ("a\nb\n", "a\nb\n"),
        ("a", "a\n"),
        ("a\n", "a"),
        ("a\nb", "a\nc"),
        ("x\r\ny\r\n", "x\ny\n"),
        ("x\r\ny\r\n", "x\r\nz\r\ny\r\n"),
        ("a\rb\n", "a\rb \n"),
        ("a\r\rb\r", "a\r\n\rb"),
        ("\n\n\n", "\n\n"),
        ("\r\n\r\n", "\n\r\n\n"),
        ("a\nb\nc\nd\n", "d\nc\nb\na\n"),
        ("a\nb\na\nb\na\n", "b\na\nb\na\nb\n"),
        ("}\n\n}\n\n}\n", "}\n}\n\n}\n\n"),
        (
            "a {\n  x\n}\n\nb {\n  y\n}\n",
            "a {\n  x 1\n}\n\nb {\n  y\n  z\n}\n",
        ),
        (
            "profile p {\n    industry  manufacturing\n  target access-control level 2\n\n\n  \
             target x level 1 {\n rationale \"r\"\n }\n}",
            "profile p {\n  industry manufacturing\n  target access-control level 2\n\n  \
             target x level 1 {\n    rationale \"r\"\n  }\n}\n",
        ),
    ];
    let mut cases: Vec<(String, String)> = pairs
        .iter()
        .map(|(old, new)| (old.to_string(), new.to_string()))
        .collect();
    let edited = [
        format!("{}new\n{}", numbered(0..20), numbered(20..40)),
        format!("{}{}", numbered(0..20), numbered(21..40)),
        format!("first\n{long}last\n"),
        format!("{}end\n", numbered(2..38)),
        format!(
            "{}x\n{}y\n{}",
            numbered(0..5),
            numbered(6..31),
            numbered(32..40)
        ),
        // Moved lines and blocks.
        format!(
            "{}{}{}",
            numbered(10..20),
            numbered(0..10),
            numbered(20..40)
        ),
        format!(
            "{}{}line 5\n{}",
            numbered(0..5),
            numbered(6..30),
            numbered(30..40)
        ),
        long.to_uppercase(),
    ];
    cases.extend(edited.into_iter().map(|new| (long.clone(), new)));
    cases.push((
        "    target a    level 1\n".repeat(20),
        "  target a level 1\n".repeat(20),
    ));
    cases
}

#[test]
fn hunks_are_those_textdiff_gave() {
    for (old, new) in hand_written() {
        assert_eq!(
            ours(&old, &new),
            unified_by_textdiff(&old, &new),
            "{old:?} -> {new:?}"
        );
    }
}

#[test]
fn without_the_one_sided_lines_the_hunks_are_mostly_those_textdiff_gave() {
    // Myers, left to align fewer lines, can match a repeated line elsewhere: here a blank
    // line (or one of two blank lines) of the old text.
    let differ: Vec<(String, String)> = hand_written()
        .into_iter()
        .filter(|(old, new)| sparse(old, new) != unified_by_textdiff(old, new))
        .collect();
    let profile = hand_written()[17].clone();
    assert_eq!(
        differ,
        [("\r\n\r\n".into(), "\n\r\n\n".into()), profile.clone()]
    );
    let header = "--- a.smm\n+++ a.smm (formatted)\n";
    assert_eq!(
        sparse("\r\n\r\n", "\n\r\n\n"),
        format!("{header}@@ -1,2 +1,3 @@\n+\n \\r\n-\\r\n+\n")
    );
    assert_eq!(
        unified_by_textdiff("\r\n\r\n", "\n\r\n\n"),
        format!("{header}@@ -1,2 +1,3 @@\n-\\r\n+\n \\r\n+\n")
    );
    // The second of the two blank lines is deleted, not the first.
    let (old, new) = profile;
    assert!(sparse(&old, &new).contains("level 2\n \n-\n   target"));
    assert!(unified_by_textdiff(&old, &new).contains("level 2\n-\n \n   target"));
}

#[test]
fn a_big_diff_is_made_without_the_one_sided_lines() {
    // Thousands of changed lines before the case above: Myers on all the lines would cost
    // more than it may, so the diff without the one-sided lines is taken as it is.
    let old: String = (0..5_000).map(|i| format!("old {i}\n")).collect();
    let new: String = (0..5_000).map(|i| format!("new {i}\n")).collect();
    let diff = ours(&format!("{old}\r\n\r\n"), &format!("{new}\n\r\n\n"));
    assert!(
        diff.ends_with("\n+\n \\r\n-\\r\n+\n"),
        "{}",
        &diff[diff.len() - 100..]
    );
}

#[test]
fn a_file_whose_every_line_changes_diffs_as_one_hunk() {
    let old = "    target access-control    level 1\n".repeat(64_000);
    let new = "  target access-control level 1\n".repeat(64_000);
    let diff = unified("big.smm", &old, &new, "formatted", false);
    let mut lines = diff.lines();
    assert_eq!(lines.next(), Some("--- big.smm"));
    assert_eq!(lines.next(), Some("+++ big.smm (formatted)"));
    assert_eq!(lines.next(), Some("@@ -1,64000 +1,64000 @@"));
    let rest: Vec<&str> = lines.collect();
    assert_eq!(rest.len(), 128_000);
    assert!(rest[..64_000]
        .iter()
        .all(|l| *l == "-    target access-control    level 1"));
    assert!(rest[64_000..]
        .iter()
        .all(|l| *l == "+  target access-control level 1"));
}

/// Texts of a few short lines, from an alphabet small enough that lines repeat, with CRLF,
/// lone CR and a missing final line feed.
fn text() -> impl Strategy<Value = Vec<&'static str>> {
    let piece = prop::sample::select(vec![
        "a\n", "b\n", "c\n", "a\n", "b\n", "a\r\n", "b\r\n", "\r", "\n", "a", "}\n",
    ]);
    prop::collection::vec(piece, 0..14)
}

/// An old text and a new one: unrelated, or the old one edited (lines deleted, replaced,
/// inserted, a block moved).
fn old_and_new() -> impl Strategy<Value = (String, String)> {
    let unrelated = (text(), text()).prop_map(|(a, b)| (a.concat(), b.concat()));
    let edited = (
        text(),
        prop::collection::vec((0..8u8, text()), 14),
        any::<(usize, usize, usize)>(),
    )
        .prop_map(|(old, edits, (from, len, to))| {
            let mut new: Vec<&str> = Vec::new();
            for (piece, (action, with)) in old.iter().zip(&edits) {
                match action {
                    0 => {}
                    1 => new.extend(&with[..with.len().min(2)]),
                    2 => {
                        new.push(piece);
                        new.extend(&with[..with.len().min(2)]);
                    }
                    _ => new.push(piece),
                }
            }
            if !new.is_empty() {
                let from = from % new.len();
                let len = len % (new.len() - from) + 1;
                let block: Vec<&str> = new.drain(from..from + len).collect();
                let to = to % (new.len() + 1);
                new.splice(to..to, block);
            }
            (old.concat(), new.concat())
        });
    prop_oneof![unrelated, edited]
}

fn config() -> Config {
    Config {
        cases: 2_000,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn lines_split_as_textdiff_splits_them(text in text()) {
        let text = text.concat();
        let diff = TextDiff::from_lines(text.as_str(), "");
        prop_assert_eq!(split_lines(&text), diff.old_slices().to_vec());
    }

    #[test]
    fn diff_is_the_one_textdiff_gave((old, new) in old_and_new()) {
        prop_assert_eq!(ours(&old, &new), unified_by_textdiff(&old, &new));
    }

    // Without the one-sided lines Myers can pick another alignment (a quarter of these
    // small texts, full of repeated lines, come out differently), but an equally small one.
    #[test]
    fn diff_without_one_sided_lines_is_minimal_and_gives_the_new_text(
        (old, new) in old_and_new()
    ) {
        let (old_lines, new_lines) = (split_lines(&old), split_lines(&new));
        let ops = sparse_ops(&old_lines, &new_lines, None);
        prop_assert_eq!(apply(&ops, &old_lines, &new_lines), new.clone());
        let reference = TextDiff::from_lines(old.as_str(), new.as_str());
        prop_assert_eq!(deleted_and_inserted(&ops), deleted_and_inserted(reference.ops()));
    }

    #[test]
    fn diff_past_the_deadline_still_gives_the_new_text((old, new) in old_and_new()) {
        let (old_lines, new_lines) = (split_lines(&old), split_lines(&new));
        let ops = line_diff(&old_lines, &new_lines, Some(Instant::now()));
        prop_assert_eq!(apply(&ops, &old_lines, &new_lines), new.clone());
        let ops = sparse_ops(&old_lines, &new_lines, Some(Instant::now()));
        prop_assert_eq!(apply(&ops, &old_lines, &new_lines), new);
    }
}
