//! One definition of a line break (`\n`, `\r\n` or a lone `\r`, as the Language Server
//! Protocol counts lines; vertical tab, form feed, NEL, LS and PS are not breaks) gives every
//! output format the same line and column for a finding; and the human report shows what the
//! file holds without letting it act on the terminal.

mod common;

use common::Project;
use serde_json::Value;

const CODE: &str = "check::unknown-practice";

/// Where each format puts the unknown practice `nope` in `file`: (format, line, column).
fn locations(file: &str, text: &str) -> Vec<(&'static str, usize, usize)> {
    let p = Project::new();
    p.file(file, text);
    let run = |args: &[&str]| {
        let mut all = vec!["check", file];
        all.extend(args);
        let out = p.run(&all);
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        out.stdout
    };
    let mut found = Vec::new();

    // `[check::unknown-practice] Error: …` then `╭─[ FILE:LINE:COLUMN ]`.
    let human = run(&["--format", "human", "--color", "never"]);
    let header = human
        .lines()
        .skip_while(|l| !l.starts_with(&format!("[{CODE}]")))
        .nth(1)
        .unwrap_or_else(|| panic!("{human}"));
    let at = header
        .split_once(&format!("[ {file}:"))
        .and_then(|(_, rest)| rest.strip_suffix(" ]"))
        .unwrap_or_else(|| panic!("{header}"));
    let (line, column) = at.split_once(':').unwrap();
    found.push(("human", line.parse().unwrap(), column.parse().unwrap()));

    let json: Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    let diagnostic = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == CODE)
        .unwrap_or_else(|| panic!("{json:#}"));
    let start = &diagnostic["range"]["start"];
    let number = |v: &Value| v.as_u64().unwrap() as usize;
    found.push(("json", number(&start["line"]), number(&start["column"])));

    // SARIF columns count UTF-16 code units; each separator here is one.
    let sarif: Value = serde_json::from_str(&run(&["--format", "sarif"])).unwrap();
    assert_eq!(sarif["runs"][0]["columnKind"], "utf16CodeUnits");
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == CODE)
        .unwrap_or_else(|| panic!("{sarif:#}"));
    let region = &result["locations"][0]["physicalLocation"]["region"];
    found.push((
        "sarif",
        number(&region["startLine"]),
        number(&region["startColumn"]),
    ));

    let github = run(&["--format", "github"]);
    let annotation = github
        .lines()
        .find(|l| l.contains(&format!("title={}", CODE.replace(':', "%3A"))))
        .unwrap_or_else(|| panic!("{github}"));
    let field = |name: &str| -> usize {
        let rest = annotation.split_once(&format!(",{name}=")).unwrap().1;
        rest[..rest.find([',', ':']).unwrap()].parse().unwrap()
    };
    found.push(("github", field("line"), field("col")));

    // `FILE:LINE:COLUMN: severity [code] message` in the failure text.
    let junit = run(&["--format", "junit"]);
    let entry = format!(" [{CODE}]");
    let before = &junit[..junit.find(&entry).unwrap_or_else(|| panic!("{junit}"))];
    let at = &before[before.rfind(&format!("{file}:")).unwrap() + file.len() + 1..];
    let mut parts = at.split(':');
    let (line, column) = (parts.next().unwrap(), parts.next().unwrap());
    found.push(("junit", line.parse().unwrap(), column.parse().unwrap()));
    found
}

fn assert_all_at(file: &str, text: &str, line: usize, column: usize) {
    for (format, found_line, found_column) in locations(file, text) {
        assert_eq!(
            (found_line, found_column),
            (line, column),
            "{format} for {text:?}"
        );
    }
}

/// The report that started it: human output said line 3, every other format line 1.
#[test]
fn a_lone_carriage_return_breaks_lines_in_every_format() {
    let text = "profile p {\r  target access-control level 1\r  target nope level 1\r}\n";
    assert_all_at("a.smm", text, 3, 10);
    assert_all_at("a.smm", &text.replace('\r', "\r\n"), 3, 10);
    let mixed = "profile p {\n  target access-control level 1\r\n  target nope level 1\r}\r";
    assert_all_at("a.smm", mixed, 3, 10);
}

/// ariadne alone broke lines at these, and counted the escapes it was shown as columns.
#[test]
fn other_separators_stay_within_a_line_in_every_format() {
    for separator in ["\u{b}", "\u{c}", "\u{85}", "\u{2028}", "\u{2029}"] {
        let text = format!(
            "profile p {{{separator}  target access-control level 1{separator}  target nope level 1{separator}}}\n"
        );
        // `profile p {` (11), the separator, `  target access-control level 1` (31), the
        // separator, `  target ` (9): `nope` is the 54th character.
        assert_all_at("a.smm", &text, 1, 54);
    }
}

/// With colours on, the only escape sequences in a report are its own `ESC[…m` colours: an
/// OSC title change and a screen clear in an evidence string are shown as escapes.
#[test]
fn colour_output_carries_only_colour_codes() {
    let p = Project::new();
    p.file(
        "e.smm",
        "assessment a \"A\" {\n  date 2026-10-01\n  practice access-control level 1 {\n    evidence \"\x1b]0;owned\x07 \x1b[2J\" implements iso27002:99.99\n  }\n}\n",
    );
    let out = p.run(&["check", "e.smm", "--color", "always"]);
    assert_eq!(out.code, 1, "{out:?}");
    let stdout = &out.stdout;
    assert!(!stdout.contains('\x07'), "{stdout:?}");
    for (i, _) in stdout.match_indices('\x1b') {
        let code = stdout[i + 1..]
            .strip_prefix('[')
            .and_then(|rest| rest.find('m').map(|end| &rest[..end]));
        assert!(
            code.is_some_and(|code| code.chars().all(|c| c.is_ascii_digit() || c == ';')),
            "an escape that is not a colour code at {i}: {stdout:?}"
        );
    }
    let plain: String = {
        let mut plain = stdout.clone();
        while let Some(start) = plain.find("\x1b[") {
            let end = start + plain[start..].find('m').unwrap();
            plain.replace_range(start..=end, "");
        }
        plain
    };
    assert!(plain.contains(r#""\e]0;owned\u{7} \e[2J""#), "{plain}");
    assert!(plain.contains("e.smm:4:43"), "{plain}");
}
