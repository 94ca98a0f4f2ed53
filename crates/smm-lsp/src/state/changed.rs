//! What setting a file's text changed, as the state decides what to check again.

use smm_check::FileId;

/// What setting a file's text did.
pub(super) enum Set {
    /// The text is the one the file had.
    Same,
    /// The file was not in the workspace.
    New,
    Changed(Changed),
}

/// A file whose text changed, with the names it declared before (`None`: it is new).
pub(super) struct Changed {
    pub file: FileId,
    pub names_before: Option<Vec<String>>,
    /// When the edit lies inside one assessment's body (`ItemEdit::find`).
    pub item: Option<smm_check::ItemEdit>,
}
