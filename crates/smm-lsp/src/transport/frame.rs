//! `Content-Length` framing, read without trusting it: a length that is missing, negative,
//! not a number or too large is a problem to answer, not a reason to stop or to allocate; a
//! header line that starts with the rest of a broken message still finds its
//! `Content-Length`, so that the next whole message is read again.

use std::fmt;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt};

use super::MAX_MESSAGE;

/// Longer header lines are read in pieces of this size and never held whole.
const MAX_HEADER_LINE: usize = 1 << 12;

#[derive(Debug, PartialEq, Eq)]
pub enum FrameError {
    NoLength,
    BadLength(String),
    TooLarge(usize),
}

impl FrameError {
    /// The JSON-RPC error code: a frame that cannot be read is a parse error.
    pub fn code(&self) -> i64 {
        -32700
    }
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::NoLength => write!(f, "a message without a Content-Length header"),
            FrameError::BadLength(value) => write!(
                f,
                "a Content-Length of `{}` is not a number of bytes",
                smm_syntax::visible(value)
            ),
            FrameError::TooLarge(n) => write!(
                f,
                "a message of {n} bytes is over the limit of {} MiB; it was skipped",
                MAX_MESSAGE >> 20
            ),
        }
    }
}

pub struct Framed<R> {
    reader: R,
    /// Bytes of a refused message still to drop before the next header.
    to_skip: usize,
}

impl<R: AsyncBufRead + Unpin> Framed<R> {
    pub fn new(reader: R) -> Framed<R> {
        Framed { reader, to_skip: 0 }
    }

    /// The next frame's body, or the problem with it; `None` when the input has ended, also
    /// in the middle of a frame.
    pub async fn next(&mut self) -> std::io::Result<Option<Result<Vec<u8>, FrameError>>> {
        if self.to_skip > 0 {
            let n = std::mem::take(&mut self.to_skip);
            if !skip(&mut self.reader, n).await? {
                return Ok(None);
            }
        }
        let mut length: Option<Result<usize, FrameError>> = None;
        let mut headers = false;
        loop {
            let mut line = Vec::new();
            let ended = read_line_capped(&mut self.reader, &mut line, MAX_HEADER_LINE).await?;
            if !ended && line.len() < MAX_HEADER_LINE {
                return Ok(None);
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() && ended {
                if headers {
                    break;
                }
                // Blank lines between messages are let go.
                continue;
            }
            headers = true;
            if let Some(value) = content_length(text) {
                length = Some(
                    value
                        .parse::<usize>()
                        .map_err(|_| FrameError::BadLength(value.to_string())),
                );
            }
        }
        Ok(Some(match length {
            None => Err(FrameError::NoLength),
            Some(Err(problem)) => Err(problem),
            Some(Ok(n)) if n > MAX_MESSAGE => {
                self.to_skip = n;
                Err(FrameError::TooLarge(n))
            }
            Some(Ok(n)) => {
                let mut body = vec![0; n];
                match self.reader.read_exact(&mut body).await {
                    Ok(_) => Ok(body),
                    Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
                    Err(e) => return Err(e),
                }
            }
        }))
    }
}

/// The value of a `Content-Length` header in `line`, also after junk that came before it.
fn content_length(line: &str) -> Option<&str> {
    const NAME: &str = "content-length:";
    let at = line.to_ascii_lowercase().rfind(NAME)?;
    Some(line[at + NAME.len()..].trim())
}

pub fn encode(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// Reads the rest of a line into `line`, at most `limit` bytes of it; whether a line break
/// ended it.
async fn read_line_capped<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    line: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<bool> {
    loop {
        let available = reader.fill_buf().await?;
        if available.is_empty() {
            return Ok(false);
        }
        let room = limit.saturating_sub(line.len());
        let (taken, ended) = match available.iter().position(|&b| b == b'\n') {
            Some(at) if at < room => (at + 1, true),
            _ => (available.len().min(room), false),
        };
        line.extend_from_slice(&available[..taken]);
        reader.consume(taken);
        if ended || line.len() >= limit {
            return Ok(ended);
        }
    }
}

/// Reads and drops `n` bytes; whether they were all there.
async fn skip<R: AsyncRead + Unpin>(reader: &mut R, n: usize) -> std::io::Result<bool> {
    let copied = tokio::io::copy(&mut reader.take(n as u64), &mut tokio::io::sink()).await?;
    Ok(copied == n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<Result<String, FrameError>> {
        let mut framed = Framed::new(input);
        let mut out = Vec::new();
        while let Some(frame) = framed.next().await.unwrap() {
            out.push(frame.map(|b| String::from_utf8(b).unwrap()));
        }
        out
    }

    #[tokio::test(flavor = "current_thread")]
    async fn whole_frames_are_read_one_by_one() {
        let input = [encode(b"{\"a\":1}"), encode(b"[]")].concat();
        let got = frames(&input).await;
        assert_eq!(got, vec![Ok("{\"a\":1}".into()), Ok("[]".into())]);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn other_headers_lowercase_names_and_blank_lines_are_accepted() {
        let input = b"\r\ncontent-type: application/vscode-jsonrpc\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(frames(input).await, vec![Ok("{}".into())]);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn bad_lengths_are_problems_and_the_next_frame_is_found_again() {
        let input = [
            b"Content-Length: -5\r\n\r\n".to_vec(),
            b"Content-Length: x\r\n\r\n".to_vec(),
            b"Content-Type: y\r\n\r\n".to_vec(),
            encode(b"{}"),
        ]
        .concat();
        let got = frames(&input).await;
        assert_eq!(
            got,
            vec![
                Err(FrameError::BadLength("-5".into())),
                Err(FrameError::BadLength("x".into())),
                Err(FrameError::NoLength),
                Ok("{}".into())
            ]
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_short_length_leaves_junk_before_the_next_header_which_is_still_found() {
        // The first body is 11 bytes, but the header says 5: `"id":1}` remains, runs into
        // the next header, and that header is still read.
        let input = [
            b"Content-Length: 5\r\n\r\n{\"a\":\"id\":1}".to_vec(),
            encode(b"[1]"),
        ]
        .concat();
        let got = frames(&input).await;
        assert_eq!(got, vec![Ok("{\"a\":".into()), Ok("[1]".into())]);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_huge_length_is_refused_and_its_bytes_skipped_without_holding_them() {
        let n = MAX_MESSAGE + 10;
        let mut input = format!("Content-Length: {n}\r\n\r\n").into_bytes();
        input.extend(std::iter::repeat_n(b'x', n));
        input.extend(encode(b"{}"));
        assert_eq!(
            frames(&input).await,
            vec![Err(FrameError::TooLarge(n)), Ok("{}".into())]
        );
        let absurd = b"Content-Length: 99999999999999999999999\r\n\r\n";
        assert_eq!(
            frames(absurd).await,
            vec![Err(FrameError::BadLength("99999999999999999999999".into()))]
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn input_that_ends_inside_a_frame_ends_the_frames() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{\"a\"").await, vec![]);
        assert_eq!(frames(b"Content-Len").await, vec![]);
        assert_eq!(frames(b"").await, vec![]);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_header_line_without_end_is_read_in_pieces() {
        let mut input = vec![b'x'; 3 * MAX_HEADER_LINE];
        input.extend(b"Content-Length: 2\r\n\r\n[]");
        assert_eq!(frames(&input).await, vec![Ok("[]".into())]);
    }
}
