//! Where `--output FORMAT=PATH` writes a report. Only a regular file (or a new path) is
//! replaced atomically; anything else is written the way a shell's `>` would, so that a FIFO
//! stays a FIFO and `/dev/full` stays a device. A path that is our own standard output or
//! error is written through that stream, so that `--output json=/dev/stdout > r.txt` keeps
//! both reports. Sources and the settings are never overwritten.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use smm_check::disk::input::{io_reason, IS_A_DIRECTORY};

use crate::atomic;

#[derive(Debug, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    Stderr,
    /// A FIFO, socket or device: opened for writing as it is, never replaced.
    InPlace(PathBuf),
    /// A regular file or a new path: written to a temporary file renamed over it.
    Replace(PathBuf),
}

/// Where `path` leads; an error (a sentence to show after the path) for a destination that
/// must not be written: a `.smm` file, one of `inputs`, or a directory.
pub fn destination(path: &Path, inputs: &[PathBuf]) -> Result<Destination, String> {
    if path.as_os_str() == "-" {
        return Ok(Destination::Stdout);
    }
    let is_source = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(smm_check::disk::walk::EXTENSION));
    if is_source {
        return Err("refusing to write a report over a .smm file".into());
    }
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Destination::Replace(path.to_path_buf()))
        }
        Err(e) => return Err(format!("cannot write: {}", io_reason(&e))),
    };
    if let Ok(real) = path.canonicalize() {
        if inputs
            .iter()
            .any(|input| input.canonicalize().is_ok_and(|i| i == real))
        {
            return Err("refusing to overwrite one of the checked inputs".into());
        }
    }
    if let Some(stream) = own_stream(&metadata) {
        return Ok(stream);
    }
    if metadata.is_dir() {
        Err(format!("cannot write: {IS_A_DIRECTORY}"))
    } else if metadata.is_file() {
        Ok(Destination::Replace(path.to_path_buf()))
    } else {
        Ok(Destination::InPlace(path.to_path_buf()))
    }
}

/// Our standard output or error, when `metadata` is the file behind it.
#[cfg(unix)]
fn own_stream(metadata: &fs::Metadata) -> Option<Destination> {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let same = |fd: std::os::fd::BorrowedFd<'_>| {
        fd.try_clone_to_owned()
            .map(fs::File::from)
            .and_then(|file| file.metadata())
            .is_ok_and(|m| m.dev() == metadata.dev() && m.ino() == metadata.ino())
    };
    if same(io::stdout().as_fd()) {
        Some(Destination::Stdout)
    } else if same(io::stderr().as_fd()) {
        Some(Destination::Stderr)
    } else {
        None
    }
}

#[cfg(not(unix))]
fn own_stream(_: &fs::Metadata) -> Option<Destination> {
    None
}

/// Writes `text`; the error is a reason for `error: PATH: reason`, except a failure to write
/// our own streams, which is the command's.
pub fn write(
    destination: &Destination,
    text: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Result<(), String>> {
    let cannot = |e: io::Error| format!("cannot write: {}", io_reason(&e));
    Ok(match destination {
        Destination::Stdout => {
            out.write_all(text.as_bytes())?;
            Ok(())
        }
        Destination::Stderr => {
            err.write_all(text.as_bytes())?;
            Ok(())
        }
        Destination::InPlace(path) => OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut file| file.write_all(text.as_bytes()))
            .map_err(cannot),
        Destination::Replace(path) => atomic::write(path, text),
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn sources_inputs_and_directories_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let toml = dir.path().join("smm.toml");
        fs::write(&toml, "").unwrap();
        let refuse = |path: &Path| destination(path, std::slice::from_ref(&toml)).unwrap_err();
        assert_eq!(
            refuse(&dir.path().join("new.smm")),
            "refusing to write a report over a .smm file"
        );
        assert_eq!(
            refuse(&dir.path().join("X.SMM")),
            "refusing to write a report over a .smm file"
        );
        assert_eq!(
            refuse(&dir.path().join("./smm.toml")),
            "refusing to overwrite one of the checked inputs"
        );
        assert_eq!(
            refuse(dir.path()),
            format!("cannot write: {IS_A_DIRECTORY}")
        );
    }

    #[test]
    fn files_are_replaced_and_special_files_written_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.json");
        assert_eq!(
            destination(&file, &[]),
            Ok(Destination::Replace(file.clone()))
        );
        fs::write(&file, "old").unwrap();
        assert_eq!(
            destination(&file, &[]),
            Ok(Destination::Replace(file.clone()))
        );
        assert_eq!(destination(Path::new("-"), &[]), Ok(Destination::Stdout));
    }
}
