//! `--git REV`: the revision's tree taken out of the repository, with the git command, into a
//! temporary folder laid out as the repository is, so that it can be read like the working
//! tree. Only what a workspace is read from is written: the .smm files and smm.toml files,
//! and every folder that holds a tracked file (a catalog folder smm.toml names must exist).

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Output, Stdio};

use smm_check::disk::config;
use smm_check::disk::walk::EXTENSION;

pub struct Revision {
    /// Removed with the value.
    _dir: tempfile::TempDir,
    /// Canonical; stands for the repository's top folder.
    pub root: PathBuf,
}

/// The top folder of the repository that holds `dir`.
pub fn toplevel(dir: &Path) -> Result<PathBuf, String> {
    let output = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !output.status.success() {
        return Err(format!(
            "{} is not in a git repository{}",
            smm_syntax::visible_path(dir),
            said(&output)
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let top = PathBuf::from(text.trim_end_matches(['\n', '\r']));
    Ok(top.canonicalize().unwrap_or(top))
}

/// The tree of `rev` in the repository at `top`, written into a temporary folder.
pub fn materialise(top: &Path, rev: &str) -> Result<Revision, String> {
    // A revision starting with `-` would be read as an option.
    let commit = if rev.starts_with('-') {
        None
    } else {
        let spec = format!("{rev}^{{commit}}");
        let output = git(top, &["rev-parse", "--verify", "--quiet", &spec])?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
    };
    let commit = commit.ok_or_else(|| {
        format!(
            "`{}` does not name a commit of the repository at {}",
            smm_syntax::visible(rev),
            smm_syntax::visible_path(top)
        )
    })?;
    let listing = git(top, &["ls-tree", "-r", "-z", "--full-tree", &commit])?;
    if !listing.status.success() {
        return Err(format!("git ls-tree {commit} failed{}", said(&listing)));
    }
    let dir = tempfile::Builder::new()
        .prefix("smm-diff-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let root = dir.path().canonicalize().unwrap_or(dir.path().into());
    let mut folders = BTreeSet::new();
    let mut wanted: Vec<(String, PathBuf)> = Vec::new();
    for entry in listing.stdout.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let Some((kind, path)) = parse_entry(entry) else {
            continue;
        };
        let Some(relative) = safe_relative(&path) else {
            continue;
        };
        if let Some(parent) = relative.parent() {
            folders.insert(parent.to_path_buf());
        }
        let named = relative.file_name() == Some(OsStr::new(config::FILE_NAME))
            || relative.extension() == Some(OsStr::new(EXTENSION));
        // Links and submodules are left out: a link's target is not in the tree.
        if named && kind.mode.starts_with("100") && kind.kind == "blob" {
            wanted.push((kind.object, relative));
        }
    }
    for folder in &folders {
        std::fs::create_dir_all(root.join(folder))
            .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    }
    write_blobs(top, &root, &wanted)?;
    Ok(Revision { _dir: dir, root })
}

struct Kind {
    mode: String,
    kind: String,
    object: String,
}

/// `MODE TYPE OBJECT<TAB>PATH`.
fn parse_entry(entry: &[u8]) -> Option<(Kind, PathBuf)> {
    let tab = entry.iter().position(|b| *b == b'\t')?;
    let head = std::str::from_utf8(&entry[..tab]).ok()?;
    let mut parts = head.split(' ');
    let kind = Kind {
        mode: parts.next()?.to_string(),
        kind: parts.next()?.to_string(),
        object: parts.next()?.to_string(),
    };
    Some((kind, path_of(&entry[tab + 1..])))
}

#[cfg(unix)]
fn path_of(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_of(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Git keeps `..` and absolute paths out of trees; a tree that has one anyway is not
/// followed out of the temporary folder.
fn safe_relative(path: &Path) -> Option<PathBuf> {
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| path.to_path_buf())
}

/// Every blob through one `git cat-file --batch`, rather than a process per file.
fn write_blobs(top: &Path, root: &Path, wanted: &[(String, PathBuf)]) -> Result<(), String> {
    if wanted.is_empty() {
        return Ok(());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| cannot_run(&e))?;
    let mut stdin = child.stdin.take().expect("piped");
    let stdout = child.stdout.take().expect("piped");
    let objects: String = wanted.iter().map(|(o, _)| format!("{o}\n")).collect();
    // Written from another thread: git answers while it reads, and a full pipe either way
    // would stop both.
    let written = std::thread::scope(|scope| {
        let feeder = scope.spawn(move || stdin.write_all(objects.as_bytes()));
        let read = read_blobs(BufReader::new(stdout), root, wanted);
        let fed = feeder.join().expect("the writer does not panic");
        read.and_then(|()| fed.map_err(|e| format!("cannot talk to git cat-file: {e}")))
    });
    let output = child
        .wait_with_output()
        .map_err(|e| format!("git cat-file: {e}"))?;
    written?;
    if !output.status.success() {
        return Err(format!("git cat-file failed{}", said(&output)));
    }
    Ok(())
}

fn read_blobs(
    mut from: impl BufRead,
    root: &Path,
    wanted: &[(String, PathBuf)],
) -> Result<(), String> {
    let broken = |what: &str| format!("unexpected output from git cat-file: {what}");
    for (object, relative) in wanted {
        let mut header = String::new();
        from.read_line(&mut header)
            .map_err(|e| broken(&e.to_string()))?;
        let mut fields = header.trim_end().split(' ');
        let (Some(name), Some("blob"), Some(size)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(broken(header.trim_end()));
        };
        if name != object {
            return Err(broken(header.trim_end()));
        }
        let size: usize = size.parse().map_err(|_| broken(header.trim_end()))?;
        let mut content = vec![0; size + 1];
        from.read_exact(&mut content)
            .map_err(|e| broken(&e.to_string()))?;
        content.pop();
        std::fs::write(root.join(relative), content).map_err(|e| {
            format!(
                "cannot write {} in a temporary folder: {e}",
                smm_syntax::visible_path(relative)
            )
        })?;
    }
    Ok(())
}

fn git(dir: &Path, args: &[&str]) -> Result<Output, String> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| cannot_run(&e))
}

fn cannot_run(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::NotFound {
        "--git needs the git command, which is not installed (or not on PATH)".into()
    } else {
        format!("cannot run git: {e}")
    }
}

/// `: what git said`, when it said something.
fn said(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let text = text.trim();
    if text.is_empty() {
        String::new()
    } else {
        format!(": {}", smm_syntax::visible(text))
    }
}
