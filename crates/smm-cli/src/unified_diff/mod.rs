//! Unified diffs between a file and its formatted or fixed text. The lines are the user's, so they are
//! shown through `smm_syntax::visible`: an escape or a bidirectional override in a string is
//! shown as `\e` or `\u{202e}`, and only our own colour codes reach the terminal.
//!
//! Each line is shown without its line feed, which the diff supplies; a carriage return is
//! content like any other and shown as `\r`. So in a CRLF file (which the formatter keeps
//! CRLF) the lines on both sides end in `\r`, and a line whose ending alone changes shows it.
//! A lone `\r`, which the diff takes for a line end, is shown the same way, on its own line.
//!
//! The lines are aligned by Myers' algorithm, as `similar::TextDiff::from_lines` aligned them,
//! but Myers takes O(N·D) time for N lines and D of them changed: 64,000 lines all reindented
//! took over 20 seconds. So the diff is first made as git's xdiff makes it, with the common
//! prefix and suffix set aside and the lines that occur on one side only taken out before
//! Myers runs (they can only be deleted or inserted); such a file then has nothing left to
//! align and diffs in linear time. Myers runs on all the lines only where that costs little,
//! to keep the hunks `TextDiff` gave (see `line_diff`), and never past a time limit.

use std::collections::HashMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use similar::algorithms::{Capture, Compact, DiffHook, Replace};
use similar::udiff::UnifiedHunkHeader;
use similar::{capture_diff_slices_deadline, group_diff_ops, Algorithm, ChangeTag, DiffOp};
use smm_syntax::lines::line_starts;
use smm_syntax::visible;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// How long Myers may look for minimal alignments, in all (the diff without the one-sided
/// lines, then perhaps the diff of all the lines). Only inputs built to defeat it (long
/// stretches of lines that each occur on both sides, in very different orders) come near it.
/// Past it Myers gives up on the part it is working on and reports it as deleted and then
/// inserted whole: the diff is still correct (applied to the old text it gives the new one),
/// but it may not be minimal, that is, show more changed lines than needed.
const MYERS_TIME_LIMIT: Duration = Duration::from_secs(3);

/// `made` says what `new` is: `formatted`, `fixed`.
pub fn unified(shown: &str, old: &str, new: &str, made: &str, color: bool) -> String {
    let old_lines = split_lines(old);
    let new_lines = split_lines(new);
    let ops = line_diff(
        &old_lines,
        &new_lines,
        Some(Instant::now() + MYERS_TIME_LIMIT),
    );
    render(shown, made, color, &old_lines, &new_lines, ops)
}

/// The hunks of `ops`, a diff of `old_lines` and `new_lines`, under the file's header.
fn render(
    shown: &str,
    made: &str,
    color: bool,
    old_lines: &[&str],
    new_lines: &[&str],
    ops: Vec<DiffOp>,
) -> String {
    let mut out = String::new();
    let mut line = |paint: &str, text: &str| {
        if color && !paint.is_empty() {
            out.push_str(&format!("{paint}{text}{RESET}\n"));
        } else {
            out.push_str(text);
            out.push('\n');
        }
    };
    for (i, hunk) in group_diff_ops(ops, CONTEXT).iter().enumerate() {
        if i == 0 {
            line(BOLD, &format!("--- {}", visible(shown)));
            line(BOLD, &format!("+++ {} ({made})", visible(shown)));
        }
        line(CYAN, &UnifiedHunkHeader::new(hunk).to_string());
        for op in hunk {
            for change in op.iter_changes(old_lines, new_lines) {
                let (sign, paint) = match change.tag() {
                    ChangeTag::Delete => ('-', RED),
                    ChangeTag::Insert => ('+', GREEN),
                    ChangeTag::Equal => (' ', ""),
                };
                let value = change.value();
                let content = value.strip_suffix('\n').unwrap_or(value);
                line(paint, &format!("{sign}{}", visible(content)));
                if change.missing_newline() {
                    line("", "\\ No newline at end of file");
                }
            }
        }
    }
    out
}

/// The lines of `text`, each with its line break, split as `similar::TextDiff::from_lines`
/// splits them: after each `\n`, `\r\n` and lone `\r`. The last line may lack a break; an
/// empty text has no lines.
fn split_lines(text: &str) -> Vec<&str> {
    let starts = line_starts(text);
    let mut lines: Vec<&str> = starts.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    let last = starts[starts.len() - 1];
    if last < text.len() {
        lines.push(&text[last..]);
    }
    lines
}

/// The diff of two lists of lines as ops on their indices: equal runs, and between them the
/// deleted old lines and the inserted new lines (as one `Replace` when there are both, as
/// similar's own `TextDiff` gives them).
///
/// The diff without the one-sided lines comes first. It is minimal (a one-sided line is never
/// equal to anything, so taking them out leaves the longest common subsequence as it was),
/// and it tells the size D of the diff, so what Myers would cost on all the lines is known
/// before running it: when that is small, as for any diff a person reads through, Myers runs
/// on all the lines too and its diff is taken, the very one `TextDiff` gave. Leaving lines out
/// lets Myers pick a different alignment among the minimal ones (about a third of formatter
/// diffs come out differently, typically a repeated line such as a blank, a `}` or a comment
/// matched elsewhere), so the hunks stay as they were wherever that can be afforded.
fn line_diff(old: &[&str], new: &[&str], deadline: Option<Instant>) -> Vec<DiffOp> {
    let (old_ids, new_ids, distinct) = intern(old, new);
    let sparse = diff_without_one_sided_lines(&old_ids, &new_ids, distinct, deadline);
    let size = changed_lines(&sparse);
    let (prefix, suffix) = common_ends(&old_ids, &new_ids);
    let middle = old_ids.len() + new_ids.len() - 2 * (prefix + suffix);
    if middle.saturating_mul(size) > FULL_MYERS_BUDGET {
        return sparse;
    }
    let full = capture_diff_slices_deadline(Algorithm::Myers, &old_ids, &new_ids, deadline);
    // Past the deadline Myers settles for a longer diff: the other one is better then.
    if changed_lines(&full) > size {
        sparse
    } else {
        full
    }
}

/// The lines as ids, the same for equal lines, and how many distinct lines there are (the
/// ids are below that).
fn intern<'a>(old: &[&'a str], new: &[&'a str]) -> (Vec<usize>, Vec<usize>, usize) {
    let mut ids: HashMap<&'a str, usize> = HashMap::new();
    let mut id = |line: &&'a str| {
        let next = ids.len();
        *ids.entry(*line).or_insert(next)
    };
    let old_ids = old.iter().map(&mut id).collect();
    let new_ids = new.iter().map(&mut id).collect();
    (old_ids, new_ids, ids.len())
}

/// Above this product of the number of lines between the common prefix and suffix and the
/// size of the diff (lines deleted plus lines inserted), Myers is not run on all the lines:
/// its time grows with that product, and at this one it took well under a second in a debug
/// build (release builds are many times faster). A file of a few thousand lines with a
/// thousand changed stays under it; 64,000 lines all changed (128,000 times 128,000) are far
/// above.
const FULL_MYERS_BUDGET: usize = 20_000_000;

/// The number of lines deleted and inserted by `ops`.
fn changed_lines(ops: &[DiffOp]) -> usize {
    ops.iter()
        .filter(|op| !matches!(op, DiffOp::Equal { .. }))
        .map(|op| op.old_range().len() + op.new_range().len())
        .sum()
}

/// The lengths of the common prefix and, after it, of the common suffix.
fn common_ends(old: &[usize], new: &[usize]) -> (usize, usize) {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (prefix, suffix)
}

/// The diff of two lists of line ids (below `distinct`) as git's xdiff makes it: the common
/// prefix and suffix set aside, Myers aligns only the lines between them that occur on both
/// sides, and the others are deleted or inserted where they stand. Its time is linear in the
/// lines plus that of Myers on the lines it aligns.
fn diff_without_one_sided_lines(
    old_ids: &[usize],
    new_ids: &[usize],
    distinct: usize,
    deadline: Option<Instant>,
) -> Vec<DiffOp> {
    let (prefix, suffix) = common_ends(old_ids, new_ids);
    let old_middle = prefix..old_ids.len() - suffix;
    let new_middle = prefix..new_ids.len() - suffix;

    // Between the prefix and the suffix, a line that does not occur on the other side can
    // only be deleted (or inserted): only the others are left for Myers to align.
    let mut in_old = vec![false; distinct];
    let mut in_new = vec![false; distinct];
    for &id in &old_ids[old_middle.clone()] {
        in_old[id] = true;
    }
    for &id in &new_ids[new_middle.clone()] {
        in_new[id] = true;
    }
    let kept_old: Vec<usize> = old_middle.clone().filter(|&i| in_new[old_ids[i]]).collect();
    let kept_new: Vec<usize> = new_middle.clone().filter(|&i| in_old[new_ids[i]]).collect();
    let kept_old_ids: Vec<usize> = kept_old.iter().map(|&i| old_ids[i]).collect();
    let kept_new_ids: Vec<usize> = kept_new.iter().map(|&i| new_ids[i]).collect();
    let aligned =
        capture_diff_slices_deadline(Algorithm::Myers, &kept_old_ids, &kept_new_ids, deadline);

    // Back to the indices of all lines: each line Myers matched is equal, and the lines
    // between two matched lines (one-sided or not) are deleted and inserted.
    let mut ops = Ops::default();
    ops.equal(0, 0, prefix);
    let (mut old_at, mut new_at) = (old_middle.start, new_middle.start);
    for op in aligned {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                let (o, n) = (kept_old[old_index + k], kept_new[new_index + k]);
                ops.change(old_at..o, new_at..n);
                ops.equal(o, n, 1);
                (old_at, new_at) = (o + 1, n + 1);
            }
        }
    }
    ops.change(old_at..old_middle.end, new_at..new_middle.end);
    ops.equal(old_middle.end, new_middle.end, suffix);

    // Then the clean-up `TextDiff` does after Myers, on all the lines this time (Myers only
    // saw some): a run of inserted lines slides along the equal lines around it to meet
    // another change where it can, and deletions and insertions that meet become
    // replacements.
    let mut tidy = Compact::new(Replace::new(Capture::new()), old_ids, new_ids);
    for op in &ops.0 {
        let Ok(()) = op.apply_to_hook(&mut tidy);
    }
    let Ok(()) = tidy.finish();
    tidy.into_inner().into_inner().into_ops()
}

/// Diff ops being built in order, with adjacent equal runs merged.
#[derive(Default)]
struct Ops(Vec<DiffOp>);

impl Ops {
    fn equal(&mut self, old_index: usize, new_index: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(DiffOp::Equal { len: last, .. }) = self.0.last_mut() {
            *last += len;
        } else {
            self.0.push(DiffOp::Equal {
                old_index,
                new_index,
                len,
            });
        }
    }

    /// The old lines `old` deleted and the new lines `new` inserted in their place.
    fn change(&mut self, old: Range<usize>, new: Range<usize>) {
        if !old.is_empty() {
            self.0.push(DiffOp::Delete {
                old_index: old.start,
                old_len: old.len(),
                new_index: new.start,
            });
        }
        if !new.is_empty() {
            self.0.push(DiffOp::Insert {
                old_index: old.end,
                new_index: new.start,
                new_len: new.len(),
            });
        }
    }
}

#[cfg(test)]
mod tests;
