//! Turning command-line paths into the files to report on, grouped by workspace root; for
//! `smm check`, with the files that depend on them.

use std::collections::{BTreeSet, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::args::InputArgs;
use crate::sources::Sources;
use crate::status::Status;
use smm_check::disk::config::{self, Config};
use smm_check::disk::input::{self, io_reason};
use smm_check::disk::walk::{self as workspace, absolute, absolute_file, find_root, Root};

pub const STDIN_NAME: &str = "<stdin>";

/// A file to report on.
#[derive(Debug)]
pub struct InputFile {
    /// Absolute; the key into `Sources`.
    pub path: PathBuf,
    /// As the user would write it.
    pub shown: String,
    pub is_stdin: bool,
    /// Not asked for: it depends on a file that was (`Checked::dependents`).
    pub dependent: bool,
}

pub struct Group {
    pub root: PathBuf,
    /// The smm.toml that made `root` the root; None when there is none here or above.
    pub config_file: Option<PathBuf>,
    /// Where the machine formats' paths start (`repository_root`).
    pub repository: PathBuf,
    pub config: Config,
    pub inputs: Vec<InputFile>,
    stdin: Option<(PathBuf, String)>,
}

impl Group {
    /// Every file of the root, parsed, when `whole`, with standard input standing in for its
    /// file. Otherwise only standard input: a command that looks at its input files alone (`fmt`)
    /// reads each when it gets to it, so a file formatted beside megabytes of others costs
    /// what the file costs.
    pub fn load(&mut self, whole: bool) -> Sources {
        let mut sources = if whole {
            let confinement = self.config.confinement(&self.root);
            let walk = workspace::walk(&self.root, &self.root, &self.config.exclude, &confinement);
            Sources::load(walk.files)
        } else {
            Sources::default()
        };
        if let Some((path, text)) = self.stdin.take() {
            sources.insert_text(path, text);
        }
        sources
    }

    /// The paths of the input files, to look up.
    pub fn input_paths(&self) -> BTreeSet<&Path> {
        self.inputs.iter().map(|t| t.path.as_path()).collect()
    }
}

pub struct Resolved {
    pub groups: Vec<Group>,
    pub status: Status,
}

impl Resolved {
    /// Every file the run reads as input: the input files and each workspace's smm.toml.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut inputs = Vec::new();
        for group in &self.groups {
            inputs.push(group.root.join(config::FILE_NAME));
            inputs.extend(group.inputs.iter().map(|t| t.path.clone()));
        }
        inputs
    }
}

/// A file being visited, with its workspace.
pub struct Visited<'a> {
    pub target: &'a InputFile,
    pub root: &'a Path,
    /// Where the machine formats' paths start (`repository_root`).
    pub repository: &'a Path,
    pub config: &'a Config,
    /// The mappings of the workspace's model, when it was checked beyond syntax.
    pub mappings: &'a [crate::check_report::MappingUsed],
}

/// Reads standard input if `-` is among the paths. Problems are reported on `err` and counted.
pub fn resolve(args: &InputArgs, err: &mut dyn Write) -> io::Result<Resolved> {
    let mut resolver = Resolver {
        groups: Vec::new(),
        broken_roots: Vec::new(),
        seen: HashSet::new(),
        status: Status::default(),
    };
    let default = [PathBuf::from(".")];
    let paths = if args.paths.is_empty() {
        &default[..]
    } else {
        &args.paths
    };
    for arg in paths {
        if arg.as_os_str() == "-" {
            resolver.stdin(args.stdin_filename.as_deref(), err)?;
        } else {
            resolver.path(arg, err)?;
        }
    }
    if args.verbose {
        for group in &resolver.groups {
            writeln!(err, "info: {}", describe_root(group))?;
        }
    }
    Ok(Resolved {
        groups: resolver.groups,
        status: resolver.status,
    })
}

/// Which root a group has, and why: for --verbose and for names that are not found.
pub(crate) fn describe_root(group: &Group) -> String {
    let root = shown_root(&group.root);
    match &group.config_file {
        Some(file) => format!("workspace root {root} (from {})", shown_from_cwd(file)),
        None => format!(
            "workspace root {root} (no {} there or above, so the folder of the path given)",
            config::FILE_NAME
        ),
    }
}

struct Resolver {
    groups: Vec<Group>,
    /// Roots whose smm.toml was reported as broken; their files are skipped.
    broken_roots: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
    status: Status,
}

impl Resolver {
    fn path(&mut self, arg: &Path, err: &mut dyn Write) -> io::Result<()> {
        let shown = smm_syntax::visible_path(arg);
        // A link to a source is judged before its target is looked at, so that the answer is
        // the same whether something exists outside or not.
        let is_link = arg
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        let names_source = arg.extension().is_some_and(|e| e == workspace::EXTENSION);
        let metadata = match arg.metadata() {
            _ if is_link && names_source => None,
            Ok(metadata) => Some(metadata),
            Err(e) => return self.status.fail(err, shown, io_reason(&e)),
        };
        if !metadata.as_ref().is_some_and(|m| m.is_dir()) {
            let path = absolute_file(arg);
            let root = find_root(path.parent().unwrap_or(&path));
            let Some(group) = self.group(root.clone(), err)? else {
                return Ok(());
            };
            if !group.config.confinement(&group.root).admits(&path) {
                return self.status.fail(err, shown, workspace::OUTSIDE);
            }
            return self.add(
                root,
                InputFile {
                    path,
                    shown,
                    is_stdin: false,
                    dependent: false,
                },
                err,
            );
        }
        let dir = absolute(arg);
        let root = find_root(&dir);
        let Some(group) = self.group(root.clone(), err)? else {
            return Ok(());
        };
        let confinement = group.config.confinement(&group.root);
        let walk = workspace::walk(&dir, &group.root, &group.config.exclude, &confinement);
        for (path, reason) in walk.errors {
            self.status
                .fail(err, shown_under(arg, &dir, &path), reason)?;
        }
        for path in walk.outside {
            let shown = shown_under(arg, &dir, &path);
            writeln!(err, "warning: {shown}: {}", workspace::OUTSIDE)?;
        }
        for path in walk.files {
            let shown = shown_under(arg, &dir, &path);
            let target = InputFile {
                path,
                shown,
                is_stdin: false,
                dependent: false,
            };
            self.add(root.clone(), target, err)?;
        }
        Ok(())
    }

    fn stdin(&mut self, name: Option<&Path>, err: &mut dyn Write) -> io::Result<()> {
        let shown = name.map_or(STDIN_NAME.into(), smm_syntax::visible_path);
        if name.is_some_and(Path::is_dir) {
            return self.status.fail(err, shown, input::IS_A_DIRECTORY);
        }
        let text = match input::read_stdin() {
            Ok(text) => text,
            Err(e) => return self.status.fail(err, shown, e),
        };
        // Without a name, the current directory holds the nameless file.
        let path = absolute_file(name.unwrap_or(Path::new(STDIN_NAME)));
        let root = find_root(path.parent().unwrap_or(&path));
        let target = InputFile {
            path: path.clone(),
            shown,
            is_stdin: true,
            dependent: false,
        };
        // Standard input replaces the file on disk even if that file was named too.
        self.seen.remove(&path);
        for group in &mut self.groups {
            group.inputs.retain(|t| t.path != path);
        }
        self.add(root, target, err)?;
        if let Some(group) = self
            .groups
            .iter_mut()
            .find(|g| g.inputs.iter().any(|t| t.is_stdin))
        {
            group.stdin = Some((path, text));
        }
        Ok(())
    }

    fn add(&mut self, root: Root, target: InputFile, err: &mut dyn Write) -> io::Result<()> {
        if self.seen.contains(&target.path) {
            return Ok(());
        }
        let path = target.path.clone();
        if let Some(group) = self.group(root, err)? {
            group.inputs.push(target);
            self.seen.insert(path);
        }
        Ok(())
    }

    /// The group for `root`, created (loading its smm.toml) on first use; None if the
    /// settings are broken.
    fn group(&mut self, root: Root, err: &mut dyn Write) -> io::Result<Option<&mut Group>> {
        if self.broken_roots.contains(&root.dir) {
            return Ok(None);
        }
        if let Some(i) = self.groups.iter().position(|g| g.root == root.dir) {
            return Ok(Some(&mut self.groups[i]));
        }
        let config = match &root.config_file {
            None => Config::default(),
            Some(file) => match config::load(file, &shown_from_cwd(file)) {
                Ok(config) => config,
                Err(message) => {
                    self.status.failures += 1;
                    writeln!(err, "error: {}", smm_syntax::visible(&message))?;
                    self.broken_roots.push(root.dir);
                    return Ok(None);
                }
            },
        };
        self.groups.push(Group {
            repository: repository_root(&root.dir),
            config_file: root.config_file,
            root: root.dir,
            config,
            inputs: Vec::new(),
            stdin: None,
        });
        Ok(self.groups.last_mut())
    }
}

/// The repository `root` lies in: the nearest folder, `root` itself included, that holds a
/// `.git` directory, or a `.git` file as a worktree or submodule has; else `root`. Found
/// without running git, from the names alone: nothing in `.git` is read.
pub fn repository_root(root: &Path) -> PathBuf {
    root.ancestors()
        .find(|dir| {
            dir.join(".git")
                .symlink_metadata()
                .is_ok_and(|m| m.is_dir() || m.is_file() || m.file_type().is_symlink())
        })
        .unwrap_or(root)
        .to_path_buf()
}

/// A file found under directory argument `arg` (absolute `dir`), named the way `arg` was, as
/// people read it (`smm_syntax::visible_path`).
fn shown_under(arg: &Path, dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    let named = if relative.as_os_str().is_empty() {
        arg.to_path_buf()
    } else if arg == Path::new(".") {
        relative.to_path_buf()
    } else {
        arg.join(relative)
    };
    smm_syntax::visible_path(&named)
}

/// A workspace root as people read it: `.` for the current directory.
pub fn shown_root(root: &Path) -> String {
    let shown = shown_from_cwd(root);
    if shown.is_empty() {
        ".".into()
    } else {
        shown
    }
}

/// Relative to the current directory when inside it, else absolute; as people read it
/// (`smm_syntax::visible_path`).
pub fn shown_from_cwd(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .map(|cwd| absolute(&cwd))
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    smm_syntax::visible_path(&shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_under_a_directory_keep_its_spelling() {
        let dir = Path::new("/w/sub");
        let file = Path::new("/w/sub/a/b.smm");
        assert_eq!(
            shown_under(Path::new("."), Path::new("/w"), Path::new("/w/x.smm")),
            "x.smm"
        );
        assert_eq!(shown_under(Path::new("sub"), dir, file), "sub/a/b.smm");
        assert_eq!(shown_under(Path::new("./sub/"), dir, file), "./sub/a/b.smm");
        assert_eq!(shown_under(Path::new("."), dir, dir), ".");
    }

    #[test]
    fn the_repository_is_the_nearest_folder_holding_dot_git() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        let root = top.join("repo/compliance");
        std::fs::create_dir_all(&root).unwrap();
        assert_eq!(repository_root(&root), root, "no .git: the root itself");
        std::fs::create_dir(top.join("repo/.git")).unwrap();
        assert_eq!(repository_root(&root), top.join("repo"));
        // A worktree or submodule: a `.git` file, nearer than the enclosing repository's.
        std::fs::write(root.join(".git"), "gitdir: ../.git/modules/compliance\n").unwrap();
        assert_eq!(repository_root(&root), root);
    }
}
