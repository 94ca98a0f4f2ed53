//! An edit inside one assessment's body, which only that assessment's check can see: the
//! language server checks that assessment alone (`CheckOptions::within`) and moves what
//! follows it in the file (`Analysis::update_item`) instead of checking the whole file again.

use smm_syntax::ast::Item;
use smm_syntax::{Parse, Span};

use crate::{AssessmentReport, FileId, Finding};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemEdit {
    pub file: FileId,
    /// The assessment before the edit and after it.
    pub old: Span,
    pub new: Span,
    /// Where the edit ends in the old text: offsets from here on move by `by`.
    pub old_end: usize,
    pub by: isize,
}

impl ItemEdit {
    /// The edit that turned `old_text` into `new_text` (parsed as `new`), if it lies inside
    /// the body of one assessment, after its name, and no profile or catalog item follows it
    /// in the file (their places are read from other files). `None`: check the whole file.
    pub fn find(file: FileId, old_text: &str, new_text: &str, new: &Parse) -> Option<ItemEdit> {
        let (start, old_end, new_end) = smm_syntax::changed(old_text, new_text);
        let by = new_end as isize - old_end as isize;
        let mut found = None;
        for item in &new.file.items {
            let span = item.span();
            if span.end <= start {
                continue;
            }
            match item {
                Item::Assessment(a) if found.is_none() => {
                    let body = a.body.as_ref()?;
                    let after_name = a.name.as_ref()?.span.end;
                    if !(after_name < start && body.open.end <= start && new_end < span.end) {
                        return None;
                    }
                    let old = Span::new(span.start, span.end.checked_add_signed(-by)?);
                    found = Some(ItemEdit {
                        file,
                        old,
                        new: span,
                        old_end,
                        by,
                    });
                }
                Item::Assessment(_) => {}
                _ => return None,
            }
        }
        found
    }

    /// Moves `span` if it lies after the edit; whether it did.
    fn moved(&self, span: &mut Span) -> bool {
        if span.start < self.old_end || self.by == 0 {
            return false;
        }
        span.start = span.start.wrapping_add_signed(self.by);
        span.end = span.end.wrapping_add_signed(self.by);
        true
    }

    /// Moves a finding's places in the edited file that lie after the edit; whether any did.
    pub fn shift_finding(&self, finding: &mut Finding) -> bool {
        let mut moved = false;
        if finding.file == self.file {
            moved |= self.moved(&mut finding.diagnostic.span);
            for label in &mut finding.diagnostic.related {
                moved |= self.moved(&mut label.span);
            }
        }
        for related in finding.related.iter_mut().filter(|r| r.file == self.file) {
            moved |= self.moved(&mut related.span);
        }
        if let Some(fix) = &mut finding.fix {
            for edit in fix.edits.iter_mut().filter(|e| e.file == self.file) {
                moved |= self.moved(&mut edit.span);
            }
        }
        let waived = finding.waived.as_deref_mut();
        if let Some(waived) = waived.filter(|w| w.file == self.file) {
            moved |= self.moved(&mut waived.span);
        }
        moved
    }

    /// Moves a report's places in the edited file that lie after the edit.
    pub fn shift_report(&self, report: &mut AssessmentReport) {
        if report.file != self.file {
            return;
        }
        self.moved(&mut report.name_span);
        for practice in &mut report.practices {
            if let Some(current) = &mut practice.current {
                self.moved(&mut current.span);
            }
            if let Some(target) = practice.target.as_mut().filter(|t| t.file == self.file) {
                self.moved(&mut target.span);
            }
            if let Some(waived) = practice.waived.as_mut().filter(|w| w.file == self.file) {
                self.moved(&mut waived.span);
            }
        }
    }
}
