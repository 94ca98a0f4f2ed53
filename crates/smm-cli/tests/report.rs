//! `smm report`: the repository's examples (copied into a temporary workspace) reported as
//! JSON against schemas/report.schema.json, as Markdown (snapshot) and as HTML pages with an
//! index; byte-identical across runs and clone paths; the baseline from a file and from git;
//! and the exits for no assessment, several without a folder, and an output that cannot be
//! written.

mod common;

use std::fs;
use std::process::Command;

use common::{schema_errors, schema_validator, Output, Project};
use serde_json::{json, Value};

fn report(p: &Project, args: &[&str]) -> Output {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    p.run(&all)
}

fn json_of(output: &Output) -> Value {
    assert_eq!(output.code, 0, "{output:?}");
    serde_json::from_str(&output.stdout).unwrap_or_else(|e| panic!("{e}: {output:?}"))
}

const LINE_4: &str = "examples/assessments/line-4.smm";

#[test]
fn the_json_report_of_every_example_follows_its_schema() {
    let p = common::examples();
    let document = json_of(&report(&p, &["examples", "--format", "json"]));
    let validator = schema_validator("report.schema.json");
    assert_eq!(schema_errors(&validator, &document), Vec::<String>::new());
    let assessments = document["assessments"].as_array().unwrap();
    assert_eq!(assessments.len(), 7);
    for a in assessments {
        assert_eq!(a["practices"].as_array().unwrap().len(), 18, "{}", a["id"]);
    }
    let line4 = assessments.iter().find(|a| a["id"] == "line-4").unwrap();
    assert_eq!(line4["path"], LINE_4);
    assert_eq!(line4["as_of"], line4["date"]);
    // The roadmap holds exactly the practices below their target (one not assessed is at 0),
    // widest gap first.
    let below: Vec<&Value> = line4["practices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            let current = p["current"]["level"].as_u64().unwrap_or(0);
            p["target"]["level"].as_u64().is_some_and(|t| t > current)
        })
        .collect();
    let roadmap = line4["roadmap"].as_array().unwrap();
    assert_eq!(roadmap.len(), below.len());
    let gaps: Vec<u64> = roadmap.iter().map(|s| s["gap"].as_u64().unwrap()).collect();
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{gaps:?}");
    for step in roadmap {
        assert_eq!(
            step["next_level"].as_u64().unwrap(),
            step["current"].as_u64().unwrap() + 1
        );
    }
}

/// Before trusting a pass, show the schema rejects what it must.
#[test]
fn the_report_schema_rejects_broken_documents() {
    let p = common::examples();
    let good = json_of(&report(&p, &[LINE_4, "--format", "json"]));
    let validator = schema_validator("report.schema.json");
    assert_eq!(schema_errors(&validator, &good), Vec::<String>::new());
    type Break = fn(&mut Value);
    let broken: [(&str, Break); 4] = [
        ("a level 5", |d| {
            d["assessments"][0]["practices"][0]["current"] = json!({"level": 5, "scope": "general"})
        }),
        ("an unknown expiry state", |d| {
            d["assessments"][0]["evidence"][0]["expiry"] = json!("stale")
        }),
        ("a missing roadmap", |d| {
            d["assessments"][0]
                .as_object_mut()
                .unwrap()
                .remove("roadmap");
        }),
        ("another schema version", |d| {
            d["schema_version"] = json!("2")
        }),
    ];
    for (what, break_it) in broken {
        let mut document = good.clone();
        break_it(&mut document);
        assert!(
            !schema_errors(&validator, &document).is_empty(),
            "the schema accepts {what}"
        );
    }
}

#[test]
fn the_markdown_report_of_line_4() {
    let p = common::examples();
    let out = report(
        &p,
        &[
            LINE_4,
            "--format",
            "md",
            "--inline-svg",
            "--as-of",
            "2026-11-15",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout.matches("<svg").count(), 2);
    insta::assert_snapshot!(without_svg(&out.stdout));
}

/// The charts have tests of their own; the page's snapshot keeps to its text.
fn without_svg(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("<svg") {
            inside = true;
            out.push_str("[svg]\n");
        }
        if !inside {
            out.push_str(line);
            out.push('\n');
        }
        if inside && line.ends_with("</svg>") {
            inside = false;
        }
    }
    out
}

#[test]
fn a_folder_gets_an_index_and_a_page_per_assessment() {
    let p = common::examples();
    let out = report(&p, &["examples", "--format", "html", "-o", "out/"]);
    assert_eq!(out.code, 0, "{out:?}");
    let mut names: Vec<String> = fs::read_dir(p.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "bms-operations.html",
            "gw-200.html",
            "index.html",
            "infusion-pump-p3.html",
            "line-4.html",
            "store-network-2026.html",
            "substation-north.html",
            "twin-platform.html"
        ]
    );
    let index = p.read("out/index.html");
    for name in names.iter().filter(|n| *n != "index.html") {
        assert!(index.contains(&format!("href=\"{name}\"")), "{name}");
    }
    let page = p.read("out/line-4.html");
    assert!(page.contains("Content-Security-Policy"));
    assert!(!page.contains("<script"));

    let md = report(&p, &["examples", "--format", "md", "-o", "md/"]);
    assert_eq!(md.code, 0, "{md:?}");
    assert!(p.path("md/index.md").is_file());
    let page = p.read("md/line-4.md");
    assert!(page.contains("(line-4-radar.svg)"), "{page}");
    assert!(p.read("md/line-4-radar.svg").starts_with("<svg"));
    assert!(p.read("md/line-4-domains.svg").starts_with("<svg"));
}

#[test]
fn the_same_files_give_the_same_bytes_in_every_clone() {
    let (a, b) = (common::examples(), common::examples());
    for format in ["html", "md", "json"] {
        let first = report(&a, &["examples", "--format", format, "-o", "out/"]);
        let again = report(&a, &["examples", "--format", format, "-o", "again/"]);
        let other = report(&b, &["examples", "--format", format, "-o", "out/"]);
        for out in [&first, &again, &other] {
            assert_eq!(out.code, 0, "{out:?}");
        }
        for entry in fs::read_dir(a.path("out")).unwrap() {
            let name = entry.unwrap().file_name();
            let bytes = fs::read(a.path("out").join(&name)).unwrap();
            assert_eq!(bytes, fs::read(a.path("again").join(&name)).unwrap());
            assert_eq!(bytes, fs::read(b.path("out").join(&name)).unwrap());
        }
        fs::remove_dir_all(a.path("out")).unwrap();
        fs::remove_dir_all(a.path("again")).unwrap();
        fs::remove_dir_all(b.path("out")).unwrap();
    }
}

#[test]
fn a_baseline_file_adds_its_levels() {
    let p = common::examples();
    let old = p.read(LINE_4).replace(
        "practice access-control level 2",
        "practice access-control level 1",
    );
    assert_ne!(old, p.read(LINE_4), "the example rates access-control 2");
    // A workspace of its own, as an earlier copy kept aside would be: inside the examples'
    // workspace it would be a second `line-4`.
    p.file("old/smm.toml", "");
    p.file("old/line-4.smm", &old);
    let document = json_of(&report(
        &p,
        &[LINE_4, "--format", "json", "--baseline", "old/line-4.smm"],
    ));
    let a = &document["assessments"][0];
    assert_eq!(a["baseline"]["label"], "old/line-4.smm");
    let access = a["practices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "access-control")
        .unwrap();
    assert_eq!(access["baseline_level"], 1);
    assert_eq!(access["current"]["level"], 2);
    // The radar gets its third series.
    let html = report(&p, &[LINE_4, "--baseline", "old/line-4.smm"]);
    assert_eq!(html.code, 0, "{html:?}");
    assert!(html.stdout.contains("series-baseline"), "{}", html.stdout);
}

fn git(p: &Project, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(&p.root)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn a_baseline_from_a_git_revision() {
    let p = common::examples();
    git(&p, &["init", "-q"]);
    git(&p, &["add", "."]);
    git(&p, &["commit", "-q", "-m", "first"]);
    let raised = p.read(LINE_4).replace(
        "practice access-control level 2",
        "practice access-control level 3",
    );
    p.file(LINE_4, &raised);
    let baseline = format!("HEAD:{LINE_4}");
    let document = json_of(&report(
        &p,
        &[LINE_4, "--format", "json", "--baseline", &baseline],
    ));
    let a = &document["assessments"][0];
    let access = a["practices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "access-control")
        .unwrap();
    assert_eq!(
        (
            access["baseline_level"].clone(),
            access["current"]["level"].clone()
        ),
        (json!(2), json!(3))
    );
    let missing = report(&p, &[LINE_4, "--baseline", "HEAD:nowhere.smm"]);
    assert_eq!(missing.code, 2, "{missing:?}");
    assert_eq!(missing.stdout, "");
}

#[test]
fn exits_two_without_an_assessment_or_a_place_to_write() {
    let p = common::examples();
    let none = report(&p, &["examples/profiles"]);
    assert_eq!(none.code, 2, "{none:?}");
    assert!(none.stderr.contains("no assessment"), "{}", none.stderr);
    let several = report(&p, &["examples"]);
    assert_eq!(several.code, 2, "{several:?}");
    assert!(several.stderr.contains("-o FOLDER"), "{}", several.stderr);
    assert_eq!(several.stdout, "");
    // A .smm file is never overwritten by a report.
    let over = report(&p, &[LINE_4, "-o", LINE_4]);
    assert_eq!(over.code, 2, "{over:?}");
    assert!(p.read(LINE_4).contains("assessment line-4"));
    // Findings do not change the exit: the report is written.
    let written = report(&p, &[LINE_4, "-o", "line-4.html"]);
    assert_eq!(written.code, 0, "{written:?}");
    assert!(p.read("line-4.html").starts_with("<!DOCTYPE html>"));
}

/// A small workspace whose JSON report is kept whole: a profile, an assessment with a met
/// target, an unmet one under a waiver, one not assessed, evidence expired, expiring and valid,
/// and a finding.
#[test]
fn the_json_report_of_a_small_workspace() {
    let p = Project::new();
    p.file("smm.toml", "");
    p.file(
        "profile.smm",
        r#"profile plant {
  role asset-owner
  target access-control level 2
  target patch-management level 3
  target monitoring level 1
}
"#,
    );
    p.file(
        "line.smm",
        r#"assessment line "Line 1" {
  profile plant
  date 2026-11-10
  assessor "A. Auditor"
  practice access-control level 2 {
    evidence "Account review" implements iso27002:5.15 expires 2026-11-20
    evidence "Old badge list" implements iso27002:5.18 expires 2026-10-01
  }
  practice patch-management level 1 {
    evidence "Patch calendar" implements iec62443-2-1:COMP3.2 expires 2027-06-30
    note "Only the HMIs so far"
  }
  waive unmet-target for patch-management expires 2027-03-31 {
    reason "Vendor patches arrive with the Q1 upgrade"
    owner "R. Okafor"
  }
}
"#,
    );
    let out = report(&p, &["line.smm", "--format", "json"]);
    assert_eq!(out.code, 0, "{out:?}");
    let document: Value = serde_json::from_str(&out.stdout).unwrap();
    let validator = schema_validator("report.schema.json");
    assert_eq!(schema_errors(&validator, &document), Vec::<String>::new());
    let expiry: Vec<&str> = document["assessments"][0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["expiry"].as_str().unwrap())
        .collect();
    assert_eq!(expiry, ["expiring", "expired", "valid"]);
    insta::assert_snapshot!(out.stdout.replace(env!("CARGO_PKG_VERSION"), "[VERSION]"));
}

#[test]
fn several_assessments_go_to_a_new_folder() {
    let p = common::examples();
    let out = report(&p, &["examples", "--format", "md", "-o", "reports"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(p.path("reports/index.md").is_file());
    // An existing file is not a folder.
    p.file("taken.html", "");
    let taken = report(&p, &["examples", "-o", "taken.html"]);
    assert_eq!(taken.code, 2, "{taken:?}");
}
