//! A snapshot of the state for a request: a few `Arc`s, taken under the lock and read after
//! it is released, so that a request never waits for a check and a check never waits for a
//! request.

use std::path::Path;
use std::sync::Arc;

use smm_check::{Analysis, FileId, Workspace};
use smm_model::Model;

#[derive(Clone)]
pub struct World {
    pub workspace: Arc<Workspace>,
    pub model: Arc<Model>,
    pub analysis: Arc<Analysis>,
}

impl World {
    pub fn file(&self, path: &Path) -> Option<FileId> {
        self.workspace.id(path)
    }

    pub fn snapshot(&self) -> smm_ide::Snapshot<'_> {
        smm_ide::Snapshot {
            workspace: &self.workspace,
            model: &self.model,
            analysis: &self.analysis,
        }
    }
}
