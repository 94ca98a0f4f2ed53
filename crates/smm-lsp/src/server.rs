//! The protocol: each handler converts positions and URIs and does its work inside
//! `catch_unwind` (a panic becomes an error and the server lives on). Edits change the state
//! under the lock and leave the checking to a job on a worker thread (`schedule`); requests
//! take a `World` under the lock and answer from it after releasing it, so a running check
//! never holds them up. Nothing awaits the client while holding the lock.
//!
//! The layout: the `LanguageServer` impl below is the routing table, one thin handler per
//! message; what is offered is in `capabilities`, sending diagnostics in `publish`, file
//! watchers and the size limit in `setup`, error answers in `errors`; every conversion to
//! protocol types is in `convert`, `features` and `places`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use dashmap::DashMap;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::convert;
use crate::convert::features::{self, InFile};
use crate::convert::line_map::Encoding;
use crate::convert::places;
use crate::documents::Documents;
use crate::state::{State, World};
use crate::worker::Worker;

mod capabilities;
mod checking;
mod errors;
mod publish;
mod setup;

use errors::{failed, refusal_as_error};
use publish::Refresh;

/// What tower-lsp-server drives; the server itself is shared with the tasks that run checks.
pub struct Backend(Arc<Server>);

impl std::ops::Deref for Backend {
    type Target = Server;

    fn deref(&self) -> &Server {
        &self.0
    }
}

pub struct Server {
    client: Client,
    encoding: OnceLock<Encoding>,
    /// Whether the client lets us register file watchers.
    can_watch: OnceLock<bool>,
    /// What the client can be asked to refresh.
    refresh: OnceLock<Refresh>,
    state: Mutex<Option<State>>,
    documents: Documents,
    /// What was last published per file, so that files whose diagnostics disappear get an
    /// empty set and unchanged ones are not sent again.
    published: DashMap<PathBuf, Vec<Diagnostic>>,
    /// The problems the diagnostics published for each open file were made from, so that
    /// the next report of the file keeps what an edit left as it was (`convert::reuse`).
    made_from: DashMap<PathBuf, Vec<crate::outgoing::Problem>>,
    publishing: tokio::sync::Mutex<()>,
    /// Woken when a check's result is taken in, for requests that wait for it.
    checked: tokio::sync::Notify,
    /// Where checks run; `None` if its thread could not be started (then they run here).
    worker: Option<Worker>,
    /// Whether a check is on its way through the worker: one at a time, so that a burst of
    /// edits does not queue a snapshot of the workspace per edit.
    in_flight: std::sync::atomic::AtomicBool,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend(Arc::new(Server {
            client,
            encoding: OnceLock::new(),
            can_watch: OnceLock::new(),
            refresh: OnceLock::new(),
            state: Mutex::new(None),
            documents: Documents::default(),
            published: DashMap::new(),
            made_from: DashMap::new(),
            publishing: tokio::sync::Mutex::new(()),
            checked: tokio::sync::Notify::new(),
            in_flight: std::sync::atomic::AtomicBool::new(false),
            worker: Worker::start()
                .inspect_err(|e| eprintln!("smm lsp: no thread for checks ({e}); they run inline"))
                .ok(),
        }))
    }
}

impl Server {
    fn encoding(&self) -> Encoding {
        *self.encoding.get().unwrap_or(&Encoding::Utf16)
    }

    /// Runs `work` on the state; a panic is logged and becomes `None`.
    fn with_state<T>(&self, what: &str, work: impl FnOnce(&mut State) -> T) -> Option<T> {
        self.try_state(what, work).ok()
    }

    /// Runs `work` on the state; a panic is logged and becomes an internal error that says
    /// what failed and the panic's message, for the user to report.
    fn try_state<T>(&self, what: &str, work: impl FnOnce(&mut State) -> T) -> Result<T> {
        let mut guard = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(state) = guard.as_mut() else {
            return Err(Error::internal_error());
        };
        catch_unwind(AssertUnwindSafe(|| work(state))).map_err(|payload| failed(what, &*payload))
    }

    /// Runs `work` on the latest `World`, outside the lock; a panic is an internal error as
    /// in `try_state`.
    fn in_world<T>(&self, what: &str, work: impl FnOnce(&World) -> T) -> Result<T> {
        let world = self.try_state(what, |state| state.world())?;
        catch_unwind(AssertUnwindSafe(|| work(&world))).map_err(|payload| failed(what, &*payload))
    }
}

impl Server {
    /// A request about a position in a file: `None` when the file or the answer is unknown,
    /// an internal error when the work panicked.
    fn at<T>(
        &self,
        what: &str,
        position: TextDocumentPositionParams,
        work: impl FnOnce(&World, &InFile<'_>, usize) -> Option<T>,
    ) -> Result<Option<T>> {
        self.in_file(what, &position.text_document.uri, |world, at| {
            work(world, at, at.offset(position.position))
        })
    }
}

impl Server {
    /// A request about a whole file: `None` when the file is unknown, an internal error when
    /// the work panicked.
    fn in_file<T>(
        &self,
        what: &str,
        uri: &Uri,
        work: impl FnOnce(&World, &InFile<'_>) -> Option<T>,
    ) -> Result<Option<T>> {
        let Some(path) = path_of(uri) else {
            return Ok(None);
        };
        let encoding = self.encoding();
        self.in_world(what, |world| {
            let file = world.file(&path)?;
            let text = world.workspace.source(file)?.text.clone();
            let map = self.documents.line_map(&path, &text);
            let at = InFile {
                file,
                text: &text,
                map: &map,
                encoding,
            };
            work(world, &at)
        })
    }
}

impl Server {
    /// Formatting edits for a file, all of them or those touching `range`.
    fn format(&self, uri: Uri, range: Option<Range>) -> Result<Option<Vec<TextEdit>>> {
        refusal_as_error(self.in_file("formatting", &uri, |world, at| {
            let span = range.map(|r| at.span(r));
            Some(
                smm_ide::format_edits(&world.snapshot(), at.file, span).map(|edits| {
                    edits
                        .into_iter()
                        .map(|e| TextEdit::new(at.range(e.span), e.text))
                        .collect::<Vec<_>>()
                }),
            )
        }))
    }
}

/// The file a URI names, if it is one the server works on. The read-only copy of the built-in
/// catalogs (where goto definition leads) is not: it would redefine the built-in model.
fn path_of(uri: &Uri) -> Option<PathBuf> {
    let path = uri.to_file_path()?.into_owned();
    (!smm_model::builtin::is_builtin_copy(&path)).then_some(path)
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.clone())
            .unwrap_or_default();
        let encoding = if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let _ = self.encoding.set(encoding);
        let can_watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let _ = self.can_watch.set(can_watch);
        let _ = self.refresh.set(Refresh::offered(&params.capabilities));
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .and_then(|folder| path_of(&folder.uri))
            .or_else(|| params.root_uri.as_ref().and_then(path_of));
        let state = catch_unwind(AssertUnwindSafe(|| State::new(root)))
            .map_err(|_| Error::internal_error())?;
        *self.state.lock().unwrap_or_else(|p| p.into_inner()) = Some(state);
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "smm".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: capabilities::offered(encoding),
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.can_watch.get() == Some(&true) {
            self.watch_files().await;
        }
        self.checked_and_published().await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        let document = params.text_document;
        let text = self
            .documents
            .set(path.clone(), document.version, document.text);
        let (uri, version) = (&document.uri, document.version);
        self.take_buffer(
            uri,
            path,
            version,
            text,
            "opening a file",
            State::open_buffer,
        )
        .await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        let version = params.text_document.version;
        let encoding = self.encoding();
        let Some(text) = self
            .documents
            .change(&path, version, params.content_changes, encoding)
        else {
            return;
        };
        let uri = &params.text_document.uri;
        self.take_buffer(
            uri,
            path,
            version,
            text,
            "applying a change",
            State::set_text,
        )
        .await;
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {
        self.with_state("re-reading the workspace", State::scan);
        self.checked_and_published().await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        self.documents.remove(&path);
        self.with_state("closing a file", |state| state.close(&path));
        self.checked_and_published().await;
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.with_state("re-reading the workspace", State::scan);
        self.checked_and_published().await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.at(
            "hover",
            params.text_document_position_params,
            |world, at, offset| {
                let hover = smm_ide::hover(&world.snapshot(), at.file, offset)?;
                Some(Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: hover.markdown,
                    }),
                    range: Some(at.range(hover.range)),
                })
            },
        )
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.at(
            "completion",
            params.text_document_position,
            |world, at, offset| {
                let items = smm_ide::completions(&world.snapshot(), at.file, offset)
                    .into_iter()
                    .map(|c| convert::completion(at.map, at.text, c, at.encoding))
                    .collect();
                Some(CompletionResponse::Array(items))
            },
        )
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.at(
            "goto definition",
            params.text_document_position_params,
            |world, at, offset| {
                let found: Vec<Location> =
                    smm_ide::goto_definition(&world.snapshot(), at.file, offset)
                        .into_iter()
                        .filter_map(|t| places::location(world, &self.documents, t, at.encoding))
                        .collect();
                (!found.is_empty()).then_some(GotoDefinitionResponse::Array(found))
            },
        )
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let declaration = params.context.include_declaration;
        self.at(
            "references",
            params.text_document_position,
            |world, at, offset| {
                let found: Vec<Location> =
                    smm_ide::references(&world.snapshot(), at.file, offset, declaration)
                        .into_iter()
                        .filter_map(|t| places::location(world, &self.documents, t, at.encoding))
                        .collect();
                Some(found)
            },
        )
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.checked().await;
        refusal_as_error(self.at("prepare rename", params, |world, at, offset| {
            Some(
                smm_ide::prepare_rename(&world.snapshot(), at.file, offset)
                    .map(|span| PrepareRenameResponse::Range(at.range(span))),
            )
        }))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.checked().await;
        let new_name = params.new_name;
        refusal_as_error(self.at(
            "rename",
            params.text_document_position,
            |world, at, offset| {
                Some(
                    smm_ide::rename(&world.snapshot(), at.file, offset, &new_name).map(|edits| {
                        places::workspace_edit(world, &self.documents, &edits, at.encoding)
                    }),
                )
            },
        ))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.format(params.text_document.uri, None)
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        self.format(params.text_document.uri, Some(params.range))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.in_file("outline", &params.text_document.uri, |world, at| {
            Some(DocumentSymbolResponse::Nested(features::document_symbols(
                world, at,
            )))
        })
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let encoding = self.encoding();
        self.in_world("workspace symbols", |world| {
            Some(WorkspaceSymbolResponse::Flat(features::workspace_symbols(
                world,
                &self.documents,
                &params.query,
                encoding,
            )))
        })
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.in_file("folding", &params.text_document.uri, |world, at| {
            Some(features::folding_ranges(world, at))
        })
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        self.in_file(
            "selection ranges",
            &params.text_document.uri,
            |world, at| Some(features::selection_ranges(world, at, &params.positions)),
        )
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.in_file("semantic tokens", &params.text_document.uri, |world, at| {
            Some(SemanticTokensResult::Tokens(features::semantic_tokens(
                world, at, None,
            )))
        })
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        self.in_file("semantic tokens", &params.text_document.uri, |world, at| {
            Some(SemanticTokensRangeResult::Tokens(
                features::semantic_tokens(world, at, Some(params.range)),
            ))
        })
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.checked().await;
        self.in_file("inlay hints", &params.text_document.uri, |world, at| {
            Some(features::inlay_hints(world, at, params.range))
        })
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.checked().await;
        self.in_file("code lenses", &params.text_document.uri, |world, at| {
            Some(features::code_lenses(world, at))
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.checked().await;
        self.in_file("code actions", &params.text_document.uri, |world, at| {
            Some(features::code_actions(world, &self.documents, at, &params))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::jsonrpc::ErrorCode;

    const PROFILE: &str = "profile base {\n  role asset-owner\n  target identities level 2\n}\n";

    /// A bug in one request costs that request only: it gets an internal error, and the
    /// next request on the same state is answered.
    #[tokio::test(flavor = "current_thread")]
    async fn a_request_that_panics_is_an_error_and_the_server_carries_on() {
        let (service, _socket) = tower_lsp_server::LspService::new(Backend::new);
        let backend = service.inner();
        backend
            .initialize(InitializeParams::default())
            .await
            .unwrap();
        let uri = Uri::from_file_path("/nowhere/base.smm").unwrap();
        backend
            .did_open(DidOpenTextDocumentParams {
                text_document: TextDocumentItem::new(uri.clone(), "smm".into(), 1, PROFILE.into()),
            })
            .await;
        let on_practice =
            TextDocumentPositionParams::new(TextDocumentIdentifier::new(uri), Position::new(2, 12));

        let panicked = backend.at("a test", on_practice.clone(), |_, _, _| -> Option<()> {
            panic!("a bug in a request")
        });
        let error = panicked.unwrap_err();
        assert_eq!(error.code, ErrorCode::InternalError);
        assert_eq!(
            error.message,
            "smm: a test failed (a bug: a bug in a request)"
        );

        let hover = backend
            .hover(HoverParams {
                text_document_position_params: on_practice,
                work_done_progress_params: WorkDoneProgressParams::default(),
            })
            .await
            .unwrap()
            .expect("a hover after the panic");
        let HoverContents::Markup(markup) = hover.contents else {
            panic!("markdown");
        };
        assert!(markup.value.contains("identities"), "{}", markup.value);
    }
}
