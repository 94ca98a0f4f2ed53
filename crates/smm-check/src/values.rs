//! Checking single values against the model and the vocabulary, each with a did-you-mean fix
//! where a close id exists. Each returns the value when it is good, after reporting when not.

use smm_model::{Level, Model, Role, Scope};
use smm_syntax::ast::{Int, Name, Setting};
use smm_syntax::Span;

use crate::{CheckCode, FileId, Finding};

pub struct Values<'a> {
    pub model: &'a Model,
    pub file: FileId,
    pub findings: &'a mut Vec<Finding>,
}

impl Values<'_> {
    pub fn practice(&mut self, name: &Name) -> bool {
        if self.model.practice(&name.text).is_some() {
            return true;
        }
        let ids = self.model.practices().map(|p| p.id.as_str());
        let help = "`smm catalog` lists the practices";
        self.unknown(CheckCode::UnknownPractice, "practice", name, ids, help);
        false
    }

    pub fn role(&mut self, setting: &Setting<Name>) -> Option<Role> {
        let name = setting.value.as_ref()?;
        if let Some(role) = Role::from_id(&name.text) {
            return Some(role);
        }
        let ids = Role::ALL.map(Role::id).into_iter();
        let help = "roles are asset-owner, product-supplier and service-provider";
        self.unknown(CheckCode::UnknownRole, "role", name, ids, help);
        None
    }

    /// A rating's scope; `general` when none is written.
    pub fn scope(&mut self, setting: &Option<Setting<Name>>) -> Option<Scope> {
        let Some(setting) = setting else {
            return Some(Scope::General);
        };
        let name = setting.value.as_ref()?;
        if let Some(scope) = Scope::from_id(&name.text) {
            return Some(scope);
        }
        let ids = Scope::ALL.map(Scope::id).into_iter();
        let help = "scopes are general, industry and system";
        self.unknown(CheckCode::UnknownScope, "scope", name, ids, help);
        None
    }

    pub fn level(&mut self, setting: &Option<Setting<Int>>) -> Option<Level> {
        let value = setting.as_ref()?.value.as_ref()?;
        if let Some(level) = value.value.and_then(Level::from_number) {
            return Some(level);
        }
        self.findings.push(
            Finding::new(
                self.file,
                CheckCode::LevelOutOfRange,
                value.span,
                format!("level {} is outside 0–4", value.text),
            )
            .help("levels are 0 None, 1 Minimum, 2 Ad hoc, 3 Consistent and 4 Formalized"),
        );
        None
    }
}

impl Values<'_> {
    /// Reports `name`, which names no `what` of `ids`, suggesting the closest.
    fn unknown<'i>(
        &mut self,
        code: CheckCode,
        what: &str,
        name: &Name,
        ids: impl Iterator<Item = &'i str>,
        otherwise: &str,
    ) {
        let message = format!("unknown {what} `{}`", name.text);
        let finding = Finding::new(self.file, code, name.span, message);
        self.findings
            .push(with_suggestion(finding, &name.text, ids, otherwise));
    }
}

/// Adds "did you mean" with a fix replacing the span, or `otherwise` as help.
pub fn with_suggestion<'i>(
    finding: Finding,
    typed: &str,
    candidates: impl Iterator<Item = &'i str>,
    otherwise: &str,
) -> Finding {
    match smm_syntax::did_you_mean(typed, candidates) {
        Some(near) => {
            let near = near.to_string();
            finding
                .help(format!("did you mean `{near}`?"))
                .replace_with(format!("Change to `{near}`"), near)
        }
        None => finding.help(otherwise),
    }
}

/// Reports every setting after the first of the same kind in one block.
pub fn duplicates(file: FileId, findings: &mut Vec<Finding>, keyword: &str, spans: &[Span]) {
    let Some((first, rest)) = spans.split_first() else {
        return;
    };
    for span in rest {
        findings.push(
            Finding::new(
                file,
                CheckCode::DuplicateField,
                *span,
                format!("`{keyword}` is given twice in this block"),
            )
            .related(file, *first, format!("first `{keyword}`"))
            .help(format!("keep one `{keyword}`")),
        );
    }
}
