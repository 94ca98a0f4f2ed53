//! Finding the workspace root and the `.smm` files under it.

use std::path::{Path, PathBuf};

pub use globset::GlobSet;
use walkdir::{DirEntry, WalkDir};

use smm_model::builtin::CACHEDIR_TAG;

use super::config;
use super::confine::Confinement;
use super::input::io_reason;

pub const EXTENSION: &str = "smm";

/// Directories never walked into: build output and vendored packages; and any directory
/// tagged as a cache (`CACHEDIR.TAG`), such as smm's own copy of the built-in catalogs.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    pub dir: PathBuf,
    pub config_file: Option<PathBuf>,
}

/// The nearest ancestor of `start` (itself included) holding `smm.toml`, else `start`.
/// `start` should be an absolute directory, so that every ancestor is searched.
pub fn find_root(start: &Path) -> Root {
    for dir in start.ancestors() {
        let candidate = dir.join(config::FILE_NAME);
        if candidate.is_file() {
            return Root {
                dir: dir.to_path_buf(),
                config_file: Some(candidate),
            };
        }
    }
    Root {
        dir: start.to_path_buf(),
        config_file: None,
    }
}

/// An absolute form of `path`: canonical when it exists, so that the same file found two ways
/// compares equal.
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// An absolute path for a file without resolving the file itself when it is a symlink, so that
/// it matches what `walk` yields.
pub fn absolute_file(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            absolute(parent).join(name)
        }
        _ => absolute(path),
    }
}

/// `path` relative to `root` with `/` separators, as exclude globs see it.
pub fn relative_slash(path: &Path, root: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether `relative` or a directory it lies in matches, so that excluding `drafts` excludes
/// its files even when the walk starts inside it.
fn is_excluded(relative: &str, exclude: &GlobSet) -> bool {
    let ancestors = relative.match_indices('/').map(|(i, _)| &relative[..i]);
    ancestors.chain([relative]).any(|p| exclude.is_match(p))
}

#[derive(Debug, Default)]
pub struct Walk {
    /// Sorted.
    pub files: Vec<PathBuf>,
    /// Directories or files that could not be listed, with the reason.
    pub errors: Vec<(PathBuf, String)>,
    /// Symlinks to `.smm` files outside what `confinement` allows: not read. Sorted.
    pub outside: Vec<PathBuf>,
}

/// Why a link in `Walk::outside` was not read, for a warning after its name.
pub const OUTSIDE: &str = "not read: it links to a file outside the workspace (smm.toml's `follow-links-to` can allow its folder)";

/// The `.smm` files under `dir` (which lies inside `root`), skipping hidden, build and excluded
/// directories below `dir` and excluded files. Symlinked directories are not entered, and a
/// symlinked file is read only when `confinement` admits its real path.
pub fn walk(dir: &Path, root: &Path, exclude: &GlobSet, confinement: &Confinement) -> Walk {
    let excluded = |path: &Path| is_excluded(&relative_slash(path, root), exclude);
    let descend = |entry: &DirEntry| {
        // The starting directory was asked for, whatever its name.
        entry.depth() == 0 || !entry.file_type().is_dir() || {
            let name = entry.file_name().to_string_lossy();
            !name.starts_with('.')
                && !SKIPPED_DIRS.contains(&name.as_ref())
                && !excluded(entry.path())
                && !entry.path().join(CACHEDIR_TAG).exists()
        }
    };
    let mut walk = Walk::default();
    for entry in WalkDir::new(dir).into_iter().filter_entry(descend) {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if path.extension().is_none_or(|e| e != EXTENSION) || excluded(path) {
                    continue;
                }
                if entry.file_type().is_symlink() {
                    // Judged before its target is looked at: a link out is named whether its
                    // target exists or not, so the walk reveals nothing about outside.
                    if !confinement.admits(path) {
                        walk.outside.push(path.to_path_buf());
                        continue;
                    }
                    if !path.is_file() {
                        continue;
                    }
                } else if !entry.file_type().is_file() {
                    continue;
                }
                walk.files.push(path.to_path_buf());
            }
            Err(error) => {
                let path = error.path().unwrap_or(dir).to_path_buf();
                let reason = error
                    .io_error()
                    .map_or_else(|| error.to_string(), io_reason);
                walk.errors.push((path, reason));
            }
        }
    }
    walk.files.sort();
    walk.outside.sort();
    walk
}

#[cfg(test)]
mod tests {
    use std::fs;

    use globset::{Glob, GlobSetBuilder};

    use super::*;

    fn touch(root: &Path, relative: &str) {
        let path = root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "").unwrap();
    }

    fn names(walk: &Walk, root: &Path) -> Vec<String> {
        walk.files.iter().map(|p| relative_slash(p, root)).collect()
    }

    fn globs(patterns: &[&str]) -> GlobSet {
        let mut set = GlobSetBuilder::new();
        for p in patterns {
            set.add(Glob::new(p).unwrap());
        }
        set.build().unwrap()
    }

    #[test]
    fn root_is_nearest_ancestor_with_config() {
        let tmp = tempfile::tempdir().unwrap();
        let top = absolute(tmp.path());
        touch(&top, "smm.toml");
        touch(&top, "a/smm.toml");
        fs::create_dir_all(top.join("a/b/c")).unwrap();
        fs::create_dir_all(top.join("d")).unwrap();
        assert_eq!(find_root(&top.join("a/b/c")).dir, top.join("a"));
        assert_eq!(find_root(&top.join("a")).dir, top.join("a"));
        let root = find_root(&top.join("d"));
        assert_eq!(root.dir, top);
        assert_eq!(root.config_file, Some(top.join("smm.toml")));
    }

    #[test]
    fn without_config_the_start_is_the_root() {
        let tmp = tempfile::tempdir().unwrap();
        let start = absolute(tmp.path()).join("x");
        fs::create_dir_all(&start).unwrap();
        let root = find_root(&start);
        assert_eq!(root.dir, start);
        assert_eq!(root.config_file, None);
    }

    #[test]
    fn a_directory_named_smm_toml_is_not_a_config() {
        let tmp = tempfile::tempdir().unwrap();
        let start = absolute(tmp.path());
        fs::create_dir_all(start.join("smm.toml")).unwrap();
        assert_eq!(find_root(&start).config_file, None);
    }

    #[test]
    fn walk_is_sorted_and_skips_hidden_build_and_other_files() {
        let tmp = tempfile::tempdir().unwrap();
        let root = absolute(tmp.path());
        for f in [
            "b.smm",
            "a.smm",
            "notes.txt",
            "sub/z.smm",
            "sub/deeper/y.smm",
            ".git/x.smm",
            "sub/.cache/x.smm",
            "target/x.smm",
            "sub/node_modules/x.smm",
            "targets/kept.smm",
        ] {
            touch(&root, f);
        }
        let walk = walk(
            &root,
            &root,
            &GlobSet::empty(),
            &Confinement::new(&root, &[]),
        );
        assert_eq!(
            names(&walk, &root),
            [
                "a.smm",
                "b.smm",
                "sub/deeper/y.smm",
                "sub/z.smm",
                "targets/kept.smm"
            ]
        );
        assert!(walk.errors.is_empty());
    }

    #[test]
    fn excludes_are_relative_to_the_root_even_below_it() {
        let tmp = tempfile::tempdir().unwrap();
        let root = absolute(tmp.path());
        for f in ["keep.smm", "drafts/a.smm", "sub/drafts/b.smm", "sub/c.smm"] {
            touch(&root, f);
        }
        let exclude = globs(&["drafts/**", "sub/c.smm"]);
        assert_eq!(
            names(
                &walk(&root, &root, &exclude, &Confinement::new(&root, &[])),
                &root
            ),
            ["keep.smm", "sub/drafts/b.smm"]
        );
        assert_eq!(
            names(
                &walk(
                    &root.join("sub"),
                    &root,
                    &exclude,
                    &Confinement::new(&root, &[])
                ),
                &root
            ),
            ["sub/drafts/b.smm"]
        );
    }

    #[test]
    fn an_excluded_directory_is_not_entered() {
        let tmp = tempfile::tempdir().unwrap();
        let root = absolute(tmp.path());
        touch(&root, "drafts/a.smm");
        assert!(walk(
            &root,
            &root,
            &globs(&["drafts"]),
            &Confinement::new(&root, &[])
        )
        .files
        .is_empty());
    }

    #[test]
    fn an_excluded_directory_excludes_its_files_when_walked_from_inside() {
        let tmp = tempfile::tempdir().unwrap();
        let root = absolute(tmp.path());
        touch(&root, "drafts/deep/a.smm");
        let exclude = globs(&["drafts"]);
        assert!(walk(
            &root.join("drafts/deep"),
            &root,
            &exclude,
            &Confinement::new(&root, &[])
        )
        .files
        .is_empty());
        assert!(is_excluded("drafts/deep/a.smm", &exclude));
        assert!(!is_excluded("drafts.smm", &exclude));
    }

    #[test]
    fn a_hidden_starting_directory_is_walked() {
        let tmp = tempfile::tempdir().unwrap();
        let root = absolute(tmp.path());
        touch(&root, ".hidden/a.smm");
        let walk = walk(
            &root.join(".hidden"),
            &root,
            &GlobSet::empty(),
            &Confinement::new(&root, &[]),
        );
        assert_eq!(names(&walk, &root), [".hidden/a.smm"]);
    }

    #[test]
    fn absolute_file_keeps_symlinks_and_relative_names_work() {
        let tmp = tempfile::tempdir().unwrap();
        let root = absolute(tmp.path());
        touch(&root, "a.smm");
        fs::create_dir(root.join("sub")).unwrap();
        assert_eq!(
            absolute_file(&root.join("sub/../a.smm")),
            root.join("a.smm")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a.smm"), root.join("link.smm")).unwrap();
            assert_eq!(absolute_file(&root.join("link.smm")), root.join("link.smm"));
            let walk = walk(
                &root,
                &root,
                &GlobSet::empty(),
                &Confinement::new(&root, &[]),
            );
            assert_eq!(names(&walk, &root), ["a.smm", "link.smm"]);
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_root_are_not_read_unless_allowed() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let top = absolute(tmp.path());
        let root = top.join("root");
        touch(&top, "shared/catalog.smm");
        touch(&top, "secret.txt");
        touch(&root, "a.smm");
        symlink(top.join("secret.txt"), root.join("leak.smm")).unwrap();
        symlink(top.join("shared/catalog.smm"), root.join("catalog.smm")).unwrap();
        symlink(top.join("shared"), root.join("shared-dir")).unwrap();
        symlink(top.join("no-such-file"), root.join("probe.smm")).unwrap();
        let strict = walk(
            &root,
            &root,
            &GlobSet::empty(),
            &Confinement::new(&root, &[]),
        );
        assert_eq!(names(&strict, &root), ["a.smm"]);
        // A link out is named whether its target exists or not.
        assert_eq!(
            strict.outside,
            [
                root.join("catalog.smm"),
                root.join("leak.smm"),
                root.join("probe.smm")
            ]
        );
        let allowed = Confinement::new(&root, &[top.join("shared")]);
        let walk = walk(&root, &root, &GlobSet::empty(), &allowed);
        assert_eq!(names(&walk, &root), ["a.smm", "catalog.smm"]);
        assert_eq!(
            walk.outside,
            [root.join("leak.smm"), root.join("probe.smm")]
        );
    }

    #[test]
    fn a_tagged_cache_folder_is_not_walked() {
        let tmp = tempfile::tempdir().unwrap();
        let root = absolute(tmp.path());
        touch(&root, "a.smm");
        smm_model::builtin::write_cache(&root.join("smm/builtin-0")).unwrap();
        let walk = walk(
            &root,
            &root,
            &GlobSet::empty(),
            &Confinement::new(&root, &[]),
        );
        assert_eq!(names(&walk, &root), ["a.smm"]);
    }

    #[test]
    fn a_killed_formatter_s_temporary_file_is_not_a_source() {
        let tmp = tempfile::tempdir().unwrap();
        let root = absolute(tmp.path());
        touch(&root, "a.smm");
        touch(&root, ".a.smm.4242.0.smm-tmp");
        touch(&root, "sub/.b.smm.4242.0.smm-tmp");
        let walk = walk(
            &root,
            &root,
            &GlobSet::empty(),
            &Confinement::new(&root, &[]),
        );
        assert_eq!(names(&walk, &root), ["a.smm"]);
    }
}
