//! Where an entry of the model is defined. A user's file is named by its path and position,
//! which an editor opens; a built-in entry by its catalog file and line, since the read-only
//! copy in the cache folder is the editor's concern (goto definition), not a page's: a page
//! names the catalog and the source it cites instead.

use smm_model::{Location, Model, Origin};
use smm_syntax::visible_path;

/// `catalogs/acme.smm:3:10` for a user's file (paths as people read them,
/// `smm_syntax::visible_path`), `built-in catalog iec62443-3-3.smm, line 30` for ours.
pub fn shown(model: &Model, location: Location) -> String {
    let (line, column) = model.line_col(location);
    match &model.file(location.file).origin {
        Origin::User(path) => format!("{}:{line}:{column}", visible_path(path)),
        Origin::Builtin(name) => format!("built-in catalog {name}, line {line}"),
    }
}
