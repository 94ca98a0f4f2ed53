//! Reading source text from files and standard input, with one-line reasons for failures.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use crate::position::line_column;

/// Larger inputs are refused rather than read: no real profile comes near this.
pub const MAX_SIZE: u64 = 16 * 1024 * 1024;

/// Why an input could not be used; shown after the path as `error: PATH: reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<io::Error> for InputError {
    fn from(error: io::Error) -> InputError {
        InputError(io_reason(&error))
    }
}

pub fn io_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => IS_A_DIRECTORY.into(),
        _ => error.to_string(),
    }
}

pub const IS_A_DIRECTORY: &str = "is a directory, expected a file";
pub const NOT_A_FILE: &str =
    "is not a regular file (a FIFO, socket or device); `-` reads standard input";

pub fn read_file(path: &Path) -> Result<String, InputError> {
    let metadata = fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(InputError(IS_A_DIRECTORY.into()));
    }
    // A FIFO or a device would block the read, or never end.
    if !metadata.is_file() {
        return Err(InputError(NOT_A_FILE.into()));
    }
    if metadata.len() > MAX_SIZE {
        return Err(too_large(metadata.len()));
    }
    // The size may change between the check and the read, and special files report none.
    let file = File::open(path)?;
    read_limited(file)
}

pub fn read_stdin() -> Result<String, InputError> {
    read_limited(io::stdin().lock())
}

fn read_limited(reader: impl Read) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    reader.take(MAX_SIZE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SIZE {
        // Only the first byte past the limit was read: how much more there is is not known.
        return Err(InputError(format!(
            "file is too large (more than the limit of {} MiB)",
            MAX_SIZE >> 20
        )));
    }
    decode(bytes)
}

/// `(17.5 MiB; the limit is 16 MiB)`, or exact byte counts when the size in MiB would read as
/// the limit's (`16.0 MiB` for a file one byte over).
pub fn too_large(len: u64) -> InputError {
    let mib = |bytes: u64| format!("{:.1}", bytes as f64 / (1 << 20) as f64);
    let size = mib(len);
    if size == mib(MAX_SIZE) {
        InputError(format!(
            "file is too large ({len} bytes; the limit is {MAX_SIZE} bytes)"
        ))
    } else {
        InputError(format!(
            "file is too large ({size} MiB; the limit is {} MiB)",
            MAX_SIZE >> 20
        ))
    }
}

/// Longer lines are refused: no one writes them by hand, and a report shows the line of each
/// finding on it, so a file of a few such lines would print gigabytes.
pub const MAX_LINE: usize = 64 * 1024;

fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    let text = utf8(bytes)?;
    let too_long = smm_syntax::lines::line_ranges(&text)
        .enumerate()
        .find(|(_, range)| range.len() > MAX_LINE);
    if let Some((index, range)) = too_long {
        return Err(InputError(format!(
            "line {} is too long ({} bytes; the limit is {MAX_LINE} bytes per line)",
            index + 1,
            range.len()
        )));
    }
    Ok(text)
}

fn utf8(bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid_up_to = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..valid_up_to]).unwrap_or_default();
        let (line, column) = line_column(valid, valid_up_to);
        InputError(format!(
            "not valid UTF-8 (first invalid byte at line {line}, column {column})"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(b"ab\ncd\xffe".to_vec()).unwrap_err();
        assert_eq!(
            err.0,
            "not valid UTF-8 (first invalid byte at line 2, column 3)"
        );
    }

    #[test]
    fn a_line_over_the_limit_is_refused_and_located() {
        let long = format!("a\r\nb\r{}\n", "x".repeat(MAX_LINE + 1));
        let err = decode(long.into_bytes()).unwrap_err();
        assert_eq!(
            err.0,
            "line 3 is too long (65537 bytes; the limit is 65536 bytes per line)"
        );
        let at_limit = format!("{}\r\n", "x".repeat(MAX_LINE));
        assert_eq!(decode(at_limit.clone().into_bytes()), Ok(at_limit));
    }

    #[test]
    fn oversized_stream_is_refused() {
        let zeros = io::repeat(b' ').take(MAX_SIZE + 10);
        let err = read_limited(zeros).unwrap_err();
        assert_eq!(err.0, "file is too large (more than the limit of 16 MiB)");
    }

    #[test]
    fn a_size_just_over_the_limit_is_given_in_bytes() {
        assert_eq!(
            too_large(MAX_SIZE + 1).0,
            "file is too large (16777217 bytes; the limit is 16777216 bytes)"
        );
        // Still `16.0` in MiB: 16 MiB and 52428 bytes.
        assert_eq!(
            too_large(MAX_SIZE + 52_428).0,
            "file is too large (16829644 bytes; the limit is 16777216 bytes)"
        );
    }

    #[test]
    fn a_size_well_over_the_limit_is_given_in_mib() {
        assert_eq!(
            too_large(MAX_SIZE + (1 << 19) * 3).0,
            "file is too large (17.5 MiB; the limit is 16 MiB)"
        );
        // The first size that rounds to `16.1`.
        assert_eq!(
            too_large(MAX_SIZE + 52_429).0,
            "file is too large (16.1 MiB; the limit is 16 MiB)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.smm");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        // Reading would block forever: the refusal comes from the metadata alone.
        assert_eq!(read_file(&fifo).unwrap_err().0, NOT_A_FILE);
        assert_eq!(read_file(Path::new("/dev/null")).unwrap_err().0, NOT_A_FILE);
    }

    #[test]
    fn directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_file(dir.path()).unwrap_err().0, IS_A_DIRECTORY);
    }
}
