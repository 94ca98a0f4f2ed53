//! The values of fields, read without checks.

use smm_syntax::ast::{self, DefinitionField};

use crate::entities::{FileId, LicensedText, Location};

pub(super) fn text(setting: &ast::Setting<ast::Text>) -> Option<String> {
    setting.value.as_ref().map(|t| t.value.clone())
}

pub(super) fn title(title: &Option<ast::Text>) -> String {
    title.as_ref().map(|t| t.value.clone()).unwrap_or_default()
}

pub(super) fn description(body: &Option<ast::Block<DefinitionField>>) -> Option<String> {
    body.iter().flat_map(|b| &b.entries).find_map(|f| match f {
        DefinitionField::Description(s) => text(s),
        _ => None,
    })
}

pub(super) fn licensed_text(
    body: &Option<ast::Block<DefinitionField>>,
    file: FileId,
) -> Option<LicensedText> {
    let block = body.as_ref()?;
    let paragraphs: Vec<String> = block
        .entries
        .iter()
        .filter_map(|f| match f {
            DefinitionField::Text(s) => text(s),
            _ => None,
        })
        .collect();
    (!paragraphs.is_empty()).then_some(LicensedText {
        paragraphs,
        location: Location {
            file,
            span: block.span,
        },
    })
}
