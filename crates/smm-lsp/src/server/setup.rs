//! What the server needs from the client beyond requests: file watchers, and refusing
//! buffers over the size limit.

use std::path::Path;

use tower_lsp_server::ls_types::*;

use super::Server;

impl Server {
    /// Whether a buffer is over the size limit, as the CLI refuses such a file. Such a buffer
    /// is set aside, unchecked, until an edit makes it smaller: its findings are withdrawn and
    /// the user is told why.
    pub(super) async fn too_large(&self, uri: &Uri, path: &Path, version: i32, text: &str) -> bool {
        let len = text.len() as u64;
        if len <= smm_check::disk::input::MAX_SIZE {
            return false;
        }
        let newly = self.with_state("setting a file aside", |state| state.set_aside(path));
        // Said once, not at every keystroke while it stays too large.
        if newly == Some(true) {
            let why = smm_check::disk::input::too_large(len);
            let message = format!(
                "smm: {}: {why}; it is not checked until it is smaller",
                smm_syntax::visible_path(path)
            );
            self.client.show_message(MessageType::ERROR, message).await;
        }
        self.client
            .publish_diagnostics(uri.clone(), Vec::new(), Some(version))
            .await;
        true
    }

    /// Asks the client to report changes to `.smm` files and smm.toml in the workspace and
    /// to the catalog folders smm.toml names (they may lie outside it).
    pub(super) async fn watch_files(&self) {
        let folders = self
            .with_state("listing catalog folders", |state| {
                state.config.catalogs.clone()
            })
            .unwrap_or_default();
        let mut globs = vec!["**/*.smm".to_string(), "**/smm.toml".to_string()];
        globs.extend(
            folders
                .iter()
                .map(|folder| format!("{}/**/*.smm", folder.display())),
        );
        let watchers = globs
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "smm-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(error) = self.client.register_capability(vec![registration]).await {
            eprintln!("smm lsp: the client refused file watchers ({error}); files are read again on open and save");
        }
    }
}
