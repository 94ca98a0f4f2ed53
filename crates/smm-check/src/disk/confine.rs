//! What smm may read: the workspace root and the folders smm.toml allows with
//! `follow-links-to`, by real path. smm runs in CI on files anyone may propose, so a symlink
//! or an evidence link must not make it print (or reveal the existence of) a file elsewhere on
//! the machine, such as `/etc/passwd` or `/proc/self/environ`.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::Located;

/// Symlinks followed while resolving one path before giving up (Linux's own limit is 40).
const MAX_LINKS: usize = 40;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Confinement {
    /// The folders whose files may be read, the root first: each by its real (canonical) path
    /// and as it was given, so that paths spelt through a symlinked parent (an editor's
    /// workspace folder, say) are recognised too.
    folders: Vec<PathBuf>,
}

impl Confinement {
    /// Folders that do not exist allow nothing.
    pub fn new(root: &Path, allowed: &[PathBuf]) -> Confinement {
        let mut folders = Vec::new();
        for folder in std::iter::once(root).chain(allowed.iter().map(PathBuf::as_path)) {
            let Ok(real) = folder.canonicalize() else {
                continue;
            };
            let given = lexical(&std::path::absolute(folder).unwrap_or_else(|_| real.clone()));
            for form in [real, given] {
                if !folders.contains(&form) {
                    folders.push(form);
                }
            }
        }
        Confinement { folders }
    }

    /// Whether `real`, an absolute path with no symlinks and no `..`, lies in an allowed folder.
    pub fn contains(&self, real: &Path) -> bool {
        self.folders.iter().any(|folder| real.starts_with(folder))
    }

    /// Whether the file at `path` may be read: it does not lead outside. Judged like `resolve`,
    /// so that a link out of the workspace is refused the same way whether its target exists
    /// or not (a missing file inside is left to the reader to report).
    pub fn admits(&self, path: &Path) -> bool {
        self.resolve(path) != Located::Outside
    }

    /// Where `link` (absolute, found in the file `from`) leads: `Unchecked` when `from` itself
    /// lies outside (a loose file), else as `resolve` says.
    pub fn locate(&self, from: &Path, link: &Path) -> Located {
        if !self.contains(&lexical(from)) {
            return Located::Unchecked;
        }
        self.resolve(link)
    }

    /// Where the absolute `path` leads, looking only at paths inside: every symlink on the way
    /// is read and judged before anything beyond it is touched, so that the answer never
    /// depends on what exists outside.
    pub fn resolve(&self, path: &Path) -> Located {
        let mut current = lexical(&std::path::absolute(path).unwrap_or_else(|_| path.into()));
        for _ in 0..MAX_LINKS {
            if !self.contains(&current) {
                return Located::Outside;
            }
            let Some(folder) = self.folders.iter().find(|f| current.starts_with(f)) else {
                return Located::Outside;
            };
            // Walk down from the allowed folder, one component at a time.
            let rest: Vec<PathBuf> = current
                .strip_prefix(folder)
                .unwrap_or(&current)
                .components()
                .map(|c| PathBuf::from(c.as_os_str()))
                .collect();
            let mut at = folder.clone();
            let mut redirected = None;
            for (i, part) in rest.iter().enumerate() {
                at.push(part);
                match fs::symlink_metadata(&at) {
                    Err(_) => return Located::Missing,
                    Ok(meta) if meta.file_type().is_symlink() => {
                        let Ok(target) = fs::read_link(&at) else {
                            return Located::Missing;
                        };
                        let base = at.parent().unwrap_or(folder);
                        let mut next = lexical(&base.join(target));
                        next.extend(&rest[i + 1..]);
                        redirected = Some(next);
                        break;
                    }
                    Ok(_) => {}
                }
            }
            match redirected {
                Some(next) => current = next,
                None => return Located::Found,
            }
        }
        // A loop of links: there is nothing to open.
        Located::Missing
    }
}

/// `path` made absolute without asking the file system: `.` dropped and `..` taken back.
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    struct Fixture {
        _dir: tempfile::TempDir,
        root: PathBuf,
        outside: PathBuf,
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        let root = base.join("root");
        let outside = base.join("outside");
        fs::create_dir_all(root.join("docs")).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(root.join("docs/a.md"), "").unwrap();
        fs::write(outside.join("secret"), "").unwrap();
        Fixture {
            _dir: dir,
            root,
            outside,
        }
    }

    #[test]
    fn links_inside_are_found_or_missing() {
        let f = fixture();
        let c = Confinement::new(&f.root, &[]);
        let from = f.root.join("a.smm");
        assert_eq!(c.locate(&from, &f.root.join("docs/a.md")), Located::Found);
        assert_eq!(c.locate(&from, &f.root.join("docs/b.md")), Located::Missing);
        assert_eq!(
            c.locate(&from, &f.root.join("docs/../docs/./a.md")),
            Located::Found
        );
    }

    #[test]
    fn links_outside_are_never_looked_up() {
        let f = fixture();
        let c = Confinement::new(&f.root, &[]);
        let from = f.root.join("a.smm");
        let climbing = f.root.join("docs/../../outside/secret");
        assert_eq!(c.locate(&from, &climbing), Located::Outside);
        let missing = f.root.join("../outside/nothing");
        assert_eq!(c.locate(&from, &missing), Located::Outside, "same answer");
        assert_eq!(c.locate(&from, Path::new("/etc/passwd")), Located::Outside);
    }

    #[test]
    fn a_symlink_out_of_the_root_is_outside_whether_its_target_exists_or_not() {
        let f = fixture();
        symlink(&f.outside, f.root.join("escape")).unwrap();
        symlink("../../outside/secret", f.root.join("docs/relative")).unwrap();
        symlink(f.root.join("docs"), f.root.join("inner")).unwrap();
        let c = Confinement::new(&f.root, &[]);
        let from = f.root.join("a.smm");
        assert_eq!(
            c.locate(&from, &f.root.join("escape/secret")),
            Located::Outside
        );
        assert_eq!(
            c.locate(&from, &f.root.join("escape/nothing")),
            Located::Outside
        );
        assert_eq!(
            c.locate(&from, &f.root.join("docs/relative")),
            Located::Outside
        );
        assert_eq!(c.locate(&from, &f.root.join("inner/a.md")), Located::Found);
        assert_eq!(
            c.locate(&from, &f.root.join("inner/b.md")),
            Located::Missing
        );
    }

    #[test]
    fn allowed_folders_and_loops() {
        let f = fixture();
        symlink(&f.outside, f.root.join("shared")).unwrap();
        symlink(f.root.join("loop"), f.root.join("loop")).unwrap();
        let c = Confinement::new(&f.root, std::slice::from_ref(&f.outside));
        let from = f.root.join("a.smm");
        assert_eq!(
            c.locate(&from, &f.root.join("shared/secret")),
            Located::Found
        );
        assert_eq!(c.locate(&from, &f.root.join("loop")), Located::Missing);
        assert!(c.admits(&f.root.join("shared/secret")));
        assert!(!Confinement::new(&f.root, &[]).admits(&f.root.join("shared/secret")));
    }

    #[test]
    fn a_root_spelt_through_a_symlink_is_the_same_root() {
        let f = fixture();
        let alias = f.root.parent().unwrap().join("alias");
        symlink(&f.root, &alias).unwrap();
        let c = Confinement::new(&alias, &[]);
        let from = alias.join("a.smm");
        assert_eq!(c.locate(&from, &alias.join("docs/a.md")), Located::Found);
        assert_eq!(c.locate(&from, &alias.join("docs/b.md")), Located::Missing);
        assert_eq!(
            c.locate(&f.root.join("a.smm"), &f.root.join("docs/a.md")),
            Located::Found
        );
        assert_eq!(
            c.locate(&from, &alias.join("../outside/secret")),
            Located::Outside
        );
    }

    #[test]
    fn a_loose_file_reads_nothing_around_it() {
        let f = fixture();
        let c = Confinement::new(&f.root, &[]);
        let from = f.outside.join("loose.smm");
        assert_eq!(
            c.locate(&from, &f.outside.join("secret")),
            Located::Unchecked
        );
        assert_eq!(
            Confinement::default().locate(&from, &from),
            Located::Unchecked
        );
    }
}
