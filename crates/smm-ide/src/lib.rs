//! Editor features as plain functions of (a snapshot of the workspace, a file, a byte offset),
//! returning plain data with byte ranges and Markdown. Nothing here knows the Language Server
//! Protocol: `smm-lsp` converts.

mod completion;
mod hover;
mod subject;

pub use completion::{completions, Completion, CompletionKind};
pub use hover::{hover, Hover};
pub use smm_check::FileId;

/// Everything a feature may read: the files, the model and the checker's analysis of them.
#[derive(Clone, Copy)]
pub struct Snapshot<'a> {
    pub workspace: &'a smm_check::Workspace,
    pub model: &'a smm_model::Model,
    pub analysis: &'a smm_check::Analysis,
}
