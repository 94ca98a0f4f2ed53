//! Every conversion between smm's plain data and protocol types: here byte ranges to
//! positions, severities, completions and diagnostics; in `line_map` offsets to positions in
//! the negotiated encoding and back; in `features` the whole-file answers (outline, tokens,
//! hints, lenses, actions); in `places` locations and edits in other files.

pub mod features;
pub mod line_map;
pub mod places;

use std::path::Path;
use std::sync::Arc;

use smm_syntax::{Severity, Span};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, TextEdit,
    Uri,
};

use crate::convert::line_map::{Encoding, LineMap};
use crate::report::FileDiagnostics;

pub fn range(map: &LineMap, text: &str, span: Span, encoding: Encoding) -> Range {
    Range::new(
        map.position(text, span.start, encoding),
        map.position(text, span.end, encoding),
    )
}

/// A file's problems as protocol diagnostics; `line_map` gives the line map of another file
/// that a problem points at.
pub fn diagnostics(
    file: &FileDiagnostics,
    map: &LineMap,
    encoding: Encoding,
    line_map: &dyn Fn(&Path, &Arc<str>) -> Arc<LineMap>,
) -> Vec<Diagnostic> {
    let uri = Uri::from_file_path(&file.path);
    // Many problems point at the same few other files (the profiles that set targets): each
    // is indexed and named once.
    let mut others: std::collections::HashMap<&Path, (Arc<LineMap>, Option<Uri>)> =
        std::collections::HashMap::new();
    file.problems
        .iter()
        .map(|problem| {
            let d = &problem.diagnostic;
            let message = d.message_with_remarks();
            let here = d.related.iter().filter_map(|r| {
                Some(DiagnosticRelatedInformation {
                    location: Location::new(uri.clone()?, range(map, &file.text, r.span, encoding)),
                    message: r.message.clone(),
                })
            });
            let elsewhere = problem.elsewhere.iter().filter_map(|e| {
                let (other, other_uri) = others
                    .entry(&e.path)
                    .or_insert_with(|| (line_map(&e.path, &e.text), Uri::from_file_path(&e.path)));
                Some(DiagnosticRelatedInformation {
                    location: Location::new(
                        other_uri.clone()?,
                        range(other, &e.text, e.span, encoding),
                    ),
                    message: e.message.clone(),
                })
            });
            let related: Vec<_> = here.chain(elsewhere).collect();
            Diagnostic {
                range: range(map, &file.text, d.span, encoding),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    Severity::Info => DiagnosticSeverity::INFORMATION,
                    Severity::Hint => DiagnosticSeverity::HINT,
                }),
                code: Some(NumberOrString::String(d.code.to_string())),
                source: Some("smm".into()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..Diagnostic::default()
            }
        })
        .collect()
}

pub fn completion(
    map: &LineMap,
    text: &str,
    item: smm_ide::Completion,
    encoding: Encoding,
) -> CompletionItem {
    use smm_ide::CompletionKind as K;
    let kind = match item.kind {
        K::Practice => CompletionItemKind::CLASS,
        K::Clause => CompletionItemKind::REFERENCE,
        K::Standard => CompletionItemKind::MODULE,
        K::Level => CompletionItemKind::VALUE,
        K::Scope | K::Role => CompletionItemKind::ENUM_MEMBER,
        K::Profile => CompletionItemKind::FILE,
        K::Code => CompletionItemKind::EVENT,
        K::Keyword => CompletionItemKind::KEYWORD,
    };
    CompletionItem {
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            range(map, text, item.replace, encoding),
            item.label.clone(),
        ))),
        label: item.label,
        kind: Some(kind),
        detail: item.detail,
        sort_text: Some(item.sort),
        ..CompletionItem::default()
    }
}
