//! Editor features as plain functions of (a snapshot of the workspace, a file, a byte offset),
//! returning plain data with byte ranges and Markdown. Nothing here knows the Language Server
//! Protocol: `smm-lsp` converts.

mod actions;
mod checked;
mod code_lens;
mod completion;
mod folding;
mod formatting;
mod hover;
mod inlay_hints;
mod navigation;
mod nodes;
mod rename;
mod selection;
mod semantic_tokens;
mod subject;
mod symbols;
mod workspace_symbols;

pub use actions::{code_actions, Action, ActionKind, Addressed};
pub use code_lens::{code_lenses, CodeLens};
pub use completion::{completions, Completion, CompletionKind};
pub use folding::{folding_ranges, Fold, FoldKind};
pub use formatting::format_edits;
pub use hover::{hover, Hover};
pub use inlay_hints::{inlay_hints, InlayHint};
pub use navigation::{goto_definition, references, NavTarget};
pub use rename::{prepare_rename, rename, TextEdit};
pub use selection::selection_ranges;
pub use semantic_tokens::{semantic_tokens, Modifiers, SemanticToken, TokenType};
pub use smm_check::FileId;
pub use symbols::{document_symbols, Symbol, SymbolKind};
pub use workspace_symbols::{workspace_symbols, WorkspaceSymbol};

/// Everything a feature may read: the files, the model and the checker's analysis of them.
#[derive(Clone, Copy)]
pub struct Snapshot<'a> {
    pub workspace: &'a smm_check::Workspace,
    pub model: &'a smm_model::Model,
    pub analysis: &'a smm_check::Analysis,
}
