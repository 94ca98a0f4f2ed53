//! The AST's ratings, `target` lines of profiles and `practice` lines of assessments, as both
//! checks read them.

use std::collections::BTreeMap;

use smm_syntax::ast::{Name, Rating};
use smm_syntax::Span;

use crate::{CheckCode, FileId, Finding};

/// The practices rated so far in one profile or assessment, each with its line: a practice is
/// rated once per item, and a second line is reported at its practice, pointing at the first.
pub(crate) struct RatedOnce {
    first: BTreeMap<String, Span>,
    code: CheckCode,
    /// After the practice: "is targeted twice in this profile".
    twice: &'static str,
    /// At the first line: "first target".
    first_label: &'static str,
    help: &'static str,
}

impl RatedOnce {
    pub fn new(
        code: CheckCode,
        twice: &'static str,
        first_label: &'static str,
        help: &'static str,
    ) -> RatedOnce {
        RatedOnce {
            first: BTreeMap::new(),
            code,
            twice,
            first_label,
            help,
        }
    }

    /// Whether `rating` is the first line of `practice`; a later one is reported.
    pub fn first<F>(
        &mut self,
        file: FileId,
        practice: &Name,
        rating: &Rating<F>,
        findings: &mut Vec<Finding>,
    ) -> bool {
        if let Some(first) = self.first.get(&practice.text) {
            let message = format!("`{}` {}", practice.text, self.twice);
            findings.push(
                Finding::new(file, self.code, practice.span, message)
                    .related(file, *first, self.first_label)
                    .help(self.help),
            );
            return false;
        }
        self.first.insert(practice.text.clone(), rating.line());
        true
    }
}
