//! smm writes only what it was asked to write: `--output` never replaces a source, a FIFO, a
//! device or its own standard output; `smm fmt` writes only regular files inside the root and
//! cleans up after an interruption; special files given as inputs are refused, not read.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::{symlink, FileTypeExt};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use common::{Project, GOOD, MESSY, MESSY_FORMATTED};

fn mkfifo(path: &std::path::Path) {
    let made = StdCommand::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(made.success());
}

#[test]
fn an_output_over_a_source_or_the_settings_is_refused_before_anything_is_written() {
    let p = Project::new();
    p.file("smm.toml", "")
        .file("a.smm", GOOD)
        .file("notes.txt", "mine");
    for target in ["a.smm", "other.smm", "smm.toml", "./smm.toml"] {
        let output = format!("json={target}");
        let out = p.run(&[
            "check",
            "a.smm",
            "--output",
            "sarif=r.sarif",
            "--output",
            &output,
        ]);
        assert_eq!(out.code, 2, "{target}: {out:?}");
        assert!(
            out.stderr
                .starts_with(&format!("error: {target}: refusing ")),
            "{out:?}"
        );
        assert_eq!(out.stdout, "", "nothing checked or printed");
        assert!(!p.path("r.sarif").exists(), "{target}: nothing written");
        assert!(!p.path("other.smm").exists());
    }
    assert_eq!(p.read("a.smm"), GOOD);
    assert_eq!(p.read("smm.toml"), "");
    // Standard input named `notes.txt` is an input too.
    let mut command = p.smm(&[
        "check",
        "-",
        "--stdin-filename",
        "notes.txt",
        "--output",
        "json=notes.txt",
    ]);
    let out = p.output(command.write_stdin(GOOD));
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(p.read("notes.txt"), "mine");
}

#[test]
fn a_fifo_output_stays_a_fifo_and_receives_the_report() {
    let p = Project::new();
    p.file("a.smm", GOOD);
    let fifo = p.path("o");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let out = p.run(&["check", "a.smm", "--output", "json=o"]);
    assert_eq!(out.code, 0, "{out:?}");
    let received = reader.join().unwrap();
    assert!(received.starts_with("{"), "{received}");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_device_output_is_written_in_place_never_replaced() {
    let p = Project::new();
    p.file("a.smm", GOOD);
    // /dev/full refuses every write: an error, and the device is still a device.
    let out = p.run(&["check", "a.smm", "--output", "json=/dev/full"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.starts_with("error: /dev/full: cannot write: "),
        "{out:?}"
    );
    assert!(fs::metadata("/dev/full")
        .unwrap()
        .file_type()
        .is_char_device());
    let out = p.run(&["check", "a.smm", "--output", "json=/dev/null"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn dev_stdout_and_dash_share_standard_output_with_the_human_report() {
    let p = Project::new();
    p.file("a.smm", GOOD);
    let human = p.run(&["check", "a.smm"]).stdout;
    let json = p.run(&["check", "a.smm", "--format", "json"]).stdout;
    assert!(human.starts_with("checked 1 file"), "{human}");
    for target in ["-", "/dev/stdout"] {
        // Redirected to a file: the report and then the human summary, neither lost.
        let file = fs::File::create(p.path("r.txt")).unwrap();
        let status = StdCommand::new(env!("CARGO_BIN_EXE_smm"))
            .args(["check", "a.smm", "--output", &format!("json={target}")])
            .current_dir(&p.root)
            .stdout(file)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0), "{target}");
        assert_eq!(p.read("r.txt"), format!("{json}{human}"), "{target}");
        // Into a pipe (`| cat`): the same, and exit 0.
        let out = p.run(&["check", "a.smm", "--output", &format!("json={target}")]);
        assert_eq!(out.code, 0, "{target}: {out:?}");
        assert_eq!(out.stdout, format!("{json}{human}"), "{target}");
    }
    let out = p.run(&["check", "a.smm", "--output", "json=/dev/stderr"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, json.as_str()));
}

#[test]
fn a_regular_output_file_is_replaced_atomically_through_a_symlink_too() {
    let p = Project::new();
    p.file("a.smm", GOOD).file("reports/r.json", "old");
    symlink(p.path("reports/r.json"), p.path("latest.json")).unwrap();
    let out = p.run(&["check", "a.smm", "--output", "json=latest.json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(p.read("reports/r.json").starts_with("{"));
    assert!(fs::symlink_metadata(p.path("latest.json"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn special_files_given_as_inputs_are_refused_not_read() {
    let p = Project::new();
    p.file("a.smm", GOOD);
    mkfifo(&p.path("fifo.smm"));
    for command in ["check", "fmt"] {
        // Reading a FIFO with no writer would block forever; the test would hang.
        let mut child = StdCommand::new(env!("CARGO_BIN_EXE_smm"))
            .args([command, "fifo.smm"])
            .current_dir(&p.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("smm {command} fifo.smm blocked");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with("error: fifo.smm: is not a regular file"),
            "{command}: {stderr}"
        );
    }
    // A walk skips it without a word.
    let out = p.run(&["check", "."]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("checked 1 file"), "{out:?}");
}

#[test]
fn fmt_does_not_write_through_a_link_out_of_the_root() {
    let p = Project::new();
    p.file("root/smm.toml", "follow-links-to = [\"../shared\"]\n")
        .file("root/mine.smm", MESSY)
        .file("shared/theirs.smm", MESSY)
        .file("elsewhere/x.smm", MESSY);
    symlink(p.path("shared/theirs.smm"), p.path("root/theirs.smm")).unwrap();
    symlink(p.path("elsewhere/x.smm"), p.path("root/x.smm")).unwrap();
    let out = p.output(&mut p.smm_in("root", &["fmt", "."]));
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains(
            "error: theirs.smm: not written: its real path is outside the workspace root"
        ),
        "{out:?}"
    );
    assert!(out.stderr.contains("warning: x.smm: not read: "), "{out:?}");
    assert_eq!(p.read("root/mine.smm"), MESSY_FORMATTED);
    assert_eq!(p.read("shared/theirs.smm"), MESSY, "readable, not writable");
    assert_eq!(p.read("elsewhere/x.smm"), MESSY, "neither");
}

/// Debug builds pause before the rename when `SMM_TEST_PAUSE_MS` is set; an interruption
/// then must leave the file as it was and no temporary file behind.
#[test]
fn an_interrupted_fmt_removes_its_temporary_file() {
    for signal in ["-INT", "-TERM", "-HUP"] {
        let p = Project::new();
        p.file("a.smm", MESSY);
        let child = StdCommand::new(env!("CARGO_BIN_EXE_smm"))
            .args(["fmt", "a.smm"])
            .current_dir(&p.root)
            .env("SMM_TEST_PAUSE_MS", "20000")
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let temp = || {
            fs::read_dir(&p.root)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .find(|name| name.ends_with(".smm-tmp"))
        };
        let start = Instant::now();
        while temp().is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no temporary file"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        let name = temp().unwrap();
        assert!(
            name.starts_with(".a.smm.") && name.ends_with(".0.smm-tmp"),
            "{name}"
        );
        let sent = StdCommand::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(130), "{signal}");
        assert_eq!(temp(), None, "{signal}: temporary file removed");
        assert_eq!(p.read("a.smm"), MESSY, "{signal}: untouched");
    }
}
