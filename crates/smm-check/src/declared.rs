//! The profiles and assessments of a workspace, found by name across its files, with the
//! duplicate names reported. Items whose name is missing (a syntax error) are skipped.

use std::collections::BTreeMap;

use smm_syntax::ast::{Assessment, Item, Profile};
use smm_syntax::Span;

use crate::{CheckCode, FileId, Finding, Workspace};

pub struct Declared<'w, T> {
    pub file: FileId,
    pub name: &'w str,
    pub name_span: Span,
    pub item: &'w T,
}

pub struct Declarations<'w> {
    /// The first declaration of each name; later ones are duplicates.
    pub profiles: BTreeMap<&'w str, Declared<'w, Profile>>,
    pub assessments: Vec<Declared<'w, Assessment>>,
}

pub fn collect<'w>(workspace: &'w Workspace, findings: &mut Vec<Finding>) -> Declarations<'w> {
    let mut profiles: BTreeMap<&str, Declared<Profile>> = BTreeMap::new();
    let mut assessments: Vec<Declared<Assessment>> = Vec::new();
    let mut assessment_names: BTreeMap<&str, (FileId, Span)> = BTreeMap::new();
    for (file, source) in workspace.sources() {
        for item in &source.parse.file.items {
            match item {
                Item::Profile(p) => {
                    let Some(name) = &p.name else { continue };
                    if let Some(first) = profiles.get(name.text.as_str()) {
                        findings.push(duplicate(
                            file,
                            name.span,
                            "profile",
                            &name.text,
                            first.file,
                            first.name_span,
                        ));
                        continue;
                    }
                    profiles.insert(
                        &name.text,
                        Declared {
                            file,
                            name: &name.text,
                            name_span: name.span,
                            item: p,
                        },
                    );
                }
                Item::Assessment(a) => {
                    let Some(name) = &a.name else { continue };
                    if let Some(&(first_file, first_span)) =
                        assessment_names.get(name.text.as_str())
                    {
                        findings.push(duplicate(
                            file,
                            name.span,
                            "assessment",
                            &name.text,
                            first_file,
                            first_span,
                        ));
                        continue;
                    }
                    assessment_names.insert(&name.text, (file, name.span));
                    assessments.push(Declared {
                        file,
                        name: &name.text,
                        name_span: name.span,
                        item: a,
                    });
                }
                _ => {}
            }
        }
    }
    Declarations {
        profiles,
        assessments,
    }
}

fn duplicate(
    file: FileId,
    span: Span,
    kind: &str,
    name: &str,
    first_file: FileId,
    first_span: Span,
) -> Finding {
    Finding::new(
        file,
        CheckCode::DuplicateName,
        span,
        format!("a second {kind} named `{name}`"),
    )
    .label("second definition")
    .related(first_file, first_span, format!("first {kind} `{name}`"))
    .help(format!("rename one of the two {kind}s"))
}
