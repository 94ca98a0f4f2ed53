//! Checks that every kind of item shares: an id defined once, fields where they belong, roles
//! by their names.

use smm_syntax::ast::{self, DefinitionField, Name};
use smm_syntax::Span;

use super::ModelBuilder;
use crate::entities::{FileId, Location};
use crate::ModelCode;
use crate::Role;

impl ModelBuilder {
    /// Reports a second definition of an id; `true` when the id is new.
    pub(super) fn claim(
        &mut self,
        file: FileId,
        span: Span,
        kind: &str,
        id: &str,
        first: Option<Location>,
    ) -> bool {
        let Some(first) = first else { return true };
        let (code, message, note, help) = if self.is_builtin(first.file) && !self.is_builtin(file) {
            (
                ModelCode::RedefinedBuiltin,
                format!("{kind} `{id}` is built in and cannot be redefined"),
                "the built-in definition",
                format!(
                    "to add your own text to a built-in clause, use `extend`; to define something new, choose another id than `{id}`"
                ),
            )
        } else {
            (
                ModelCode::DuplicateId,
                format!("{kind} `{id}` is defined twice"),
                "first defined here",
                "remove one of them, or give one another id".to_string(),
            )
        };
        let d = code
            .diagnostic(span, message)
            .with_label("second definition")
            .with_help(help);
        self.report(file, d, vec![first.related(note)]);
        false
    }

    /// Where `name` is defined, unless another definition (`first`) has its id.
    pub(super) fn claim_name(
        &mut self,
        file: FileId,
        kind: &str,
        name: &Name,
        first: Option<Location>,
    ) -> Option<Location> {
        self.claim(file, name.span, kind, &name.text, first)
            .then_some(Location {
                file,
                span: name.span,
            })
    }

    pub(super) fn check_fields(
        &mut self,
        file: FileId,
        what: &str,
        body: &Option<ast::Block<DefinitionField>>,
        allowed: &[&str],
    ) {
        for field in body.iter().flat_map(|b| &b.entries) {
            let (name, span) = match field {
                DefinitionField::Description(s) => ("description", s.keyword),
                DefinitionField::Objective(s) => ("objective", s.keyword),
                DefinitionField::Comprehensiveness(l) => ("comprehensiveness", l.keyword),
                DefinitionField::Text(s) => ("text", s.keyword),
                DefinitionField::SecurityLevel(s) => ("security-level", s.keyword),
                DefinitionField::Error(_) => continue,
            };
            if !allowed.contains(&name) {
                let message = format!("`{name}` does not belong in {what}");
                let help = if allowed.is_empty() {
                    format!("{what} takes a title and no block")
                } else {
                    format!("{what} takes: {}", allowed.join(", "))
                };
                let e = ModelCode::MisplacedField
                    .diagnostic(span, message)
                    .with_help(help);
                self.report(file, e, Vec::new());
            }
        }
    }

    pub(super) fn unknown_role(&mut self, file: FileId, value: &Name) {
        let roles: Vec<&str> = Role::ALL.iter().map(|r| r.id()).collect();
        let help = match smm_syntax::did_you_mean(&value.text, roles.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? roles are {}", roles.join(", ")),
            None => format!("roles are {}", roles.join(", ")),
        };
        let e = ModelCode::UnknownRole
            .diagnostic(value.span, format!("unknown role `{}`", value.text))
            .with_help(help);
        self.report(file, e, Vec::new());
    }
}
