//! Output a person can read in CI: `--format compact`, findings with the same code at the same
//! place grouped in human and compact output (one per practice elsewhere), waived findings
//! saying so first, the GitHub job summary and the notice about hidden annotations, codes
//! turned off in smm.toml, and `smm explain` for codes.

mod common;

use common::{Output, Project};

const PROFILE: &str = r#"profile base {
  role asset-owner
  target access-control level 3 scope industry
  target identities level 2
  target monitoring level 2
  target patch-management level 2
}
"#;

/// Three targeted practices not assessed (one finding each, all at the header), one below
/// target and waived, one practice without a target.
const ASSESSMENT: &str = r#"assessment plant {
  profile base
  date 2026-11-10
  practice access-control level 2 scope industry {
    evidence "Account review" implements iec62443-3-3:SR2.1 iso27002:5.15
  }
  practice threat-modeling level 1 {
    evidence "Threat model" implements iso27002:5.7
  }
  waive unmet-target for access-control expires 2027-03-31 {
    reason "Named HMI accounts come with the Q1 panel upgrade"
    owner "R. Okafor"
  }
}
"#;

fn project() -> Project {
    let p = Project::new();
    p.file("smm.toml", "")
        .file("profiles/base.smm", PROFILE)
        .file("assessments/plant.smm", ASSESSMENT);
    p
}

fn check(p: &Project, args: &[&str]) -> Output {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    p.run(&all)
}

#[test]
fn compact_output_is_one_line_per_finding_with_groups_listing_their_members() {
    let p = project();
    let out = check(&p, &["--format", "compact", "--color", "always"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!common::has_color(&out.stdout), "compact output is plain");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn human_output_groups_findings_at_one_place_and_says_waived_first() {
    let p = project();
    let out = check(&p, &["--color", "never"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout.matches("[check::not-assessed]").count(), 1);
    assert!(out.stdout.contains(
        "[check::not-assessed] Warning: 3 findings here: a targeted practice the assessment does not record"
    ));
    assert!(out
        .stdout
        .contains("[check::unmet-target] Warning: waived until 2027-03-31: `access-control`"));
    insta::assert_snapshot!(out.stdout);
    // Machine formats keep one finding per practice.
    let json: serde_json::Value =
        serde_json::from_str(&check(&p, &["--format", "json"]).stdout).unwrap();
    let not_assessed = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .filter(|d| d["code"] == "check::not-assessed")
        .count();
    assert_eq!(not_assessed, 3);
    let github = check(&p, &["--format", "github"]).stdout;
    assert_eq!(github.matches("title=check%3A%3Anot-assessed").count(), 3);
}

#[test]
fn github_writes_a_job_summary_where_the_runner_asks_for_one() {
    let p = project();
    p.file("summary.md", "# Earlier step\n");
    let mut command = p.smm(&["check", "--format", "github"]);
    command.env("GITHUB_STEP_SUMMARY", p.path("summary.md"));
    let out = p.output(&mut command);
    assert_eq!(out.code, 0, "{out:?}");
    let summary = p.read("summary.md");
    assert!(
        summary.starts_with("# Earlier step\n## smm check\n"),
        "appended: {summary}"
    );
    insta::assert_snapshot!(summary);
    // Only with the github format, and not without the variable.
    let mut command = p.smm(&["check", "--format", "json"]);
    command.env("GITHUB_STEP_SUMMARY", p.path("other.md"));
    p.output(&mut command);
    assert!(!p.path("other.md").exists());
}

#[test]
fn github_says_when_annotations_of_a_kind_will_be_hidden() {
    let p = project();
    let out = check(&p, &["--format", "github"]);
    assert!(!out.stdout.contains("GitHub shows only"), "{}", out.stdout);
    // Eleven assessments below target: eleven warnings, one more than GitHub shows.
    for i in 0..11 {
        let text = ASSESSMENT
            .replace("assessment plant", &format!("assessment plant-{i}"))
            .replace("  waive", "  // waive")
            .replace("    reason", "    // reason")
            .replace("    owner", "    // owner")
            .replace("\n  }\n}\n", "\n  // }\n}\n");
        p.file(&format!("assessments/plant-{i}.smm"), &text);
    }
    let out = check(&p, &["--format", "github", "assessments"]);
    let notice = out
        .stdout
        .lines()
        .find(|l| l.starts_with("::notice title=smm::"))
        .unwrap_or_else(|| panic!("no notice: {}", out.stdout));
    assert!(
        notice.contains("GitHub shows only the first 10 annotations of each kind"),
        "{notice}"
    );
}

#[test]
fn smm_toml_turns_a_code_off_everywhere() {
    let p = project();
    p.file(
        "smm.toml",
        "fail-on = \"info\"\n[severity]\n\"check::not-assessed\" = \"off\"\n\"check::no-target\" = \"off\"\n",
    );
    for format in ["human", "compact", "json", "sarif", "junit", "github"] {
        let out = check(&p, &["--format", format]);
        // SARIF lists every rule; its results name the ones found.
        let found = |code: &str| match format {
            "sarif" => out.stdout.contains(&format!("\"ruleId\": \"{code}\"")),
            _ => out.stdout.contains(code),
        };
        assert!(!found("check::not-assessed"), "{format}: {}", out.stdout);
        assert!(!found("check::no-target"), "{format}: {}", out.stdout);
    }
    // Nothing left at or above `info` but the waived finding: the run passes.
    let out = check(&p, &[]);
    assert_eq!(out.code, 0, "{out:?}");
    p.file(
        "smm.toml",
        "[severity]\n\"syntax::unexpected-token\" = \"off\"\n",
    );
    let out = check(&p, &[]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("cannot be turned off"), "{out:?}");
}

#[test]
fn explain_takes_codes_as_waivers_write_them_and_lists_them_all() {
    let p = project();
    let short = p.run(&["explain", "unmet-target"]);
    let full = p.run(&["explain", "check::unmet-target"]);
    assert_eq!(short.code, 0, "{short:?}");
    assert_eq!(short.stdout, full.stdout);
    let list = p.run(&["explain", "--codes"]);
    assert_eq!(list.code, 0, "{list:?}");
    let lines: Vec<&str> = list.stdout.lines().collect();
    assert_eq!(lines.len(), smm_check_codes_count(&list.stdout));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("check::unmet-target") && l.contains(" warning ")));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("syntax::unterminated-string") && l.contains(" error ")));
    let refused = p.run(&["explain", "--codes", "access-control"]);
    assert_eq!(refused.code, 2, "{refused:?}");
}

/// Every code once: as many lines as distinct `xxx::` ids at their starts.
fn smm_check_codes_count(listing: &str) -> usize {
    let ids: std::collections::BTreeSet<&str> = listing
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|id| id.contains("::"))
        .collect();
    assert!(ids.len() > 60, "{}", ids.len());
    ids.len()
}
