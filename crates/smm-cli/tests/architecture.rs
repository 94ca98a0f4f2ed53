//! ARCHITECTURE.md against the code: every path it names in backticks exists, and no module
//! of a crate imports a module that imports it back.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The spans in backticks outside fenced blocks.
fn quoted(markdown: &str) -> Vec<String> {
    let mut quoted = Vec::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        quoted.extend(line.split('`').skip(1).step_by(2).map(str::to_string));
    }
    quoted
}

/// A quoted span that names a file or folder: one with a `/`, or a file name with an
/// extension. Each must be a path from the repository's root.
fn is_path(span: &str) -> bool {
    let extension = [".rs", ".md", ".smm", ".py", ".toml", ".json", ".tsv"];
    !span.contains(' ')
        && !span.contains("::")
        && (span.contains('/') || extension.iter().any(|e| span.ends_with(e)))
}

fn named_paths(markdown: &str) -> Vec<String> {
    quoted(markdown)
        .into_iter()
        .filter(|s| is_path(s))
        .collect()
}

#[test]
fn every_path_the_architecture_names_exists() {
    let root = repository();
    let markdown = fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let paths = named_paths(&markdown);
    assert!(paths.len() > 40, "the code map names its files: {paths:?}");
    let missing: Vec<&String> = paths
        .iter()
        .filter(|p| p.contains('*') || p.contains(':') || !root.join(p).exists())
        .collect();
    assert!(
        missing.is_empty(),
        "named in ARCHITECTURE.md but not there: {missing:?}"
    );
}

#[test]
fn the_path_check_rejects_what_is_not_there() {
    let markdown = "`crates/smm-cli/src/lib.rs` and `crates/nowhere.rs`, `lexer.rs`, \
                    `smm_check::Workspace`, `a b/c`\n```\n`inside/a/fence.rs`\n```\n";
    let paths = named_paths(markdown);
    assert_eq!(
        paths,
        ["crates/smm-cli/src/lib.rs", "crates/nowhere.rs", "lexer.rs"]
    );
    let root = repository();
    assert!(root.join(&paths[0]).exists());
    assert!(!root.join(&paths[1]).exists() && !root.join(&paths[2]).exists());
}

/// Each module of `crate`'s `src`, by its path (`a::b`), with its file.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut modules = BTreeMap::new();
    let mut folders = vec![src.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            modules.insert(parts.join("::"), path);
        }
    }
    modules
}

/// The longest module that `path` (`a::b::Item`) lies in, if it names one; an item the crate
/// root re-exports (`pub use a::Item;`) lies in the module it comes from.
fn module_of(
    path: &[&str],
    modules: &BTreeMap<String, PathBuf>,
    reexported: &BTreeMap<String, String>,
) -> Option<String> {
    if let Some(from) = path.first().and_then(|item| reexported.get(*item)) {
        return Some(from.clone());
    }
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| modules.contains_key(m))
}

/// The items the crate root re-exports from its modules: `pub use a::{B, C};` and
/// `pub use a::B;`, by name, with the module they come from.
fn reexported(modules: &BTreeMap<String, PathBuf>) -> BTreeMap<String, String> {
    let Some(root) = modules.get("") else {
        return BTreeMap::new();
    };
    let text = fs::read_to_string(root).unwrap();
    let mut items = BTreeMap::new();
    for statement in text.split(';') {
        let Some(used) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let (path, names) = match used.split_once("::{") {
            Some((path, names)) => (path, names.trim_end_matches('}').to_string()),
            None => match used.rsplit_once("::") {
                Some((path, name)) => (path, name.to_string()),
                None => continue,
            },
        };
        let segments: Vec<&str> = path.split("::").filter(|s| *s != "crate").collect();
        let Some(module) = module_of(&segments, modules, &BTreeMap::new()) else {
            continue;
        };
        for name in names.split(',') {
            let name = name.split(" as ").last().unwrap_or("").trim();
            if !name.is_empty() && name != "self" {
                items.insert(name.to_string(), module.clone());
            }
        }
    }
    items
}

/// For each module, the modules its code outside tests refers to through `crate::` and
/// `super::` paths, its own parents and children aside.
fn imports(modules: &BTreeMap<String, PathBuf>) -> BTreeMap<String, BTreeSet<String>> {
    let reexported = reexported(modules);
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, file) in modules {
        let text = fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let own: Vec<&str> = module.split("::").filter(|s| !s.is_empty()).collect();
        let parent = &own[..own.len().saturating_sub(1)];
        for (prefix, base) in [("crate::", &[][..]), ("super::", parent)] {
            for (at, _) in code.match_indices(prefix) {
                if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                for named in paths_at(&code[at + prefix.len()..]) {
                    let mut path: Vec<&str> = base.to_vec();
                    let mut segments = named.split("::").filter(|s| !s.is_empty()).peekable();
                    while segments.next_if_eq(&"super").is_some() {
                        path.pop();
                    }
                    path.extend(segments);
                    let none = BTreeMap::new();
                    let through_root = if prefix == "crate::" {
                        &reexported
                    } else {
                        &none
                    };
                    let Some(target) = module_of(&path, modules, through_root) else {
                        continue;
                    };
                    let related = target == *module
                        || module.starts_with(&format!("{target}::"))
                        || target.starts_with(&format!("{module}::"))
                        || target.is_empty()
                        || module.is_empty();
                    if !related {
                        imports.entry(module.clone()).or_default().insert(target);
                    }
                }
            }
        }
    }
    imports
}

/// The paths written at the start of `rest` (what follows `crate::`): one, or one per item of
/// a `{…}` group, nested groups included.
fn paths_at(rest: &str) -> Vec<String> {
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(rest.len());
    let head = rest[..end].trim_end_matches("::");
    if !rest[end..].starts_with('{') {
        return vec![head.to_string()];
    }
    let mut items = Vec::new();
    let mut item = String::new();
    let mut depth = 0;
    for c in rest[end + 1..].chars() {
        match c {
            '}' if depth == 0 => break,
            ',' if depth == 0 => items.push(std::mem::take(&mut item)),
            '{' | '}' => {
                depth += if c == '{' { 1 } else { -1 };
                item.push(c);
            }
            _ => item.push(c),
        }
    }
    items.push(item);
    items
        .iter()
        .map(|i| i.trim())
        .filter(|i| !i.is_empty())
        .flat_map(paths_at)
        .map(|p| {
            if head.is_empty() {
                p
            } else {
                format!("{head}::{p}")
            }
        })
        .collect()
}

fn mutual(imports: &BTreeMap<String, BTreeSet<String>>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (a, targets) in imports {
        for b in targets {
            if a < b && imports.get(b).is_some_and(|t| t.contains(a)) {
                pairs.push((a.clone(), b.clone()));
            }
        }
    }
    pairs
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let crates = repository().join("crates");
    let mut cycles = Vec::new();
    for entry in fs::read_dir(&crates).unwrap() {
        let src = entry.unwrap().path().join("src");
        if !src.is_dir() {
            continue;
        }
        let name = src
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let modules = modules(&src);
        assert!(modules.len() > 3, "{name}: modules found");
        for (a, b) in mutual(&imports(&modules)) {
            cycles.push(format!("{name}: {a} <-> {b}"));
        }
    }
    assert!(
        cycles.is_empty(),
        "modules that import each other:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    fs::create_dir(src.join("b")).unwrap();
    fs::write(src.join("lib.rs"), "mod a;\nmod b;\n").unwrap();
    fs::write(src.join("a.rs"), "use crate::b::inner::Thing;\n").unwrap();
    fs::write(src.join("b/mod.rs"), "pub mod inner;\n").unwrap();
    fs::write(
        src.join("b/inner.rs"),
        "fn f() { super::super::a::g() }\n#[cfg(test)]\nmod tests { use crate::a; }\n",
    )
    .unwrap();
    let modules = modules(src);
    assert_eq!(
        mutual(&imports(&modules)),
        [("a".to_string(), "b::inner".to_string())]
    );
    // Tests may reach back: only the code before them counts.
    fs::write(
        src.join("b/inner.rs"),
        "fn f() {}\n#[cfg(test)]\nmod tests { use crate::a; }\n",
    )
    .unwrap();
    assert!(mutual(&imports(&modules)).is_empty());
    // Through a group, and through an item the crate root re-exports.
    fs::write(src.join("lib.rs"), "mod a;\nmod b;\npub use a::Thing2;\n").unwrap();
    fs::write(src.join("b/inner.rs"), "use crate::{Thing2, x::{Y}};\n").unwrap();
    assert_eq!(
        mutual(&imports(&modules)),
        [("a".to_string(), "b::inner".to_string())]
    );
    fs::write(src.join("b/inner.rs"), "use crate::a::g;\n").unwrap();
    assert_eq!(
        mutual(&imports(&modules)),
        [("a".to_string(), "b::inner".to_string())]
    );
}
