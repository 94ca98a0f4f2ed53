//! `smm lsp`: the language server over standard input and output.

use std::process::ExitCode;

/// Runs until the client says exit. The protocol owns standard output, written from the
/// server's own threads: the caller must not have locked it.
pub fn run() -> ExitCode {
    match smm_lsp::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: smm lsp: {e}");
            ExitCode::from(2)
        }
    }
}
