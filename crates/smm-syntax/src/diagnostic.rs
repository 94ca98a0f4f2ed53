//! A diagnostic in editor terms: byte spans and words, no rendering and no protocol.

use crate::code::{Severity, SyntaxCode};
use crate::related::{Label, Related};
use crate::SharedText;
use crate::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    /// Shared, as is `help`, between diagnostics that say the same.
    pub message: SharedText,
    pub span: Span,
    /// What to say at the primary span; the message is used when empty.
    pub label: String,
    pub related: Vec<Label>,
    pub help: Option<SharedText>,
    /// Further remarks, such as where else something is defined in another file.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &'static str,
        span: Span,
        message: impl Into<SharedText>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            span,
            label: String::new(),
            related: Vec::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn syntax(code: SyntaxCode, span: Span, message: impl Into<SharedText>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code.as_str(), span, message)
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.related.push(Label::here(span, message));
        self
    }

    /// Points the diagnostic, which stands in file `here`, at `places`: one in that file
    /// becomes a label, one elsewhere a note `message: name`, `name` being how `name_of` names
    /// the place for a reader (`path:line:column`); a place it cannot name is left out.
    pub fn point_to<F: PartialEq>(
        &mut self,
        here: &F,
        places: impl IntoIterator<Item = Related<F>>,
        mut name_of: impl FnMut(&F, Span) -> Option<String>,
    ) {
        for place in places {
            if place.file == *here {
                self.related.push(Label::here(place.span, place.message));
            } else if let Some(name) = name_of(&place.file, place.span) {
                self.notes.push(format!("{}: {name}", place.message));
            }
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// The message, then the help and each note on lines of their own: for a format that has
    /// a place for one text only (the editor's diagnostic, SARIF, GitHub annotations).
    pub fn message_with_remarks(&self) -> String {
        let mut text = self.message.to_string();
        for remark in self.remarks() {
            text.push('\n');
            text.push_str(remark);
        }
        text
    }

    /// The help, then each note.
    pub fn remarks(&self) -> impl Iterator<Item = &str> {
        self.help
            .as_deref()
            .into_iter()
            .chain(self.notes.iter().map(String::as_str))
    }

    pub fn with_help(mut self, help: impl Into<SharedText>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}
