//! `smm lsp`: the language server over standard input and output.

use std::process::ExitCode;

/// Runs until the client says exit. The protocol owns standard output, written from the
/// server's own threads: the caller must not have locked it.
pub fn run() -> ExitCode {
    match smm_lsp::run() {
        Ok(smm_lsp::Ending::Clean) => ExitCode::SUCCESS,
        // The protocol's exit code for `exit` without `shutdown`.
        Ok(smm_lsp::Ending::ExitWithoutShutdown) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: smm lsp: {e}");
            ExitCode::from(2)
        }
    }
}
