//! `smm import`: every example assessment goes through `smm report --format csv` and back
//! through `smm import` to the same file but for its comments and waivers (which the CSV does
//! not carry); a workbook written the way spreadsheet programs write one imports to the
//! expected assessment (fixtures/import/make_workbook.py made it); a CSV with bad rows is
//! reported row by row, with nothing written unless --partial asks for the good rows; files
//! are not overwritten without --force; a sheet without an assessment column needs
//! --assessment.

mod common;

use std::fs;
use std::path::Path;

use common::{Output, Project};
use smm_syntax::ast::{AssessmentField, Item};
use smm_syntax::Span;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

/// An empty workspace holding the fixture `name`.
fn with_fixture(name: &str) -> Project {
    let p = Project::new();
    p.file("smm.toml", "");
    p.bytes(name, &fs::read(Path::new(FIXTURES).join(name)).unwrap());
    p
}

fn ok(output: &Output) {
    assert_eq!(output.code, 0, "{output:?}");
}

/// From the start of the line holding `span.start` to the end of the line holding its last
/// byte, line break included.
fn whole_lines(text: &str, span: Span) -> (usize, usize) {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let last = span.end.max(span.start + 1) - 1;
    let end = text[last..].find('\n').map_or(text.len(), |i| last + i + 1);
    (start, end)
}

/// `text` without what the CSV does not carry, formatted: waive blocks go with their lines;
/// a comment alone on its lines goes with them, one after a statement goes with the spaces
/// before it.
fn without_comments_and_waivers(text: &str) -> String {
    let mut cuts = Vec::new();
    let parse = smm_syntax::parse(text);
    assert!(parse.errors.is_empty(), "{:?}", parse.errors);
    for item in &parse.file.items {
        let Item::Assessment(assessment) = item else {
            continue;
        };
        for field in assessment.body.iter().flat_map(|b| &b.entries) {
            if let AssessmentField::Waiver(waiver) = field {
                cuts.push(whole_lines(text, waiver.span));
            }
        }
    }
    for token in smm_syntax::lex(text).tokens {
        if !token.kind.is_comment() {
            continue;
        }
        let (line_start, line_end) = whole_lines(text, token.span);
        let before = &text[line_start..token.span.start];
        let after = &text[token.span.end..line_end];
        if before.trim().is_empty() && after.trim().is_empty() {
            cuts.push((line_start, line_end));
        } else {
            let start = token.span.start - (before.len() - before.trim_end().len());
            cuts.push((start, token.span.end));
        }
    }
    cuts.sort();
    let mut kept = String::new();
    let mut at = 0;
    for (start, end) in cuts {
        if start >= at {
            kept.push_str(&text[at..start]);
        }
        at = at.max(end);
    }
    kept.push_str(&text[at..]);
    smm_syntax::format(&kept).expect("the original without comments formats")
}

#[test]
fn removing_comments_and_waivers_keeps_the_rest() {
    let text = "// head\n\nassessment a {\n  profile p // why\n  // alone\n  waive unmet-target expires 2027-01-01 {\n    reason \"r\" // in\n    owner \"o\"\n  }\n  date 2026-01-01\n}\n";
    assert_eq!(
        without_comments_and_waivers(text),
        "assessment a {\n  profile p\n  date 2026-01-01\n}\n"
    );
}

/// The key test: every example, reported as CSV and imported, gives back its file.
#[test]
fn every_example_round_trips_through_csv() {
    let p = common::examples();
    let mut names: Vec<String> = fs::read_dir(Path::new(EXAMPLES).join("assessments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".smm"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 7, "{names:?}");
    let mut differ = Vec::new();
    for name in &names {
        let stem = name.trim_end_matches(".smm");
        let source = format!("examples/assessments/{name}");
        let csv = format!("{stem}.csv");
        ok(&p.run(&["report", &source, "--format", "csv", "-o", &csv]));
        let out = format!("out-{stem}");
        let imported = p.run(&["import", &csv, "-o", &out]);
        ok(&imported);
        let written: Vec<_> = fs::read_dir(p.path(&out)).unwrap().collect();
        assert_eq!(written.len(), 1, "{name}: {imported:?}");
        let path = written[0].as_ref().unwrap().path();
        let back = fs::read_to_string(&path).unwrap();
        let expected = without_comments_and_waivers(&p.read(&source));
        assert_eq!(
            smm_syntax::format(&back).unwrap(),
            back,
            "{name}: import writes formatted files"
        );
        if back != expected {
            let diff = similar::TextDiff::from_lines(&expected, &back)
                .unified_diff()
                .header(&source, &path.display().to_string())
                .to_string();
            differ.push(diff);
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// All the examples in one CSV give the same files as one at a time.
#[test]
fn one_csv_of_every_example_gives_every_assessment() {
    let p = common::examples();
    ok(&p.run(&["report", "examples", "--format", "csv", "-o", "all.csv"]));
    let imported = p.run(&["import", "all.csv", "-o", "out"]);
    ok(&imported);
    assert_eq!(imported.stdout.lines().count(), 7, "{imported:?}");
    assert!(imported.stdout.contains(
        "wrote out/line-4.smm: assessment `line-4`, 10 practices, 13 pieces of evidence"
    ));
    // Each id is declared by its example too: the import says so.
    assert!(imported
        .stderr
        .contains("warning: examples/assessments/line-4.smm declares an assessment `line-4` too"));
    let line_4 = without_comments_and_waivers(&p.read("examples/assessments/line-4.smm"));
    assert_eq!(p.read("out/line-4.smm"), line_4);
}

#[test]
fn a_workbook_as_spreadsheet_programs_write_it_imports() {
    let p = with_fixture("compressor-station.xlsx");
    let output = p.run(&[
        "import",
        "compressor-station.xlsx",
        "--profile",
        "factory-baseline",
        "-o",
        "out/",
    ]);
    ok(&output);
    assert_eq!(
        output.stdout,
        "wrote out/c-12.smm: assessment `c-12`, 4 practices, 4 pieces of evidence\n"
    );
    // The column it does not read is named, by letter and header.
    assert_eq!(
        output.stderr,
        "warning: compressor-station.xlsx: sheet Assessment, row 3, column L (Owner): not a column smm imports; ignored\n"
    );
    let imported = p.read("out/c-12.smm");
    insta::assert_snapshot!("workbook", imported);

    // Naming the sheet gives the same; a misspelt name is refused with the one meant.
    let named = p.run(&[
        "import",
        "compressor-station.xlsx",
        "--sheet",
        "Assessment",
        "--profile",
        "factory-baseline",
        "-o",
        "named",
    ]);
    ok(&named);
    assert_eq!(p.read("named/c-12.smm"), imported);
    let misspelt = p.run(&["import", "compressor-station.xlsx", "--sheet", "Asessment"]);
    assert_eq!(misspelt.code, 2, "{misspelt:?}");
    assert_eq!(
        misspelt.stderr,
        "error: compressor-station.xlsx: no sheet `Asessment` in the workbook; did you mean `Assessment`?\n"
    );
    let readme = p.run(&["import", "compressor-station.xlsx", "--sheet", "Read me"]);
    assert_eq!(readme.code, 2, "{readme:?}");
    assert!(
        readme.stderr.contains("sheet Read me has no header row"),
        "{readme:?}"
    );
}

#[test]
fn bad_rows_are_reported_and_nothing_is_written_without_partial() {
    let p = with_fixture("bad-rows.csv");
    let refused = p.run(&["import", "bad-rows.csv", "-o", "out"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert_eq!(refused.stdout, "");
    insta::assert_snapshot!("bad_rows", refused.stderr);
    assert!(
        !p.path("out").exists(),
        "nothing written, not even the folder"
    );

    let partial = p.run(&[
        "import",
        "bad-rows.csv",
        "-o",
        "out",
        "--partial",
        "--profile",
        "factory-baseline",
    ]);
    assert_eq!(partial.code, 1, "{partial:?}");
    assert_eq!(
        partial.stdout,
        "wrote out/line-9.smm: assessment `line-9`, 2 practices, 2 pieces of evidence\n"
    );
    // The same rows, reported the same way, then what was done.
    let reported = refused.stderr.lines().filter(|l| l.contains(", row "));
    let expected: String = reported.map(|l| format!("{l}\n")).collect::<String>()
        + "warning: bad-rows.csv: skipped 5 rows that cannot be imported\n";
    assert_eq!(partial.stderr, expected);
    insta::assert_snapshot!("bad_rows_partial", p.read("out/line-9.smm"));
}

#[test]
fn files_are_not_overwritten_without_force() {
    let p = with_fixture("bad-rows.csv");
    p.file(
        "sheet.csv",
        "assessment,practice,level\r\nline-9,access-control,2\r\n",
    );
    ok(&p.run(&["import", "sheet.csv", "-o", "out"]));
    let first = p.read("out/line-9.smm");
    assert_eq!(
        first,
        "assessment line-9 {\n  practice access-control level 2\n}\n"
    );
    p.file(
        "sheet.csv",
        "assessment,practice,level\r\nline-9,access-control,3\r\nline-10,monitoring,1\r\n",
    );
    let refused = p.run(&["import", "sheet.csv", "-o", "out"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert_eq!(
        refused.stderr,
        "error: out/line-9.smm: exists already; give --force to overwrite it\nerror: nothing written\n"
    );
    assert_eq!(p.read("out/line-9.smm"), first);
    assert!(!p.path("out/line-10.smm").exists());

    let forced = p.run(&["import", "sheet.csv", "-o", "out", "--force"]);
    ok(&forced);
    assert_eq!(
        p.read("out/line-9.smm"),
        "assessment line-9 {\n  practice access-control level 3\n}\n"
    );
    assert!(p.path("out/line-10.smm").exists());
}

#[test]
fn a_sheet_without_an_assessment_column_needs_its_id() {
    let p = Project::new();
    p.file("smm.toml", "");
    p.file(
        "sheet.csv",
        "Practice title,Current level,Evidence text,Expiry,Notes\n\
         Access Control,2,Account review,2027-01-31,\n\
         Monitoring Practices,1,,,\"Logs kept, not read\"\n",
    );
    let refused = p.run(&["import", "sheet.csv"]);
    assert_eq!(refused.code, 2, "{refused:?}");
    assert_eq!(
        refused.stderr,
        "error: sheet.csv: sheet sheet, row 1: the sheet has no `assessment` column: give the assessment's id with --assessment ID\n"
    );
    let named = p.run(&[
        "import",
        "sheet.csv",
        "--assessment",
        "office",
        "--profile",
        "office-baseline",
    ]);
    ok(&named);
    assert_eq!(
        p.read("office.smm"),
        "assessment office {\n  profile office-baseline\n\n  practice access-control level 2 {\n    evidence \"Account review\" expires 2027-01-31\n  }\n  practice monitoring level 1 {\n    note \"Logs kept, not read\"\n  }\n}\n"
    );
    let bad = p.run(&["import", "sheet.csv", "--assessment", "Office 1"]);
    assert_eq!(bad.code, 2, "{bad:?}");
    assert_eq!(
        bad.stderr,
        "error: --assessment: `Office 1` cannot name an assessment: use lowercase letters, digits and `-` (for example `line-4`)\n"
    );
}

#[test]
fn unreadable_input_exits_2() {
    let p = Project::new();
    let missing = p.run(&["import", "nothing.csv"]);
    assert_eq!(missing.code, 2, "{missing:?}");
    assert_eq!(
        missing.stderr,
        "error: nothing.csv: cannot read: no such file or directory\n"
    );
    p.bytes(
        "latin1.csv",
        b"assessment,practice,level\nb\xe9,access-control,1\n",
    );
    let latin1 = p.run(&["import", "latin1.csv"]);
    assert_eq!(latin1.code, 2, "{latin1:?}");
    assert!(latin1.stderr.contains("not UTF-8 text"), "{latin1:?}");
    p.file("no-header.csv", "a,b\n1,2\n");
    let headless = p.run(&["import", "no-header.csv"]);
    assert_eq!(headless.code, 2, "{headless:?}");
    assert_eq!(
        headless.stderr,
        "error: no-header.csv: sheet no-header has no header row: no row has a `practice`, `practice id` or `practice title` column\n"
    );
}
