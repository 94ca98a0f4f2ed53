//! A file's diagnostics made again after an edit, keeping what was made for the problems the
//! edit left as they were (a long file has thousands, and typing changes one item's): a
//! problem equal to one made last time, but for where it lies, gets that diagnostic with its
//! ranges made again. Problems are paired from the front, then from the back, in order, so
//! an edit that adds or removes problems in the middle leaves the others paired.

use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::ls_types::Diagnostic;

use super::line_map::{Encoding, LineMap};
use super::Converter;
use crate::outgoing::{FileDiagnostics, Problem};

/// What was made for a file last time.
pub struct Made {
    pub problems: Vec<Problem>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A file's problems as protocol diagnostics, reusing `last` (if given) where its problems
/// are the same.
pub fn diagnostics(
    last: Option<Made>,
    file: &FileDiagnostics,
    map: &LineMap,
    encoding: Encoding,
    line_map: &dyn Fn(&Path, &Arc<str>) -> Arc<LineMap>,
) -> Vec<Diagnostic> {
    let mut converter = Converter::new(file, map, encoding, line_map);
    let new = &file.problems;
    let Some(Made {
        problems: old,
        diagnostics: made,
    }) = last.filter(|m| m.problems.len() == m.diagnostics.len() && converter.has_uri())
    else {
        return new.iter().map(|p| converter.one(p)).collect();
    };
    let front = new
        .iter()
        .zip(&old)
        .take_while(|(n, o)| same_but_places(n, o))
        .count();
    let back = new[front..]
        .iter()
        .rev()
        .zip(old[front..].iter().rev())
        .take_while(|(n, o)| same_but_places(n, o))
        .count();
    let mut made: Vec<Option<Diagnostic>> = made.into_iter().map(Some).collect();
    let old_len = old.len();
    new.iter()
        .enumerate()
        .map(|(i, problem)| {
            let kept = if i < front {
                made[i].take()
            } else if i >= new.len() - back {
                made[old_len - (new.len() - i)].take()
            } else {
                None
            };
            match kept {
                Some(diagnostic) => converter.moved(problem, diagnostic),
                None => converter.one(problem),
            }
        })
        .collect()
}

/// Whether two problems say the same, each place aside in the file itself (its places
/// elsewhere must be the same, in the same text).
fn same_but_places(a: &Problem, b: &Problem) -> bool {
    let (x, y) = (&a.diagnostic, &b.diagnostic);
    x.severity == y.severity
        && x.code == y.code
        && x.message == y.message
        && x.label == y.label
        && x.help == y.help
        && x.notes == y.notes
        && x.related.len() == y.related.len()
        && x.related
            .iter()
            .zip(&y.related)
            .all(|(r, s)| r.message == s.message)
        && a.elsewhere == b.elsewhere
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use serde_json::json;
    use smm_syntax::{Diagnostic as Found, Label, Severity, Span};

    use super::*;
    use crate::outgoing::{Elsewhere, FileText};

    fn problem(span: (usize, usize), message: &str, label_at: Option<(usize, usize)>) -> Problem {
        let mut diagnostic = Found::new(
            Severity::Warning,
            "check::unmet-target",
            Span::new(span.0, span.1),
            message.to_string(),
        );
        if let Some((start, end)) = label_at {
            diagnostic
                .related
                .push(Label::here(Span::new(start, end), "here too"));
        }
        Problem {
            diagnostic,
            elsewhere: vec![Elsewhere::new(
                FileText {
                    path: PathBuf::from("/w/base.smm"),
                    text: profile(),
                },
                Span::new(0, 7),
                "target set here",
            )],
        }
    }

    fn profile() -> Arc<str> {
        thread_local! { static TEXT: Arc<str> = "profile base {}\n".into(); }
        TEXT.with(Arc::clone)
    }

    fn file(text: &str, problems: Vec<Problem>) -> FileDiagnostics {
        FileDiagnostics {
            path: PathBuf::from("/w/a.smm"),
            text: text.into(),
            problems,
        }
    }

    fn fresh(file: &FileDiagnostics) -> Vec<Diagnostic> {
        let map = LineMap::new(&file.text);
        diagnostics(None, file, &map, Encoding::Utf16, &|_, t| {
            Arc::new(LineMap::new(t))
        })
    }

    /// After edits that move, change, add and remove problems, what is made again equals
    /// what is made from nothing, and the problems the edit left are the ones kept.
    #[test]
    fn kept_diagnostics_equal_fresh_ones_and_only_the_unchanged_are_kept() {
        let line = |i: usize| format!("practice p{i} level 1 é\n");
        let text: String = (0..20).map(line).collect();
        let at = |i: usize| text.match_indices("practice").nth(i).unwrap().0;
        let before: Vec<Problem> = (0..20)
            .map(|i| {
                problem(
                    (at(i), at(i) + 8),
                    &format!("p{i} is below"),
                    (i % 3 == 0).then(|| (at(i) + 9, at(i) + 12)),
                )
            })
            .collect();
        let old = file(&text, before);
        let mut made = fresh(&old);
        // Marks what was made last time, to see what is kept.
        made.iter_mut().for_each(|d| d.data = Some(json!("kept")));

        // Two lines inserted after problem 9; problem 10's message changes; problem 15 goes.
        let inserted = "// a\n// é\n";
        let cut = at(10);
        let new_text = format!("{}{inserted}{}", &text[..cut], &text[cut..]);
        let by = inserted.len();
        let after: Vec<Problem> = (0..20)
            .filter(|&i| i != 15)
            .map(|i| {
                let shift = if i >= 10 { by } else { 0 };
                let s = at(i) + shift;
                let message = if i == 10 {
                    "p10 is met".to_string()
                } else {
                    format!("p{i} is below")
                };
                problem((s, s + 8), &message, (i % 3 == 0).then(|| (s + 9, s + 12)))
            })
            .collect();
        let new = file(&new_text, after);
        let map = LineMap::new(&new.text);
        let last = Made {
            problems: old.problems,
            diagnostics: made,
        };
        let mut again = diagnostics(Some(last), &new, &map, Encoding::Utf16, &|_, t| {
            Arc::new(LineMap::new(t))
        });
        let kept: Vec<bool> = again.iter_mut().map(|d| d.data.take().is_some()).collect();
        assert_eq!(again, fresh(&new));
        // Kept: 0–9 from the front, 16–19 from the back; not 10 (changed), and 11–14 lie
        // between the changed one and the removed one.
        let expected: Vec<bool> = (0..20)
            .filter(|&i| i != 15)
            .map(|i| !(10..=15).contains(&i))
            .collect();
        assert_eq!(kept, expected);
    }

    /// A place in another file whose text changed is not kept, even at the same span.
    #[test]
    fn a_problem_pointing_into_a_changed_file_is_made_again() {
        let old = file("practice p level 1\n", vec![problem((0, 8), "below", None)]);
        let mut made = fresh(&old);
        made[0].data = Some(json!("kept"));
        let mut changed = problem((0, 8), "below", None);
        changed.elsewhere[0].file.text = "profile base {}\n".into();
        let new = file("practice p level 1\n", vec![changed]);
        let map = LineMap::new(&new.text);
        let last = Made {
            problems: old.problems,
            diagnostics: made,
        };
        let again = diagnostics(Some(last), &new, &map, Encoding::Utf16, &|_, t| {
            Arc::new(LineMap::new(t))
        });
        assert_eq!(again[0].data, None);
        assert_eq!(again, fresh(&new));
    }
}
