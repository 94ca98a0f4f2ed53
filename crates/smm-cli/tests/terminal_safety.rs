//! Text from users' files and file names never reaches a terminal or a CI log raw: an escape
//! sequence in a string (`ESC]0;…BEL` retitles a terminal, `ESC[2J` clears it), a carriage
//! return, a NUL or a bidirectional override is shown as an escape (`\e`, `\r`, `\0`,
//! `\u{202e}`) by every output a person reads; and a file name that is not UTF-8 is named by its
//! bytes (`caf\xe9.smm`), in SARIF percent-encoded so that the URI finds the file again.

mod common;

use common::{Output, Project};
use smm_syntax::visible::is_unsafe;

/// Terminal-title change, screen clear, NUL and a right-to-left override; no carriage return,
/// which ends a line (and so a string) in a `.smm` file.
const EVIL: &str = "\x1b]0;owned\x07\x1b[2J\0\u{202e}";
/// `EVIL` as it is shown.
const SHOWN: &str = "\\e]0;owned\\u{7}\\e[2J\\0\\u{202e}";

/// Panics if `text` holds a character that could act on a terminal, other than the `ESC[…m`
/// colour codes we write ourselves when `colour` is on.
fn assert_safe(what: &str, text: &str, colour: bool) {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if colour && c == '\x1b' {
            let code = rest[1..]
                .strip_prefix('[')
                .and_then(|r| r.find('m').map(|end| &r[..end]));
            match code {
                Some(code) if code.chars().all(|c| c.is_ascii_digit() || c == ';') => {
                    rest = &rest[code.len() + 3..];
                    continue;
                }
                _ => panic!("{what}: an escape that is not a colour code: {text:?}"),
            }
        }
        for raw in ['\x1b', '\x07', '\0', '\r', '\u{202e}'] {
            assert_ne!(c, raw, "{what}: raw {raw:?} in {text:?}");
        }
        assert!(!is_unsafe(c), "{what}: raw {c:?} in {text:?}");
        rest = &rest[c.len_utf8()..];
    }
}

fn assert_output_safe(what: &str, out: &Output) {
    assert_safe(&format!("{what} (stdout)"), &out.stdout, false);
    assert_safe(&format!("{what} (stderr)"), &out.stderr, false);
}

/// An assessment whose evidence, title and link hold `EVIL`, in a file whose name holds it too.
fn hostile_assessment(p: &Project) -> String {
    let name = format!("a{EVIL}.smm").replace('\0', "");
    p.file(
        &name,
        &format!(
            "assessment evil \"Evil {EVIL}\" {{\n  date 2026-10-01\n  practice access-control level 1 scope system {{\n    evidence \"E {EVIL}\" implements iso27002:5.15 link \"docs/{EVIL}.md\"\n  }}\n}}\n"
        ),
    );
    name
}

/// A user's catalog: a standard, a clause, licensed text and a mapping, each holding `EVIL`.
/// In a workspace (smm.toml): outside one, explain and catalog read no file.
fn hostile_catalog(p: &Project) {
    p.file("smm.toml", "");
    p.file(
        "catalogs/evil.smm",
        &format!(
            r#"standard evil "Evil {EVIL} rules" {{
  source "Handbook {EVIL}"
  role asset-owner
  clause evil:R1 "Zones {EVIL}"
}}

extend iec62443-3-3:SR1.1 {{
  text "Licensed {EVIL}"
}}

mapping evil-map "Map {EVIL}" {{
  source "Office {EVIL}"
  map access-control level 3 to evil:R1 as subset for asset-owner {{
    rationale "Because {EVIL}"
    note "Mind {EVIL}"
  }}
}}
"#
        ),
    );
}

#[test]
fn github_annotations_show_escapes() {
    let p = Project::new();
    let name = hostile_assessment(&p);
    // A carriage return ends the string early: a syntax error, whose annotation is safe too.
    p.file("cr.smm", "profile cr \"a\rb\" {\n  role asset-owner\n}\n");
    let out = p.run(&["check", "--format", "github"]);
    assert_output_safe("check --format github", &out);
    assert!(name.starts_with("a\x1b]0;owned"), "{name:?}");
    let file = "::warning file=a\\e]0;owned\\u{7}\\e[2J\\u{202e}.smm,line=4,";
    assert!(out.stdout.contains(file), "{file} in {}", out.stdout);
    assert!(
        out.stdout
            .contains(&format!("`docs/{SHOWN}.md` does not exist")),
        "{}",
        out.stdout
    );
}

#[test]
fn machine_formats_name_a_hostile_file_visibly_and_sarif_by_its_bytes() {
    let p = Project::new();
    hostile_assessment(&p);
    let json = p.run(&["check", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        document["files"][0]["path"],
        "a\\e]0;owned\\u{7}\\e[2J\\u{202e}.smm"
    );
    let sarif = p.run(&["check", "--format", "sarif"]);
    assert!(
        sarif
            .stdout
            .contains("\"uri\": \"a%1B%5D0%3Bowned%07%1B%5B2J%E2%80%AE.smm\""),
        "{}",
        sarif.stdout
    );
}

#[test]
fn fmt_check_diffs_show_escapes_and_crlf_line_ends() {
    let p = Project::new();
    // Laid out by hand, with CRLF line ends.
    let text = format!(
        "profile evil \"Evil {EVIL}\" {{   industry x\r\n  target access-control level 1 {{ rationale \"Why {EVIL}\" }}\r\n}}\r\n"
    );
    p.file("evil.smm", &text);
    let out = p.run(&["fmt", "--check"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_output_safe("fmt --check", &out);
    assert!(
        out.stdout.contains(&format!(
            "-profile evil \"Evil {SHOWN}\" {{   industry x\\r\n"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!(
            "+profile evil \"Evil {SHOWN}\" {{\\r\n+  industry x\\r\n"
        )),
        "{}",
        out.stdout
    );
    // The formatter keeps CRLF: the closing line is unchanged.
    assert!(out.stdout.contains("\n }\\r\n"), "{}", out.stdout);

    let coloured = p.run(&["fmt", "--check", "--color", "always"]);
    assert!(common::has_color(&coloured.stdout), "{coloured:?}");
    assert_safe("fmt --check --color always", &coloured.stdout, true);
}

#[test]
fn explain_shows_a_users_catalog_with_escapes() {
    let p = Project::new();
    hostile_catalog(&p);
    for id in ["evil", "evil:R1", "iec62443-3-3:SR1.1", "access-control"] {
        let mut command = p.smm(&["explain", id]);
        command.env("SMM_CACHE_DIR", p.path("cache"));
        let out = p.output(&mut command);
        assert_eq!(out.code, 0, "{out:?}");
        assert_output_safe(&format!("explain {id}"), &out);
        assert!(out.stdout.contains(SHOWN), "explain {id}: {}", out.stdout);
    }
    let out = p.run(&["explain", "evil"]);
    assert!(
        out.stdout
            .starts_with(&format!("evil  Evil {SHOWN} rules\n")),
        "{}",
        out.stdout
    );

    // An id as typed is the user's text too.
    let out = p.run(&["explain", &format!("evil{EVIL}").replace('\0', "")]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_output_safe("explain of an unknown id", &out);
    assert!(
        out.stderr
            .starts_with("error: unknown id `evil\\e]0;owned\\u{7}\\e[2J\\u{202e}`\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn catalog_shows_a_users_catalog_with_escapes() {
    let p = Project::new();
    hostile_catalog(&p);
    for format in ["text", "markdown"] {
        let out = p.run(&["catalog", "--format", format]);
        assert_eq!(out.code, 0, "{out:?}");
        assert_output_safe(&format!("catalog --format {format}"), &out);
        assert!(out.stdout.contains(SHOWN), "{format}: {}", out.stdout);
    }
    let text = p.run(&["catalog"]).stdout;
    assert!(
        text.contains(&format!("Standard evil: Evil {SHOWN} rules\n")),
        "{text}"
    );
}

#[test]
fn a_broken_smm_toml_is_reported_with_escapes() {
    let p = Project::new();
    p.file(
        "smm.toml",
        "catalogs = [\"\\u001b]0;owned\\u0007\\u202e\"]\n",
    );
    for args in [&["catalog"][..], &["explain", "access-control"]] {
        let out = p.run(args);
        assert_eq!(out.code, 2, "{out:?}");
        assert_output_safe(&args.join(" "), &out);
        assert!(
            out.stderr
                .contains("catalog folder `\\e]0;owned\\u{7}\\u{202e}` is not a directory"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn input_errors_name_the_path_with_escapes() {
    let p = Project::new();
    let out = p.run(&["check", "missing\x1b]0;owned\x07\r\u{202e}.smm"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_output_safe("check of a missing path", &out);
    assert_eq!(
        out.stderr,
        "error: missing\\e]0;owned\\u{7}\\r\\u{202e}.smm: no such file or directory\n"
    );
}

#[cfg(unix)]
mod not_utf8 {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    use super::common::Project;

    const CAFE: &[u8] = b"caf\xe9.smm";

    fn project() -> Project {
        let p = Project::new();
        let text =
            "profile cafe \"Cafe\" {\n  role asset-owner\n  target acess-control level 1\n}\n";
        std::fs::write(p.root.join(OsStr::from_bytes(CAFE)), text).unwrap();
        p
    }

    /// `%XX` back to bytes.
    fn percent_decode(uri: &str) -> Vec<u8> {
        let bytes = uri.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn people_read_its_bytes() {
        let p = project();
        let out = p.run(&["check"]);
        assert_eq!(out.code, 1, "{out:?}");
        assert!(out.stdout.contains("caf\\xe9.smm:3:10"), "{}", out.stdout);
        assert!(!out.stdout.contains('\u{fffd}'), "{}", out.stdout);

        // Named on the command line, and missing.
        let mut command = p.smm(&[]);
        command
            .arg("check")
            .arg(OsStr::from_bytes(b"missing-caf\xe9.smm"));
        let out = p.output(&mut command);
        assert_eq!(
            out.stderr,
            "error: missing-caf\\xe9.smm: no such file or directory\n"
        );

        let github = p.run(&["check", "--format", "github"]).stdout;
        assert!(github.starts_with("::error file=caf\\xe9.smm,"), "{github}");
        let json = p.run(&["check", "--format", "json"]).stdout;
        let document: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(document["files"][0]["path"], "caf\\xe9.smm");
        let junit = p.run(&["check", "--format", "junit"]).stdout;
        assert!(junit.contains("name=\"caf\\xe9.smm\""), "{junit}");
    }

    #[test]
    fn sarif_percent_encodes_its_bytes() {
        let p = project();
        let out = p.run(&["check", "--format", "sarif"]);
        let sarif: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty(), "{}", out.stdout);
        for result in results {
            let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
            let uri = location["uri"].as_str().unwrap();
            assert_eq!(uri, "caf%E9.smm");
            let name = percent_decode(uri);
            assert_eq!(name, CAFE);
            assert!(p.root.join(OsStr::from_bytes(&name)).is_file());
        }
    }

    #[test]
    fn explain_names_a_catalog_file_by_its_bytes() {
        let p = Project::new();
        let text = "standard cafe \"Cafe rules\" {\n  source \"x\"\n  role asset-owner\n}\n";
        std::fs::write(p.root.join(OsStr::from_bytes(b"cat-caf\xe9.smm")), text).unwrap();
        std::fs::write(p.root.join("smm.toml"), "").unwrap();
        let out = p.run(&["explain", "cafe"]);
        assert_eq!(out.code, 0, "{out:?}");
        assert!(
            out.stdout
                .contains("Defined at     [ROOT]/cat-caf\\xe9.smm:1:10\n"),
            "{}",
            out.stdout
        );
    }
}
