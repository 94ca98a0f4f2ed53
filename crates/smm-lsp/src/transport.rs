//! The bytes between the client and the server. tower-lsp-server stops answering for good
//! after one body that is not JSON, ends the session on a body that is JSON but no message,
//! never answers a request named `$/…`, and may never finish once the client has gone. So
//! the server reads its input itself: every frame is checked here, a well-formed message
//! goes on to the framework, anything else is answered here, and the session ends when the
//! input does, whatever is still pending.

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

mod envelope;
mod frame;

use envelope::Envelope;
use frame::Framed;

/// A message larger than this is answered with an error and skipped unread: a document
/// takes at most 16 MiB (as for the CLI), and escaping in JSON may grow it.
pub const MAX_MESSAGE: usize = 64 << 20;

/// How long the server may go on answering once its input has ended.
const AFTER_INPUT: Duration = Duration::from_secs(2);

/// How a session ended, as the process's exit code says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`, or the input ended.
    Clean,
    /// `exit` without `shutdown` (the protocol asks for exit code 1).
    ExitWithoutShutdown,
}

/// Serves `service` on `input` and `output` until the client says `exit` or its input ends.
pub async fn serve<I, O>(
    input: I,
    output: O,
    service: tower_lsp_server::LspService<crate::server::Backend>,
    socket: tower_lsp_server::ClientSocket,
) -> Ending
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (ours, theirs) = tokio::io::duplex(1 << 16);
    let (their_input, their_output) = tokio::io::split(theirs);
    let (from_server, mut to_server) = tokio::io::split(ours);
    let (frames, outgoing) = mpsc::unbounded_channel::<Vec<u8>>();

    let mut server =
        Box::pin(tower_lsp_server::Server::new(their_input, their_output, socket).serve(service));
    // Both run beside the server, as tasks of their own.
    let writer = tokio::spawn(write_all_frames(outgoing, output));
    let pump = tokio::spawn(forward_frames(from_server, frames.clone()));
    let reader = async move {
        let ending = read_messages(input, &mut to_server, &frames).await;
        // The framework reads to the end of its input, then finishes.
        let _ = to_server.shutdown().await;
        ending
    };

    let ending = tokio::select! {
        ending = reader => ending,
        // The framework ended by itself (it stops after `exit`).
        () = &mut server => None,
    };
    // What the server still answers within a moment goes out; then the session ends, also
    // when the server waits for a client that is gone.
    let _ = tokio::time::timeout(AFTER_INPUT, &mut server).await;
    drop(server);
    let _ = tokio::time::timeout(AFTER_INPUT, pump).await;
    let _ = tokio::time::timeout(AFTER_INPUT, writer).await;
    ending.unwrap_or(Ending::Clean)
}

/// Hands every well-formed message on to the server and answers the rest; how the session
/// ended, or `None` when the input did.
async fn read_messages<I: AsyncRead + Unpin, W: AsyncWrite + Unpin>(
    input: I,
    to_server: &mut W,
    frames: &mpsc::UnboundedSender<Vec<u8>>,
) -> Option<Ending> {
    let mut framed = Framed::new(tokio::io::BufReader::new(input));
    let mut shutdown = false;
    loop {
        let body = match framed.next().await {
            Ok(Some(Ok(body))) => body,
            Ok(Some(Err(problem))) => {
                let reply = envelope::error(None, problem.code(), &problem.to_string());
                let _ = frames.send(frame::encode(&reply));
                continue;
            }
            // The input ended or broke: the client is gone.
            Ok(None) | Err(_) => return None,
        };
        let message = match Envelope::read(&body) {
            Ok(message) => message,
            Err(reply) => {
                let _ = frames.send(frame::encode(&reply));
                continue;
            }
        };
        if let Some(reply) = message.answered_here() {
            let _ = frames.send(frame::encode(&reply));
            continue;
        }
        shutdown |= message.is_request("shutdown");
        if to_server.write_all(&frame::encode(&body)).await.is_err() {
            return None;
        }
        if message.is_notification("exit") {
            return Some(if shutdown {
                Ending::Clean
            } else {
                Ending::ExitWithoutShutdown
            });
        }
    }
}

/// Cuts the framework's output into whole frames, so that replies made here never land in
/// the middle of one.
async fn forward_frames<R: AsyncRead + Unpin>(
    from_server: R,
    frames: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut framed = Framed::new(tokio::io::BufReader::new(from_server));
    while let Ok(Some(Ok(body))) = framed.next().await {
        if frames.send(frame::encode(&body)).is_err() {
            return;
        }
    }
}

async fn write_all_frames<O: AsyncWrite + Unpin>(
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: O,
) {
    while let Some(frame) = frames.recv().await {
        if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}
