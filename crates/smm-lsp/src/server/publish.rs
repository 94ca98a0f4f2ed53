//! Sending diagnostics: after each check's result is taken in, the files it touched, open
//! ones first, each once and never one older than what was sent; then the refresh requests
//! for what the client shows from other files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::Server;
use crate::convert;
use crate::convert::reuse::Made;
use crate::outgoing::FileDiagnostics;
use crate::state::State;
use smm_check::disk::walk;

impl Server {
    /// Sends the diagnostics of the files marked since the last report. Reports go out one
    /// at a time, each made from the latest state; when a newer change arrives while one is
    /// being sent, its unsent files are left to the next report, so nothing stale follows
    /// something newer. A closed file's unchanged diagnostics are not sent again. Called
    /// after each check's result is taken in (closed dependents are checked after the open
    /// files, so their report follows).
    pub(super) async fn publish(&self) {
        let _one_at_a_time = self.publishing.lock().await;
        // While a check is under way, its end publishes: the findings held now belong to
        // older texts.
        let settled = self.with_state("checking", |state| state.is_settled());
        if settled != Some(true) {
            return;
        }
        self.send_report().await;
        let others = self
            .with_state("checking", State::take_others_changed)
            .unwrap_or(false);
        if others {
            self.ask_for_refresh().await;
        }
        let outside = self
            .with_state("walking", State::take_new_outside_links)
            .unwrap_or_default();
        for link in outside {
            let message = format!("{}: {}", smm_syntax::visible_path(&link), walk::OUTSIDE);
            self.client.log_message(MessageType::WARNING, message).await;
        }
    }

    /// Asks the client to fetch again what it shows from other files' results; not awaited
    /// here, so a client slow to answer never holds up diagnostics.
    async fn ask_for_refresh(&self) {
        let Some(refresh) = self.refresh.get().copied() else {
            return;
        };
        let client = self.client.clone();
        tokio::spawn(async move {
            let refused = |what: &str, answer: Result<()>| {
                if let Err(error) = answer {
                    eprintln!("smm lsp: the client refused to refresh {what}: {error}");
                }
            };
            if refresh.inlay_hints {
                refused("inlay hints", client.inlay_hint_refresh().await);
            }
            if refresh.code_lens {
                refused("code lenses", client.code_lens_refresh().await);
            }
            if refresh.semantic_tokens {
                refused("semantic tokens", client.semantic_tokens_refresh().await);
            }
        });
    }

    async fn send_report(&self) {
        let encoding = self.encoding();
        let Some(mut report) = self.with_state("checking", State::outgoing) else {
            return;
        };
        let gone: Vec<PathBuf> = if report.complete {
            // Files that are gone, or no longer have problems, get an empty set.
            let seen: std::collections::BTreeSet<&Path> =
                report.files.iter().map(|f| f.path.as_path()).collect();
            self.published
                .iter()
                .map(|e| e.key().clone())
                .filter(|p| !seen.contains(p.as_path()))
                .collect()
        } else {
            Vec::new()
        };
        // Open files first: they are what the user is looking at.
        report
            .files
            .sort_by_key(|f| self.documents.version(&f.path).is_none());
        let mut outgoing = report.files.into_iter().map(Some).collect::<Vec<_>>();
        outgoing.extend(gone.into_iter().map(|path| {
            Some(FileDiagnostics {
                path,
                text: "".into(),
                problems: Vec::new(),
            })
        }));
        for i in 0..outgoing.len() {
            let newer = self
                .with_state("checking", |state| state.generation)
                .is_some_and(|now| now != report.generation);
            if newer {
                let rest: Vec<PathBuf> = outgoing[i..]
                    .iter()
                    .flatten()
                    .map(|f| f.path.clone())
                    .collect();
                self.with_state("checking", |state| rest.iter().for_each(|p| state.touch(p)));
                return;
            }
            let Some(file) = outgoing[i].take() else {
                continue;
            };
            let Some(uri) = Uri::from_file_path(&file.path) else {
                continue;
            };
            let map = self.documents.line_map(&file.path, &file.text);
            let line_map = |path: &Path, text: &Arc<str>| self.documents.line_map(path, text);
            let version = self.documents.version(&file.path);
            let diagnostics = if version.is_some() {
                // An open file is sent after every edit: what the edit left is kept.
                let last = self.made_from.remove(&file.path).map(|(_, problems)| Made {
                    problems,
                    diagnostics: self
                        .published
                        .remove(&file.path)
                        .map_or_else(Vec::new, |(_, d)| d),
                });
                convert::reuse::diagnostics(last, &file, &map, encoding, &line_map)
            } else {
                self.made_from.remove(&file.path);
                let diagnostics =
                    convert::reuse::diagnostics(None, &file, &map, encoding, &line_map);
                // Nothing published counts as an empty set.
                let unchanged = self
                    .published
                    .get(&file.path)
                    .map_or(diagnostics.is_empty(), |old| *old == diagnostics);
                if unchanged {
                    continue;
                }
                diagnostics
            };
            if diagnostics.is_empty() {
                self.published.remove(&file.path);
            } else {
                self.published
                    .insert(file.path.clone(), diagnostics.clone());
                if version.is_some() {
                    self.made_from.insert(file.path.clone(), file.problems);
                }
            }
            self.client
                .publish_diagnostics(uri, diagnostics, version)
                .await;
            // Sending rarely waits, so let requests in between files.
            tokio::task::yield_now().await;
        }
    }
}

/// The refresh requests the client supports.
#[derive(Clone, Copy, Default)]
pub(super) struct Refresh {
    inlay_hints: bool,
    code_lens: bool,
    semantic_tokens: bool,
}

impl Refresh {
    pub(super) fn offered(capabilities: &ClientCapabilities) -> Refresh {
        let Some(workspace) = &capabilities.workspace else {
            return Refresh::default();
        };
        Refresh {
            inlay_hints: workspace
                .inlay_hint
                .as_ref()
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
            code_lens: workspace
                .code_lens
                .as_ref()
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
            semantic_tokens: workspace
                .semantic_tokens
                .as_ref()
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
        }
    }
}
