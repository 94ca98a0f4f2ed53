//! `unmapped STD:CLAUSE { rationale "…" }` lines: a clause that no practice maps to on
//! purpose. Each is checked like an edge's clause (it must exist, by any of its names), must
//! say why, and must not contradict the edges: a clause that an edge maps to, or a clause
//! below it, is not unmapped.

use smm_syntax::ast;

use super::ModelBuilder;
use crate::entities::{FileId, Location, Unmapped};
use crate::ModelCode;

impl ModelBuilder {
    /// Records one `unmapped` line of `mapping`, or reports why it cannot count.
    pub(super) fn unmapped(&mut self, file: FileId, mapping: &str, u: &ast::Unmapped) {
        let Some(target) = &u.clause else { return };
        let written = format!("{}:{}", target.standard, target.clause);
        let Some(clause) = self
            .model
            .canonical_clause_key(&target.standard, &target.clause)
        else {
            let mut d = ModelCode::UnknownClause
                .diagnostic(target.span, format!("unknown clause `{written}`"));
            let known = self.model.clauses.keys().map(String::as_str);
            d.help = smm_syntax::did_you_mean(&written, known)
                .map(|c| format!("did you mean `{c}`?").into());
            self.report(file, d, Vec::new());
            return;
        };
        let rationale = ast::TargetField::rationale_in(&u.body)
            .filter(|r| !r.trim().is_empty())
            .map(str::to_string);
        let Some(rationale) = rationale else {
            let message = format!("`{written}` is left unmapped without a reason");
            let span = u.keyword.cover(target.span);
            let help = format!(
                "say in one line, in your own words, why no practice maps it: unmapped {written} {{ rationale \"…\" }}"
            );
            let d = ModelCode::UnmappedWithoutRationale
                .diagnostic(span, message)
                .with_label("no `rationale` says why")
                .with_help(help);
            self.report(file, d, Vec::new());
            return;
        };
        let location = Location {
            file,
            span: u.keyword,
        };
        if let Some(first) = self.model.unmapped.iter().find(|x| x.clause == clause) {
            let d = ModelCode::DuplicateUnmapped
                .diagnostic(
                    u.keyword.cover(target.span),
                    format!(
                        "`{clause}` is already left unmapped by mapping `{}`",
                        first.mapping
                    ),
                )
                .with_label("second `unmapped` line");
            let first = first
                .location
                .related("first left unmapped here; its reason is the one shown");
            self.report(file, d, vec![first]);
            return;
        }
        self.model.unmapped.push(Unmapped {
            mapping: mapping.to_string(),
            clause,
            rationale,
            location,
        });
    }

    /// Warns where an edge maps a clause that a mapping leaves unmapped, or a clause below it
    /// (an enhancement or a sub-clause cannot be met without the clause it refines). Reported
    /// in the user's file when the other side is built in, since that is the side they can
    /// change.
    pub(super) fn check_unmapped_against_edges(&mut self) {
        let mut found = Vec::new();
        for unmapped in &self.model.unmapped {
            let edge = self
                .model
                .edges
                .iter()
                .find(|e| self.model.is_ancestor(&unmapped.clause, &e.clause));
            if let Some(edge) = edge {
                found.push((unmapped.clone(), edge.clone()));
            }
        }
        for (unmapped, edge) in found {
            let below = edge.clause != unmapped.clause;
            let through = match below {
                true => format!(" through `{}`, below it", edge.clause),
                false => String::new(),
            };
            let at_edge =
                self.is_builtin(unmapped.location.file) && !self.is_builtin(edge.location.file);
            let (here, there, message, label, note) = if at_edge {
                (
                    edge.location,
                    unmapped.location,
                    format!(
                        "this edge maps `{}`{}, which mapping `{}` leaves unmapped",
                        edge.clause,
                        match below {
                            true => format!(", below `{}`", unmapped.clause),
                            false => String::new(),
                        },
                        unmapped.mapping
                    ),
                    "maps a clause left unmapped",
                    "left unmapped here",
                )
            } else {
                (
                    unmapped.location,
                    edge.location,
                    format!(
                        "`{}` is left unmapped, but `{}` at level {} maps to it{through} (mapping `{}`)",
                        unmapped.clause,
                        edge.practice,
                        edge.level.number(),
                        edge.mapping
                    ),
                    "left unmapped",
                    "the edge",
                )
            };
            let help = "keep the edge and remove the `unmapped` line, or remove the edge if no practice should map the clause";
            let d = ModelCode::UnmappedButMapped
                .diagnostic(here.span, message)
                .with_label(label)
                .with_help(help);
            let other = there.related(note);
            self.report(here.file, d, vec![other]);
        }
    }
}
