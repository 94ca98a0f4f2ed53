//! Errors the server answers with: a panic in a handler, and a refusal the user should read.

use tower_lsp_server::jsonrpc::{Error, Result};

/// The internal error for a panic in `what`, logged with the panic's message for the user
/// to report.
pub(super) fn failed(what: &str, payload: &(dyn std::any::Any + Send)) -> Error {
    let why = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into());
    let why = smm_syntax::visible(&why).into_owned();
    eprintln!("smm lsp: {what} failed (a bug: {why}); the server carries on");
    Error {
        code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
        message: format!("smm: {what} failed (a bug: {why})").into(),
        data: None,
    }
}

/// A request refused for a reason the user should read (shown by editors as a message).
fn request_failed(message: String) -> Error {
    Error {
        code: tower_lsp_server::jsonrpc::ErrorCode::ServerError(-32803),
        message: message.into(),
        data: None,
    }
}

/// An answer that is a refusal (a sentence for the user) becomes an error response.
pub(super) fn refusal_as_error<T>(
    answer: Result<Option<std::result::Result<T, String>>>,
) -> Result<Option<T>> {
    match answer? {
        None => Ok(None),
        Some(Ok(value)) => Ok(Some(value)),
        Some(Err(refusal)) => Err(request_failed(refusal)),
    }
}
