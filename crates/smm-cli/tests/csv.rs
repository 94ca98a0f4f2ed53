//! `smm report --format csv`: the rows (one per piece of evidence; a rated practice without
//! evidence and a targeted one not rated get one; others none), the written and computed
//! columns, RFC 4180 quoting, the `-o` rules, and CSV injection: hostile strings reach a
//! spreadsheet as text (no cell starts with a formula character) and come back exactly
//! through `smm import`.

mod common;

use common::{Output, Project};

const HEADER: &str = "assessment,title,profile,follows,role,date,assessor,description,practice,\
practice title,domain,subdomain,level,scope,evidence,implements,expires,link,stub,note,target,\
gap,set by,waived,missing clauses";

const PROFILE: &str = r#"profile small-baseline "Small baseline" {
  role asset-owner
  target access-control level 3 scope industry
  target identities level 2
  target monitoring level 2
  target patch-management level 1
}
"#;

/// Practices out of the catalog's order, one without evidence, one without target; two
/// targeted practices not rated; the role left to the profile, a scope left out; an edition
/// followed.
const SMALL: &str = r#"assessment small "Small site" {
  profile small-baseline
  follows iec62443-2-1-2010
  date 2026-10-01
  assessor "R. Okafor"
  description "Two HMIs, \"one\" sensor"

  practice monitoring level 1 {
    evidence "Log review" implements iso27002:8.16 expires 2027-01-31 link "https://example.org/logs"
    evidence "Network sensor" implements iec62443-3-3:SR6.2 stub
    note "Day shift only"
  }
  practice access-control level 2 scope industry
  practice threat-modeling level 2 {
    evidence "Threat review" implements iso27001:6.1.2
  }
}
"#;

/// Every cell a spreadsheet would take for a formula, and the quoting RFC 4180 needs.
const HOSTILE: &str = r#"assessment hostile "=HYPERLINK(\"http://x\")" {
  profile small-baseline
  role asset-owner
  date 2026-10-01
  assessor "+cmd"
  description "-1+1"

  practice monitoring level 1 {
    evidence "@SUM(1)" link "=cmd|' /C calc'!A0"
    evidence "\tleading tab, \"quotes\", commas\nand a line break"
    evidence "'=quoted already"
    evidence "-" implements iso27002:8.16
    note "=1+1, \"quoted\"\nsecond line"
  }
}
"#;

fn project(assessments: &[(&str, &str)]) -> Project {
    let p = Project::new();
    p.file("smm.toml", "");
    p.file("profiles/small.smm", PROFILE);
    for (name, text) in assessments {
        p.file(&format!("assessments/{name}"), text);
    }
    p
}

fn csv_of(output: &Output) -> Vec<Vec<String>> {
    assert_eq!(output.code, 0, "{output:?}");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(output.stdout.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let index = rows[0].iter().position(|h| h == name).unwrap();
    rows[1..].iter().map(|r| r[index].clone()).collect()
}

#[test]
fn one_row_per_piece_of_evidence_and_per_practice_without() {
    let p = project(&[("small.smm", SMALL)]);
    let output = p.run(&["report", "assessments/small.smm", "--format", "csv"]);
    assert_eq!(output.stderr, "");
    // RFC 4180: CRLF after every record, the header included.
    assert!(output.stdout.starts_with(&format!("{HEADER}\r\n")));
    assert!(output.stdout.ends_with("\r\n"));
    assert_eq!(
        output.stdout.matches('\n').count(),
        output.stdout.matches("\r\n").count()
    );
    let rows = csv_of(&output);
    assert!(rows.iter().all(|r| r.len() == 25));
    // The rated practices keep the file's order in the places of the catalog's rated ones;
    // the targeted ones not rated keep theirs.
    assert_eq!(
        column(&rows, "practice"),
        [
            "monitoring",
            "monitoring",
            "identities",
            "access-control",
            "patch-management",
            "threat-modeling"
        ]
    );
    assert_eq!(column(&rows, "level"), ["1", "1", "", "2", "", "2"]);
    // What the file wrote: no role (the profile's is not the assessment's), no scope where
    // the line gives none.
    assert_eq!(column(&rows, "role"), ["", "", "", "", "", ""]);
    assert!(column(&rows, "follows")
        .iter()
        .all(|f| f == "iec62443-2-1-2010"));
    assert_eq!(column(&rows, "scope"), ["", "", "", "industry", "", ""]);
    assert_eq!(column(&rows, "stub"), ["", "yes", "", "", "", ""]);
    // What the checker computed.
    assert_eq!(column(&rows, "target"), ["2", "2", "2", "3", "1", ""]);
    // The checker gives no gap for a practice not rated (it reports it as not assessed).
    assert_eq!(column(&rows, "gap"), ["1", "1", "", "1", "", ""]);
    assert_eq!(
        column(&rows, "set by"),
        [
            "small-baseline",
            "small-baseline",
            "small-baseline",
            "small-baseline",
            "small-baseline",
            ""
        ]
    );
    insta::assert_snapshot!("small", output.stdout.replace("\r\n", "\n"));
}

#[test]
fn an_assessment_without_practices_gets_one_row() {
    let p = project(&[(
        "empty.smm",
        "assessment empty {\n  profile none-such\n  date 2026-10-01\n}\n",
    )]);
    let rows = csv_of(&p.run(&["report", "assessments/empty.smm", "--format", "csv"]));
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1][..6],
        ["empty", "", "none-such", "", "", "2026-10-01"]
    );
    assert!(rows[1][6..].iter().all(String::is_empty), "{rows:?}");
    let p2 = project(&[]);
    p2.file(
        "x.csv",
        &p.run(&["report", "assessments/empty.smm", "--format", "csv"])
            .stdout,
    );
    assert_eq!(p2.run(&["import", "x.csv", "-o", "out"]).code, 0);
    assert_eq!(
        p2.read("out/empty.smm"),
        "assessment empty {\n  profile none-such\n  date 2026-10-01\n}\n"
    );
}

#[test]
fn hostile_strings_reach_a_spreadsheet_as_text_and_come_back() {
    let p = project(&[("hostile.smm", HOSTILE)]);
    let output = p.run(&["report", "assessments/hostile.smm", "--format", "csv"]);
    let rows = csv_of(&output);
    // A spreadsheet evaluates a cell as a formula only when it starts with one of these.
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "row {r}, column {c}: {cell:?}"
            );
        }
    }
    assert_eq!(column(&rows, "title")[0], "'=HYPERLINK(\"http://x\")");
    assert_eq!(column(&rows, "assessor")[0], "'+cmd");
    assert_eq!(column(&rows, "description")[0], "'-1+1");
    // The three practices the profile targets but the assessment leaves out, in the
    // catalog's order.
    assert_eq!(
        column(&rows, "practice"),
        [
            "identities",
            "access-control",
            "patch-management",
            "monitoring",
            "monitoring",
            "monitoring",
            "monitoring"
        ]
    );
    assert_eq!(
        column(&rows, "evidence")[3..],
        [
            "'@SUM(1)",
            "'\tleading tab, \"quotes\", commas\nand a line break",
            "''=quoted already",
            "'-",
        ]
    );
    assert_eq!(column(&rows, "link")[3], "'=cmd|' /C calc'!A0");
    assert_eq!(column(&rows, "note")[3], "'=1+1, \"quoted\"\nsecond line");
    // RFC 4180 quoting, as written.
    assert!(output
        .stdout
        .contains(r#"hostile,"'=HYPERLINK(""http://x"")",small-baseline,"#));
    assert!(output
        .stdout
        .contains("\"'\tleading tab, \"\"quotes\"\", commas\nand a line break\""));

    // `smm import` gives back exactly what the assessment wrote.
    let back = project(&[]);
    back.file("hostile.csv", &output.stdout);
    let imported = back.run(&["import", "hostile.csv", "-o", "out"]);
    assert_eq!(imported.code, 0, "{imported:?}");
    assert_eq!(back.read("out/hostile.smm"), HOSTILE);
}

#[test]
fn the_small_assessment_round_trips() {
    let p = project(&[("small.smm", SMALL)]);
    let output = p.run(&["report", "assessments/small.smm", "--format", "csv"]);
    let back = project(&[]);
    back.file("small.csv", &output.stdout);
    let imported = back.run(&["import", "small.csv", "-o", "assessments"]);
    assert_eq!(imported.code, 0, "{imported:?}");
    assert_eq!(back.read("assessments/small.smm"), SMALL);
    // And it checks as the original does.
    let original = p.run(&["check", "--format", "json"]);
    let again = back.run(&["check", "--format", "json"]);
    assert_eq!(original.stdout, again.stdout);
}

#[test]
fn several_assessments_are_one_document() {
    let p = project(&[("small.smm", SMALL), ("hostile.smm", HOSTILE)]);
    let stdout = p.run(&["report", "assessments", "--format", "csv"]);
    let rows = csv_of(&stdout);
    assert_eq!(rows.iter().filter(|r| r[0] == "assessment").count(), 1);
    // The header, hostile's 4 pieces of evidence and 3 practices targeted but not rated,
    // small's 6 rows.
    assert_eq!(rows.len(), 1 + 4 + 3 + 6);
    let to_folder = p.run(&["report", "assessments", "--format", "csv", "-o", "out/"]);
    assert_eq!(to_folder.code, 0, "{to_folder:?}");
    assert_eq!(p.read("out/report.csv"), stdout.stdout);
    let to_file = p.run(&["report", "assessments", "--format", "csv", "-o", "all.csv"]);
    assert_eq!(to_file.code, 0, "{to_file:?}");
    assert_eq!(p.read("all.csv"), stdout.stdout);
}
