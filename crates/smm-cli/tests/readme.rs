//! The README's examples, run (issue 16): its `.smm` examples check clean and its console
//! excerpts are what `smm` prints today.
//!
//! The rules:
//!
//! - **Blocks** are fenced with three or more backticks; the first word after the opening
//!   fence is the language. A block is a **fragment** when the nearest non-blank line before its
//!   opening fence is exactly `<!-- fragment -->` (an HTML comment, so readers never see it).
//!   Only ```` ```smm ```` blocks may be fragments: a marked block of another language is
//!   reported, so that the marker cannot silence a console excerpt.
//! - Every ```` ```smm ```` block that is not a fragment **checks clean**: written alone as
//!   `readme.smm` into an empty folder with an empty `smm.toml` (which makes that folder the
//!   workspace root, so that no `smm.toml` above the temporary folder is picked up, and leaves
//!   every setting at its default), `smm check readme.smm` exits 0, writes nothing to standard
//!   error and prints exactly `checked 1 file: no problems`: no finding of any severity, hints
//!   included. A reader who copies the example into a file sees the same.
//! - In a ```` ```console ```` block, a line starting with `$ ` is a command, and the lines
//!   after it, up to the next `$ ` line, are its expected output. Each command runs as
//!   `sh -c` with standard error merged into standard output (what a terminal shows), with
//!   `smm` the binary under test (its folder first on `PATH`), `NO_COLOR=1`, `COLUMNS=80`,
//!   no standard input, and the built-in catalogs' cache in a temporary folder. It runs in a
//!   temporary copy of the repository's `smm.toml` and `examples/` (and an empty `.git`, as in
//!   a clone), so that paths print as they do at the repository root and no command can change
//!   the repository.
//! - A command must **exit 0**, unless it ends with a `# exit N` comment (sh ignores it, a
//!   reader sees it): then it must exit N.
//! - **Comparison**, after trailing whitespace is removed from every line: the lines shown are
//!   matched against the whole output, line for line, from its first line to its last. A line
//!   that is exactly `...` matches any number of lines, none included; a line that ends with
//!   `…` matches any line that starts with the text before the `…` (for a line too long to
//!   show). Any other line must be equal to its output line. So a changed or missing message
//!   fails, lines must come in the order shown, and output the README does not show is only
//!   allowed where a `...` says so. A command followed by no lines must print nothing.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
const REPOSITORY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const FRAGMENT: &str = "<!-- fragment -->";
const ELISION: &str = "...";
/// What the console commands may read, copied from the repository.
const COPIED: [&str; 2] = ["smm.toml", "examples"];

/// A fenced block of a Markdown file.
#[derive(Debug, PartialEq)]
struct Block {
    /// The first word of the info string (`smm`, `console`), empty when there is none.
    lang: String,
    /// 1-based line number of the opening fence.
    fence_line: usize,
    /// The lines between the fences.
    lines: Vec<String>,
    /// The nearest non-blank line before the fence is `<!-- fragment -->`.
    fragment: bool,
}

impl Block {
    /// The 1-based line number of `self.lines[index]`.
    fn line(&self, index: usize) -> usize {
        self.fence_line + 1 + index
    }
}

/// The fenced blocks of `markdown`; an error names an unclosed fence.
fn blocks(markdown: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, Block)> = None;
    let mut previous = "";
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim();
        let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
        match &mut open {
            Some((width, block)) => {
                if ticks >= *width && trimmed[ticks..].is_empty() {
                    blocks.push(open.take().unwrap().1);
                } else {
                    block.lines.push(line.to_string());
                }
            }
            None if ticks >= 3 => {
                let info = &trimmed[ticks..];
                let block = Block {
                    lang: info.split_whitespace().next().unwrap_or("").to_string(),
                    fence_line: index + 1,
                    lines: Vec::new(),
                    fragment: previous == FRAGMENT,
                };
                open = Some((ticks, block));
            }
            None => {}
        }
        if !trimmed.is_empty() {
            previous = trimmed;
        }
    }
    match open {
        Some((_, block)) => Err(format!(
            "line {}: the fence is never closed",
            block.fence_line
        )),
        None => Ok(blocks),
    }
}

/// A console command with the output the README shows for it.
#[derive(Debug, PartialEq)]
struct Step {
    /// 1-based README line of the `$ ` line.
    line: usize,
    command: String,
    expected: Vec<String>,
    status: i32,
}

fn steps(block: &Block) -> Result<Vec<Step>, String> {
    let mut steps: Vec<Step> = Vec::new();
    for (index, line) in block.lines.iter().enumerate() {
        if let Some(command) = line.strip_prefix("$ ") {
            let status = match command.rsplit_once("# exit ") {
                Some((_, n)) => n
                    .trim()
                    .parse()
                    .map_err(|_| format!("line {}: `# exit` wants a number", block.line(index)))?,
                None => 0,
            };
            steps.push(Step {
                line: block.line(index),
                command: command.to_string(),
                expected: Vec::new(),
                status,
            });
        } else if let Some(step) = steps.last_mut() {
            step.expected.push(line.trim_end().to_string());
        } else {
            return Err(format!(
                "line {}: a console block starts with a `$ ` command",
                block.line(index)
            ));
        }
    }
    Ok(steps)
}

/// One expected line against one output line (both without trailing whitespace).
fn line_matches(expected: &str, actual: &str) -> bool {
    match expected.strip_suffix('…') {
        Some(prefix) => actual.starts_with(prefix),
        None => expected == actual,
    }
}

/// The comparison rule of the module comment: `...` works as `*` does in a glob, over lines.
fn matches(expected: &[&str], actual: &[&str]) -> bool {
    let (mut e, mut a) = (0, 0);
    // After the latest `...`: the expected line that follows it and the output line it has
    // been tried at, to try one further on when the lines after it stop matching.
    let mut retry: Option<(usize, usize)> = None;
    while a < actual.len() {
        if expected.get(e) == Some(&ELISION) {
            e += 1;
            retry = Some((e, a));
        } else if expected.get(e).is_some_and(|x| line_matches(x, actual[a])) {
            e += 1;
            a += 1;
        } else if let Some((after, at)) = retry {
            e = after;
            a = at + 1;
            retry = Some((after, a));
        } else {
            return false;
        }
    }
    expected[e..].iter().all(|x| *x == ELISION)
}

/// Why `matches` failed, for a person: the first shown line not found in order, else the
/// output lines that the README neither shows nor elides.
fn mismatch(expected: &[&str], actual: &[&str]) -> String {
    if expected.is_empty() {
        return format!(
            "the README shows no output, but it printed {} lines: show them, or `...`",
            actual.len()
        );
    }
    let mut from = 0;
    for (index, line) in expected.iter().enumerate() {
        if *line == ELISION {
            continue;
        }
        match actual[from..].iter().position(|a| line_matches(line, a)) {
            Some(at) => from += at + 1,
            None => {
                return format!(
                    "shown line {} is not printed (looked for from output line {} on): {line:?}",
                    index + 1,
                    from + 1
                )
            }
        }
    }
    "every line shown is printed, in order, but the output has lines before, between or after \
     them that the README does not show: show them, or put `...` where they are left out"
        .to_string()
}

/// At most `SHOWN` lines, numbered, for a failure message.
fn numbered(lines: &[&str]) -> String {
    const SHOWN: usize = 120;
    let mut text: String = lines
        .iter()
        .take(SHOWN)
        .enumerate()
        .map(|(i, l)| format!("{:>4} | {l}\n", i + 1))
        .collect();
    if lines.len() > SHOWN {
        text += &format!("     ({} more lines)\n", lines.len() - SHOWN);
    }
    text
}

fn smm_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_smm"))
}

/// A command with the environment of the module comment.
fn command(program: impl AsRef<std::ffi::OsStr>, cache: &Path) -> Command {
    let bin = smm_binary().parent().unwrap().to_path_buf();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path)))
        .expect("PATH");
    let mut command = Command::new(program);
    command
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .env("SMM_CACHE_DIR", cache)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(Stdio::null());
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `None` when the block checks clean, else why not.
fn check_smm(block: &Block, cache: &Path) -> Option<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("smm.toml"), "").unwrap();
    let mut source = block.lines.join("\n");
    source.push('\n');
    fs::write(dir.path().join("readme.smm"), source).unwrap();
    let output = command(smm_binary(), cache)
        .args(["check", "readme.smm"])
        .current_dir(dir.path())
        .output()
        .expect("running smm");
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    let clean = output.status.code() == Some(0)
        && stderr.is_empty()
        && stdout == "checked 1 file: no problems\n";
    (!clean).then(|| {
        format!(
            "README.md line {}: this ```smm block does not check clean on its own (put \
             `{FRAGMENT}` before it if it is meant to be partial); `smm check readme.smm` \
             exited with {:?} and printed:\n{stdout}{stderr}",
            block.fence_line,
            output.status.code()
        )
    })
}

/// `None` when the command exits as expected and prints what is shown, else why not.
fn check_step(step: &Step, root: &Path, cache: &Path) -> Option<String> {
    let output = command("sh", cache)
        .arg("-c")
        .arg(format!("exec 2>&1\n{}", step.command))
        .current_dir(root)
        .output()
        .expect("running sh");
    let printed = text(&output.stdout) + &text(&output.stderr);
    let actual: Vec<&str> = printed.lines().map(str::trim_end).collect();
    let expected: Vec<&str> = step.expected.iter().map(String::as_str).collect();
    let mut problems = Vec::new();
    if output.status.code() != Some(step.status) {
        problems.push(format!(
            "it exited with {:?}, not {} (a command that should fail ends with `# exit N`)",
            output.status.code(),
            step.status
        ));
    }
    if !matches(&expected, &actual) {
        problems.push(mismatch(&expected, &actual));
    }
    (!problems.is_empty()).then(|| {
        format!(
            "README.md line {}: `{}`: {}\n--- shown in the README:\n{}--- printed:\n{}",
            step.line,
            step.command,
            problems.join("; "),
            numbered(&expected),
            numbered(&actual)
        )
    })
}

/// What the README's examples get wrong, each naming its README line; how many blocks and
/// commands were checked.
fn check_readme(markdown: &str) -> (Vec<String>, usize, usize) {
    let blocks = match blocks(markdown) {
        Ok(blocks) => blocks,
        Err(e) => return (vec![format!("README.md {e}")], 0, 0),
    };
    let cache = tempfile::tempdir().expect("temp dir");
    let root = tempfile::tempdir().expect("temp dir");
    for name in COPIED {
        let from = Path::new(REPOSITORY).join(name);
        if from.is_dir() {
            common::copy_dir(&from, &root.path().join(name));
        } else {
            fs::copy(&from, root.path().join(name)).unwrap();
        }
    }
    fs::create_dir(root.path().join(".git")).unwrap();

    let (mut failures, mut smm_blocks, mut commands) = (Vec::new(), 0, 0);
    for block in &blocks {
        match block.lang.as_str() {
            "smm" if block.fragment => {}
            "smm" => {
                smm_blocks += 1;
                failures.extend(check_smm(block, cache.path()));
            }
            _ if block.fragment => failures.push(format!(
                "README.md line {}: only ```smm blocks can be marked `{FRAGMENT}`",
                block.fence_line
            )),
            "console" => match steps(block) {
                Ok(steps) => {
                    for step in &steps {
                        commands += 1;
                        failures.extend(check_step(step, root.path(), cache.path()));
                    }
                }
                Err(e) => failures.push(format!("README.md {e}")),
            },
            _ => {}
        }
    }
    (failures, smm_blocks, commands)
}

#[test]
fn the_readme_examples_check_clean_and_print_what_is_shown() {
    let markdown = fs::read_to_string(README).expect("README.md");
    let (failures, smm_blocks, commands) = check_readme(&markdown);
    assert!(
        failures.is_empty(),
        "{} problem(s) in README.md's examples:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(smm_blocks >= 1, "no ```smm block was checked");
    assert!(commands >= 1, "no console command was run");
}

// The test itself: it must reject what is wrong.

/// Line numbers: the bad smm block at 3, the fragment at 10, the console block at 16.
const BROKEN: &str = r#"# A README with mistakes

```smm
profile p "P" {
  target acess-control level 2
}
```

<!-- fragment -->
```smm
target access-control level 2
```

Text.

```console
$ smm explain access-control
access-control  Access Control
...
$ smm explain access-control
acces-control  Access Control
...
$ smm explain no-such-practice
...
$ smm explain access-control
access-control  Access Control
$ smm explain no-such-practice # exit 2
...
```

<!-- fragment -->
```console
$ false
```
"#;

#[test]
fn a_broken_readme_fails_and_names_its_lines() {
    let (failures, smm_blocks, commands) = check_readme(BROKEN);
    assert_eq!((smm_blocks, commands), (1, 5), "{failures:#?}");
    let starts: Vec<&str> = failures
        .iter()
        .map(|f| f.split(':').next().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "README.md line 3",
            "README.md line 20",
            "README.md line 23",
            "README.md line 25",
            "README.md line 32",
        ],
        "{failures:#?}"
    );
    // The bad smm block: smm's own report is shown.
    assert!(failures[0].contains("acess-control"), "{}", failures[0]);
    assert!(
        failures[0].contains("does not check clean"),
        "{}",
        failures[0]
    );
    // A wrong line.
    assert!(
        failures[1].contains("shown line 1 is not printed"),
        "{}",
        failures[1]
    );
    // An error exit without `# exit`.
    assert!(failures[2].contains("not 0"), "{}", failures[2]);
    // Output beyond what is shown, without `...`.
    assert!(
        failures[3].contains("does not show") && !failures[3].contains("exited"),
        "{}",
        failures[3]
    );
    assert!(failures[4].contains("can be marked"), "{}", failures[4]);
}

#[test]
fn a_clean_smm_block_passes() {
    let good = "```smm\nprofile p \"P\" {\n  role asset-owner\n}\n```\n";
    let (failures, smm_blocks, _) = check_readme(good);
    assert_eq!((failures, smm_blocks), (vec![], 1));
}

#[test]
fn comparison_rules() {
    let out = ["a", "b", "c"];
    assert!(matches(&["a", "b", "c"], &out));
    // A missing line, an extra line, a changed line, another order: all fail.
    assert!(!matches(&["a", "c"], &out));
    assert!(!matches(&["a", "b", "c", "d"], &out));
    assert!(!matches(&["a", "B", "c"], &out));
    assert!(!matches(&["b", "a", "c"], &out));
    assert!(!matches(&["a", "...", "b", "a"], &out));
    // Nothing shown means nothing printed.
    assert!(!matches(&[], &out));
    assert!(matches(&[], &[]));
    // `...` elides any number of lines, none included, at either end or between.
    assert!(matches(&["a", "...", "c"], &out));
    assert!(matches(&["a", "...", "b", "...", "c"], &out));
    assert!(matches(&["...", "b", "..."], &out));
    assert!(matches(&["..."], &out));
    assert!(matches(&["..."], &[]));
    assert!(matches(&["...", "c"], &out));
    assert!(!matches(&["...", "b"], &out));
    assert!(!matches(&["b", "..."], &out));
    // A `...` does not stop at the first candidate: here the second `x` is the one wanted.
    assert!(matches(&["...", "x", "y"], &["x", "z", "x", "y"]));
    assert!(!matches(&["...", "x", "y"], &["x", "z", "x", "z"]));
    // `…` at the end of a line keeps its start only.
    assert!(matches(&["Note: clauses: …"], &["Note: clauses: a, b, c"]));
    assert!(!matches(&["Note: clause: …"], &["Note: clauses: a, b, c"]));
    // `...` inside a line is text.
    assert!(!matches(&["a..."], &["abc"]));

    assert!(mismatch(&["a", "x", "c"], &out).contains("shown line 2"));
    assert!(mismatch(&["a", "c"], &out).contains("does not show"));
    assert!(mismatch(&[], &out).contains("shows no output"));
}

#[test]
fn blocks_with_their_lines_and_fragment_marks() {
    let markdown = "text\n\n<!-- fragment -->\n\n```smm\nA\n\nB\n```\n\n<!-- fragment -->\nprose\n```console title\n$ x\n```\n\n````\n```\n```smm\n````\n";
    let found = blocks(markdown).unwrap();
    assert_eq!(
        found,
        [
            Block {
                lang: "smm".into(),
                fence_line: 5,
                lines: vec!["A".into(), "".into(), "B".into()],
                fragment: true,
            },
            // The marker is not the nearest non-blank line: not a fragment.
            Block {
                lang: "console".into(),
                fence_line: 13,
                lines: vec!["$ x".into()],
                fragment: false,
            },
            // A fence of four is closed by four, not by three or by a fence with a language.
            Block {
                lang: "".into(),
                fence_line: 17,
                lines: vec!["```".into(), "```smm".into()],
                fragment: false,
            },
        ]
    );
    assert_eq!(found[0].line(2), 8);
    assert_eq!(
        blocks("a\n```smm\nb\n").unwrap_err(),
        "line 2: the fence is never closed"
    );
}

#[test]
fn console_steps() {
    let block = Block {
        lang: "console".into(),
        fence_line: 10,
        lines: vec![
            "$ smm check x   # what it does".into(),
            "out  ".into(),
            "".into(),
            "$ smm check y # exit 1".into(),
        ],
        fragment: false,
    };
    assert_eq!(
        steps(&block).unwrap(),
        [
            Step {
                line: 11,
                command: "smm check x   # what it does".into(),
                expected: vec!["out".into(), "".into()],
                status: 0,
            },
            Step {
                line: 14,
                command: "smm check y # exit 1".into(),
                expected: vec![],
                status: 1,
            },
        ]
    );
    let stray = Block {
        lines: vec!["output first".into()],
        ..block
    };
    assert!(steps(&stray).unwrap_err().starts_with("line 11:"));
}
