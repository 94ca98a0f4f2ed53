//! Replacing a file's content all at once: readers see the old file or the new one, never a
//! mix. An interrupted run (Ctrl-C, SIGTERM, SIGHUP) removes its temporary file on the way
//! out; a killed one leaves at most a stray hidden `.NAME.PID.N.smm-tmp`, which the walk
//! ignores.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

/// The temporary file being written, if any: what an interruption must remove.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

fn pending() -> MutexGuard<'static, Option<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Exit status after an interruption, as shells report SIGINT.
const INTERRUPTED: i32 = 130;

/// Makes Ctrl-C, SIGTERM and SIGHUP remove the pending temporary file before exiting.
/// Holding the lock while exiting keeps a rename from happening half-way.
pub fn clean_up_when_interrupted() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let installed = ctrlc::set_handler(|| {
            let pending = pending();
            if let Some(temp) = pending.as_ref() {
                let _ = fs::remove_file(temp);
            }
            std::process::exit(INTERRUPTED);
        });
        // Without a handler the default applies: a stray temporary file, nothing worse.
        drop(installed);
    });
}

/// Writes `contents` to a new temporary file beside `path` and renames it over `path`.
/// `permissions` are given to the new file first.
fn write_and_rename(
    path: &Path,
    contents: &str,
    permissions: Option<fs::Permissions>,
) -> io::Result<()> {
    let (temp_path, mut temp) = create_temp(path)?;
    *pending() = Some(temp_path.clone());
    let mut result = temp.write_all(contents.as_bytes());
    if let Some(permissions) = permissions {
        result = result.and_then(|()| temp.set_permissions(permissions));
    }
    result = result.and_then(|()| temp.sync_all());
    pause_for_tests();
    let mut pending = pending();
    result = result.and_then(|()| fs::rename(&temp_path, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp_path);
    }
    *pending = None;
    result
}

/// Debug builds only: `SMM_TEST_PAUSE_MS` holds the temporary file for that long before the
/// rename, so that a test can interrupt the run at the moment it matters.
fn pause_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("SMM_TEST_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

use smm_check::disk::input::io_reason;

/// `replace`, for a file of the workspace rooted at `root`: files read through
/// `follow-links-to` are the workspace's to read, not to rewrite.
pub fn replace_inside(path: &Path, root: &Path, contents: &str) -> Result<(), String> {
    let inside = path.canonicalize().is_ok_and(|real| real.starts_with(root));
    match inside {
        true => replace(path, contents),
        false => Err("not written: its real path is outside the workspace root".to_string()),
    }
}

/// Replaces the content of the existing file `path`, keeping its permissions. A symlink is
/// followed so that the link stays a link. The error is a reason for `error: PATH: reason`.
pub fn replace(path: &Path, contents: &str) -> Result<(), String> {
    let cannot = |e: io::Error| format!("cannot write: {}", io_reason(&e));
    let path = fs::canonicalize(path).map_err(cannot)?;
    let permissions = fs::metadata(&path).map_err(cannot)?.permissions();
    // Renaming would succeed over a read-only file; refuse as an in-place write would.
    if permissions.readonly() {
        return Err("cannot write: file is read-only".into());
    }
    write_and_rename(&path, contents, Some(permissions)).map_err(cannot)
}

/// Writes `path` whole, creating it if needed (a report file), atomically like `replace`.
pub fn write(path: &Path, contents: &str) -> Result<(), String> {
    if path.exists() {
        return replace(path, contents);
    }
    write_and_rename(path, contents, None).map_err(|e| format!("cannot write: {}", io_reason(&e)))
}

/// A new file beside `path`, so that the rename stays on one file system. Its name is hidden
/// and does not end in `.smm`, so that a concurrent walk ignores it.
fn create_temp(path: &Path) -> io::Result<(PathBuf, File)> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pid = std::process::id();
    let mut attempt = 0;
    loop {
        let temp = dir.join(format!(".{name}.{pid}.{attempt}.smm-tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.smm");
        fs::write(&path, "old").unwrap();
        replace(&path, "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(dir.path()), ["a.smm"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.smm");
        let link = dir.path().join("link.smm");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        std::os::unix::fs::symlink(&path, &link).unwrap();
        replace(&link, "new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn refuses_read_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.smm");
        fs::write(&path, "old").unwrap();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).unwrap();
        assert_eq!(
            replace(&path, "new").unwrap_err(),
            "cannot write: file is read-only"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(entries(dir.path()), ["a.smm"]);
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let reason = replace(&dir.path().join("no/a.smm"), "x").unwrap_err();
        assert_eq!(reason, "cannot write: no such file or directory");
    }
}
