//! `clause iso27001:A.5.34 "Privacy and protection of PII"` in a standard that has
//! `annex "A" iso27002`: the title Annex A gives a clause of the other standard where it
//! differs from that clause's own. The entry names the same clause (evidence and edges through
//! `iso27001:A.5.34` still count for `iso27002:5.34`); it only changes what is shown for the
//! annex name. Checked once every catalog is read, since the listed standard may come later.

use smm_syntax::ast::{ClauseRef, Definition};

use super::ModelBuilder;
use crate::entities::{AnnexTitle, FileId, Location};
use crate::ModelCode;

/// An annex entry waiting for every standard to be known.
pub(super) struct PendingAnnexEntry {
    file: FileId,
    standard: String,
    id: String,
    span: smm_syntax::Span,
    title: String,
}

impl ModelBuilder {
    /// Whether `clause` of `standard` falls under one of its annexes (`A.5.34` under `A`).
    pub(super) fn is_annex_entry(&self, standard: &str, clause: &str) -> bool {
        self.model.standards.get(standard).is_some_and(|s| {
            s.annexes.iter().any(|annex| {
                clause
                    .strip_prefix(annex.label.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    }

    /// Reads an annex entry; an entry carries a title and nothing else.
    pub(super) fn annex_entry(&mut self, file: FileId, standard: &str, c: &Definition<ClauseRef>) {
        let Some(id) = &c.id else { return };
        let what = "an annex entry";
        if let Some(parent) = &c.parent {
            let e = ModelCode::MisplacedField
                .diagnostic(parent.keyword, "`parent` does not belong on an annex entry")
                .with_help(format!(
                    "`{}:{}` names a clause of the standard the annex lists; it takes a title only",
                    standard, id.clause
                ));
            self.report(file, e, Vec::new());
        }
        self.check_fields(file, what, &c.body, &[]);
        let Some(t) = &c.title else {
            let w = ModelCode::MissingTitle
                .diagnostic(
                    id.span,
                    format!("annex entry `{standard}:{}` has no title", id.clause),
                )
                .with_help("an annex entry exists to give the title the annex uses");
            self.report(file, w, Vec::new());
            return;
        };
        self.pending_annex_entries.push(PendingAnnexEntry {
            file,
            standard: standard.to_string(),
            id: id.clause.clone(),
            span: id.span,
            title: t.value.clone(),
        });
    }

    pub(super) fn link_annex_entries(&mut self) {
        for entry in std::mem::take(&mut self.pending_annex_entries) {
            let key = format!("{}:{}", entry.standard, entry.id);
            if self
                .model
                .canonical_clause_key(&entry.standard, &entry.id)
                .is_none()
            {
                let e = ModelCode::UnknownClause
                    .diagnostic(
                        entry.span,
                        format!(
                            "annex entry `{key}` names no clause of the standard its annex lists"
                        ),
                    )
                    .with_label("no such clause in the listed standard");
                self.report(entry.file, e, Vec::new());
                continue;
            }
            let first = self.model.standards[&entry.standard]
                .annex_titles
                .get(&entry.id)
                .map(|t| t.location);
            if !self.claim(entry.file, entry.span, "annex entry", &key, first) {
                continue;
            }
            let location = Location {
                file: entry.file,
                span: entry.span,
            };
            self.model
                .standards
                .get_mut(&entry.standard)
                .unwrap()
                .annex_titles
                .insert(
                    entry.id,
                    AnnexTitle {
                        title: entry.title,
                        location,
                    },
                );
        }
    }
}
