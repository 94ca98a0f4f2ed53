//! `smm completions SHELL` and `smm man`: the scripts and the page name every subcommand, and
//! the tools that read them accept them.

use std::io::Write;
use std::process::{Command as Process, Stdio};

use assert_cmd::cargo::cargo_bin_cmd;

/// Standard output of a successful `smm ARGS`.
fn smm(args: &[&str]) -> String {
    let output = cargo_bin_cmd!("smm").args(args).output().expect("smm runs");
    assert!(
        output.status.success(),
        "smm {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The subcommands `smm --help` lists, so that new ones are covered without editing this test.
fn subcommands() -> Vec<String> {
    let help = smm(&["--help"]);
    let listed: Vec<String> = help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        // Wrapped descriptions are indented further than the names.
        .filter(|line| !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    for expected in [
        "check",
        "fmt",
        "catalog",
        "explain",
        "lsp",
        "completions",
        "man",
    ] {
        assert!(
            listed.iter().any(|name| name == expected),
            "`smm --help` does not list {expected}: {help}"
        );
    }
    listed
}

/// Whether `program` can be started at all.
fn installed(program: &str) -> bool {
    Process::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `program args` with `input` on standard input; its status and standard output.
fn feed(program: &str, args: &[&str], input: &str) -> (bool, String) {
    let mut child = Process::new(program)
        .args(args)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} starts: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    let output = child.wait_with_output().expect("it finishes");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn bash_completion_names_every_subcommand_and_format() {
    let script = smm(&["completions", "bash"]);
    for name in subcommands() {
        assert!(script.contains(&name), "no `{name}` in the bash script");
    }
    // `smm check --format` and `smm catalog --format`.
    for value in [
        "human", "compact", "json", "sarif", "junit", "github", "text", "markdown",
    ] {
        assert!(script.contains(value), "no `{value}` in the bash script");
    }
}

#[test]
fn bash_accepts_the_bash_completion() {
    let script = smm(&["completions", "bash"]);
    let (ok, _) = feed("bash", &["-n"], &script);
    assert!(ok, "bash -n rejects the script");
}

#[test]
fn other_shells_get_a_script_for_smm() {
    for shell in ["zsh", "fish", "powershell"] {
        let script = smm(&["completions", shell]);
        assert!(!script.trim().is_empty(), "empty {shell} script");
        assert!(
            script.contains("smm"),
            "the {shell} script does not name smm"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    cargo_bin_cmd!("smm")
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn man_page_is_roff_and_names_every_subcommand() {
    let page = smm(&["man"]);
    assert!(
        page.lines().any(|line| line.starts_with(".TH SMM 1")),
        "no `.TH SMM 1` header: {}",
        &page[..page.len().min(300)]
    );
    let header = page.lines().position(|line| line.starts_with(".TH"));
    let first_request = page.lines().position(|line| line.starts_with('.'));
    assert_eq!(
        first_request,
        Some(0),
        "the page does not start with a request"
    );
    // Only roff string definitions (clap_mangen's apostrophe setup) come before .TH.
    for line in page.lines().take(header.expect("header")) {
        assert!(line.starts_with(".ie") || line.starts_with(".el"), "{line}");
    }
    for name in subcommands() {
        assert!(page.contains(&name), "no `{name}` in the man page");
    }
}

#[test]
fn man_renders_the_page() {
    let page = smm(&["man"]);
    let rendered = if installed("man") {
        feed("man", &["-l", "-"], &page)
    } else if installed("groff") {
        feed("groff", &["-man", "-Tutf8"], &page)
    } else if installed("mandoc") {
        feed("mandoc", &[], &page)
    } else {
        eprintln!("skipped: neither man, groff nor mandoc is installed");
        return;
    };
    let (ok, text) = rendered;
    assert!(ok, "the page does not render");
    assert!(
        text.contains("check"),
        "the rendered page lacks `check`: {text}"
    );
}

#[test]
fn man_dir_writes_a_page_per_subcommand() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let target = dir.path().join("man1");
    for _ in 0..2 {
        // A second run overwrites the pages.
        smm(&["man", "--dir", target.to_str().expect("UTF-8 path")]);
    }
    let top = std::fs::read_to_string(target.join("smm.1")).expect("smm.1");
    assert!(top.contains(".TH SMM 1"));
    for name in subcommands() {
        let page = std::fs::read_to_string(target.join(format!("smm-{name}.1")))
            .unwrap_or_else(|e| panic!("smm-{name}.1: {e}"));
        let title = format!(".TH SMM-{} 1", name.to_uppercase());
        assert!(page.contains(&title), "no `{title}` in smm-{name}.1");
    }
}

#[test]
fn man_dir_that_cannot_be_created_fails() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("file");
    std::fs::write(&file, "").expect("file written");
    cargo_bin_cmd!("smm")
        .args(["man", "--dir"])
        .arg(file.join("man1"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("error:"));
}
