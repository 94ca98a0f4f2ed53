//! Every conversion between smm's plain data and protocol types: here byte ranges to
//! positions, severities, completions and diagnostics; in `line_map` offsets to positions in
//! the negotiated encoding and back; in `features` the whole-file answers (outline, tokens,
//! hints, lenses, actions); in `places` locations and edits in other files.

pub mod features;
pub mod line_map;
pub mod places;
pub mod reuse;

use std::path::Path;
use std::sync::Arc;

use smm_syntax::{Severity, Span};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, TextEdit,
    Uri,
};

use crate::convert::line_map::{Encoding, LineMap};
use crate::outgoing::{FileDiagnostics, FileText, Problem};

pub fn range(map: &LineMap, text: &str, span: Span, encoding: Encoding) -> Range {
    Range::new(
        map.position(text, span.start, encoding),
        map.position(text, span.end, encoding),
    )
}

/// Converts the problems of one file (`reuse::diagnostics`); `line_map` gives the line map
/// of another file that a problem points at.
pub struct Converter<'a> {
    file: &'a FileDiagnostics,
    uri: Option<Uri>,
    map: &'a LineMap,
    encoding: Encoding,
    line_map: &'a dyn Fn(&Path, &Arc<str>) -> Arc<LineMap>,
    // Many problems point at the same few other files (the profiles that set targets): each
    // is indexed and named once.
    others: std::collections::HashMap<&'a Path, (Arc<LineMap>, Option<Uri>)>,
}

impl<'a> Converter<'a> {
    pub fn new(
        file: &'a FileDiagnostics,
        map: &'a LineMap,
        encoding: Encoding,
        line_map: &'a dyn Fn(&Path, &Arc<str>) -> Arc<LineMap>,
    ) -> Converter<'a> {
        Converter {
            file,
            uri: Uri::from_file_path(&file.path),
            map,
            encoding,
            line_map,
            others: std::collections::HashMap::new(),
        }
    }

    pub fn one(&mut self, problem: &'a Problem) -> Diagnostic {
        let d = &problem.diagnostic;
        let message = d.message_with_remarks();
        let here = d.related.iter().filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(self.uri.clone()?, self.range(r.span)),
                message: r.message.clone(),
            })
        });
        let mut related: Vec<_> = here.collect();
        for e in &problem.elsewhere {
            let line_map = self.line_map;
            let FileText { path, text } = &e.file;
            let (other, other_uri) = self
                .others
                .entry(path)
                .or_insert_with(|| (line_map(path, text), Uri::from_file_path(path)));
            let Some(other_uri) = other_uri.clone() else {
                continue;
            };
            related.push(DiagnosticRelatedInformation {
                location: Location::new(other_uri, range(other, text, e.span, self.encoding)),
                message: e.message.clone(),
            });
        }
        Diagnostic {
            range: self.range(d.span),
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
    }

    /// `diagnostic`, made for a problem equal to `problem` but for its places in this file,
    /// given the places of `problem`: the rest stays as it was made.
    pub fn moved(&self, problem: &Problem, mut diagnostic: Diagnostic) -> Diagnostic {
        diagnostic.range = self.range(problem.diagnostic.span);
        if let Some(related) = &mut diagnostic.related_information {
            for (info, label) in related.iter_mut().zip(&problem.diagnostic.related) {
                info.location.range = self.range(label.span);
            }
        }
        diagnostic
    }

    /// Whether this file's places in a diagnostic line up with its problem's labels, as
    /// `moved` needs.
    pub fn has_uri(&self) -> bool {
        self.uri.is_some()
    }

    fn range(&self, span: Span) -> Range {
        range(self.map, &self.file.text, span, self.encoding)
    }
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
