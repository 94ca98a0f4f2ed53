//! A place a diagnostic points to besides its own span, and what to say there: the profile that
//! set a target, the first of two duplicates. One type for every layer; `F` names the file the
//! way the layer does: nothing inside the diagnostic's own file (`Label`), the model's or the
//! workspace's file id, or a path and its text at the server's edge.

use crate::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related<F = ()> {
    pub file: F,
    pub span: Span,
    pub message: String,
}

/// A place in the diagnostic's own file.
pub type Label = Related<()>;

impl<F> Related<F> {
    pub fn new(file: F, span: Span, message: impl Into<String>) -> Related<F> {
        Related {
            file,
            span,
            message: message.into(),
        }
    }
}

impl Label {
    pub fn here(span: Span, message: impl Into<String>) -> Label {
        Related::new((), span, message)
    }
}
