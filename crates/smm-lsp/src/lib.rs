//! The smm language server over standard input and output. The only crate that knows the
//! Language Server Protocol: it converts between protocol types and smm's plain data (byte
//! offsets, file paths) and holds the open documents; everything else is `smm-ide` and
//! `smm-check`. Nothing but protocol goes to standard output; logs go to standard error.

mod convert;
mod documents;
mod outgoing;
mod server;
mod state;
mod transport;
mod worker;

pub use convert::line_map::{Encoding, LineMap};
pub use transport::Ending;

/// Serves until the client sends `exit` or closes standard input.
pub fn run() -> std::io::Result<Ending> {
    worker::favour_this_thread();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    Ok(runtime.block_on(async {
        let (service, socket) = tower_lsp_server::LspService::new(server::Backend::new);
        transport::serve(tokio::io::stdin(), tokio::io::stdout(), service, socket).await
    }))
}
