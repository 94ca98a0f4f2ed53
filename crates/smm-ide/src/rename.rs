//! Renaming a profile or an assessment everywhere the workspace names it. Ids of the model
//! (practices, clauses, standards) are refused: the built-in ones are fixed, and a user's
//! catalog ids are referenced from outside the workspace too (other teams' catalogs).

use smm_syntax::{Span, TokenKind};

use crate::navigation::{self, Named};
use crate::{FileId, Snapshot};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub file: FileId,
    pub span: Span,
    pub text: String,
}

/// The name at `offset` if it can be renamed, else why not (a sentence for the user).
pub fn prepare_rename(
    snapshot: &Snapshot<'_>,
    file: FileId,
    offset: usize,
) -> Result<Span, String> {
    match navigation::named_at(snapshot, file, offset) {
        Some((Named::Profile(_) | Named::Assessment(_), span)) => Ok(span),
        Some((Named::Practice(id) | Named::Standard(id) | Named::Clause(id), _)) => Err(format!(
            "`{id}` is an id of the model's catalogs; only profiles and assessments can be renamed"
        )),
        None => Err("only profiles and assessments can be renamed".to_string()),
    }
}

/// The edits that rename the profile or assessment at `offset` to `new_name`.
pub fn rename(
    snapshot: &Snapshot<'_>,
    file: FileId,
    offset: usize,
    new_name: &str,
) -> Result<Vec<TextEdit>, String> {
    prepare_rename(snapshot, file, offset)?;
    let (named, _) = navigation::named_at(snapshot, file, offset).ok_or("nothing to rename")?;
    if !is_name(new_name) {
        return Err(format!(
            "`{new_name}` is not a name: use lowercase letters, digits and single hyphens, starting with a letter (`plant-7-baseline`)"
        ));
    }
    let taken = match &named {
        Named::Profile(_) => snapshot.analysis.profiles.contains_key(new_name),
        _ => snapshot
            .analysis
            .assessments
            .iter()
            .any(|a| a.name == new_name),
    };
    if taken {
        return Err(format!("`{new_name}` is already the name of another one"));
    }
    let mut edits: Vec<TextEdit> = Vec::new();
    let mut add = |file: FileId, span: Span| {
        edits.push(TextEdit {
            file,
            span,
            text: new_name.to_string(),
        })
    };
    // Every declaration of the name, the first and any duplicates: a duplicate names the same
    // thing, wrongly twice.
    for (file, source) in snapshot.workspace.sources() {
        for item in &source.parse.file.items {
            let name = match (&named, item) {
                (Named::Profile(n), smm_syntax::ast::Item::Profile(p)) => {
                    p.name.as_ref().filter(|x| &x.text == n)
                }
                (Named::Assessment(n), smm_syntax::ast::Item::Assessment(a)) => {
                    a.name.as_ref().filter(|x| &x.text == n)
                }
                _ => None,
            };
            if let Some(name) = name {
                add(file, name.span);
            }
        }
    }
    for (file, span) in navigation::uses(snapshot, &named) {
        add(file, span);
    }
    // A profile's declaration is also among its uses (`profile NAME` reads as a reference).
    edits.sort_by_key(|e| (e.file, e.span.start));
    edits.dedup();
    Ok(edits)
}

/// Whether `text` lexes as one identifier, and not as a keyword.
fn is_name(text: &str) -> bool {
    let tokens = smm_syntax::parse(text).tokens;
    matches!(tokens.as_slice(), [t] if t.kind == TokenKind::Ident && t.span.range() == (0..text.len()))
}
