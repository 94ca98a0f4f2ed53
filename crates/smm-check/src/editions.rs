//! `follows`: the editions a profile or assessment follows. A child profile or an assessment
//! may follow another edition than its parent: the nearer choice wins within a family.

use smm_model::{EditionError, Editions, Model};
use smm_syntax::ast::{Name, Setting};

use crate::values::with_suggestion;
use crate::{CheckCode, FileId, Finding};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Follows {
    /// At most one standard per family, in the order they were chosen.
    standards: Vec<String>,
}

impl Follows {
    /// Checks one `follows` line and adds it.
    pub fn add(
        &mut self,
        model: &Model,
        file: FileId,
        setting: &Setting<Name>,
        findings: &mut Vec<Finding>,
    ) {
        let Some(name) = &setting.value else { return };
        let mut editions = self.editions(model);
        match model.follow(&mut editions, &name.text) {
            Ok(()) => self.standards.push(name.text.clone()),
            Err(EditionError::UnknownStandard(_)) => {
                let finding = Finding::new(
                    file,
                    CheckCode::UnknownStandard,
                    name.span,
                    format!("unknown standard `{}`", name.text),
                );
                let ids = model.standards().map(|s| s.id.as_str());
                findings.push(with_suggestion(
                    finding,
                    &name.text,
                    ids,
                    "`smm catalog` lists the standards",
                ));
            }
            Err(e @ EditionError::SingleEdition(_)) => findings.push(
                Finding::new(file, CheckCode::BadEdition, name.span, e.to_string()).help(
                    "`follows` is for standards with several editions, such as iec62443-2-1-2010",
                ),
            ),
            Err(e @ EditionError::Conflict(..)) => findings.push(
                Finding::new(file, CheckCode::BadEdition, name.span, e.to_string())
                    .help("keep one `follows` per standard"),
            ),
        }
    }

    /// Takes on `nearer`'s choices, each replacing this one's choice in the same family.
    pub fn inherit(&mut self, model: &Model, nearer: &Follows) {
        for chosen in &nearer.standards {
            let family: Vec<String> = model
                .editions_of(chosen)
                .iter()
                .map(|s| s.id.clone())
                .collect();
            self.standards.retain(|s| !family.contains(s));
            self.standards.push(chosen.clone());
        }
    }

    pub fn editions(&self, model: &Model) -> Editions {
        let mut editions = Editions::newest();
        for standard in &self.standards {
            // Every standard here was checked when added, and families never repeat.
            let _ = model.follow(&mut editions, standard);
        }
        editions
    }

    pub fn standards(&self) -> &[String] {
        &self.standards
    }
}
