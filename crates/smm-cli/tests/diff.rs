//! `smm diff`: two folders (tests/fixtures/diff/, copied into a temporary folder so that no
//! smm.toml above is picked up) in every format, a side without its profile, the regression
//! gate, the same through git, the errors, and the JSON against schemas/diff.schema.json.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Output, Project};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diff");

/// `tests/fixtures/diff/NAME` copied to `NAME` in the project.
fn fixture(project: &Project, name: &str) {
    common::copy_dir(&Path::new(FIXTURES).join(name), &project.path(name));
}

fn diff(project: &Project, args: &[&str]) -> Output {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    project.run(&all)
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_str(&output.stdout).unwrap_or_else(|e| panic!("{e}: {output:?}"))
}

fn assert_valid(document: &serde_json::Value) {
    let validator = common::schema_validator("diff.schema.json");
    let errors = common::schema_errors(&validator, document);
    assert!(errors.is_empty(), "{errors:#?}\n{document:#}");
}

#[test]
fn two_folders_in_every_format() {
    let p = Project::new();
    fixture(&p, "basic");
    for format in ["human", "json", "md"] {
        let out = diff(&p, &["basic/old", "basic/new", "--format", format]);
        assert_eq!(out.code, 0, "{format}: no gate, no failure: {out:?}");
        assert_eq!(out.stderr, "", "{format}");
        insta::assert_snapshot!(format!("basic_{format}"), out.stdout);
    }
    assert_valid(&json(&diff(
        &p,
        &["basic/old", "basic/new", "--format", "json"],
    )));
}

#[test]
fn a_side_without_its_profile_has_unknown_targets() {
    let p = Project::new();
    fixture(&p, "no-profile");
    for format in ["human", "json", "md"] {
        let out = diff(
            &p,
            &["no-profile/old", "no-profile/new", "--format", format],
        );
        assert_eq!(out.code, 0, "{format}: {out:?}");
        insta::assert_snapshot!(format!("no_profile_{format}"), out.stdout);
    }
    let document = json(&diff(
        &p,
        &["no-profile/old", "no-profile/new", "--format", "json"],
    ));
    assert_valid(&document);
    let line = &document["assessments"][0];
    assert_eq!(line["old"]["targets_known"], false);
    assert_eq!(line["new"]["targets_known"], true);
    // Unknown is not "no target": no target change is made up.
    assert_eq!(line["practices"][0]["target"], serde_json::Value::Null);
}

#[test]
fn files_compare_like_folders() {
    let p = Project::new();
    fixture(&p, "basic");
    let out = diff(
        &p,
        &[
            "basic/old/assessments/line-4.smm",
            "basic/new/assessments/line-4.smm",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    // Each file is read in its own side's workspace, so its targets are known.
    assert!(
        out.stdout.contains("  monitoring: target 1 → 2\n"),
        "{out:?}"
    );
    assert!(!out.stdout.contains("line-5"), "{out:?}");
    assert!(
        out.stdout
            .ends_with("1 assessment changed, 0 added, 0 removed, 0 unchanged; 4 regressions\n"),
        "{out:?}"
    );
}

#[test]
fn the_gate_fails_on_a_lowered_level_and_passes_on_no_change() {
    let p = Project::new();
    fixture(&p, "basic");
    common::copy_dir(&p.path("basic/old"), &p.path("lowered"));
    let line = p.read("lowered/assessments/line-4.smm");
    p.file(
        "lowered/assessments/line-4.smm",
        &line.replace("practice identities level 2", "practice identities level 1"),
    );

    let out = diff(&p, &["basic/old", "lowered", "--fail-on-regression"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stdout,
        "assessment line-4 \"Plant 7, packaging line 4\" (assessments/line-4.smm)\n  \
         identities: current 2 → 1 (regression)\n  \
         identities: target met → unmet (regression)\n\n\
         1 assessment changed, 0 added, 0 removed, 1 unchanged; 2 regressions\n"
    );
    let document = json(&diff(&p, &["basic/old", "lowered", "--format", "json"]));
    assert_eq!(document["summary"]["regressions"], 2);
    let without_flag = diff(&p, &["basic/old", "lowered"]);
    assert_eq!(without_flag.code, 0, "{without_flag:?}");

    let same = diff(&p, &["basic/old", "basic/old", "--fail-on-regression"]);
    assert_eq!(same.code, 0, "{same:?}");
    assert_eq!(
        same.stdout,
        "0 assessments changed, 0 added, 0 removed, 2 unchanged; no regressions\n"
    );
    // A raised level is no regression either.
    let raised = diff(&p, &["lowered", "basic/old", "--fail-on-regression"]);
    assert_eq!(raised.code, 0, "{raised:?}");
    assert!(
        raised.stdout.contains("identities: current 1 → 2\n"),
        "{raised:?}"
    );
}

#[test]
fn a_stub_filled_in_is_no_regression_and_evidence_made_a_stub_is() {
    let p = Project::new();
    fixture(&p, "basic");
    common::copy_dir(&p.path("basic/old"), &p.path("stubbed"));
    let line = p.read("stubbed/assessments/line-4.smm");
    p.file(
        "stubbed/assessments/line-4.smm",
        &line.replace("implements iso27002:8.16", "implements iso27002:8.16 stub"),
    );
    let out = diff(&p, &["basic/old", "stubbed", "--fail-on-regression"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains(
            "  monitoring: evidence \"Network sensor feeding the plant SOC\" not a stub → stub (regression)\n"
        ),
        "{out:?}"
    );
    let back = diff(&p, &["stubbed", "basic/old", "--fail-on-regression"]);
    assert_eq!(back.code, 0, "{back:?}");
    assert!(back.stdout.contains("stub → not a stub\n"), "{back:?}");
}

#[test]
fn evidence_is_matched_by_text_and_clauses_as_sets() {
    let p = Project::new();
    fixture(&p, "basic");
    common::copy_dir(&p.path("basic/old"), &p.path("edited"));
    let line = p.read("edited/assessments/line-4.smm");
    let edited = line
        // Reordered clauses: no change.
        .replace(
            "implements iec62443-3-3:SR2.1 iso27002:5.15",
            "implements iso27002:5.15 iec62443-3-3:SR2.1",
        )
        // The same text twice: one added.
        .replace(
            "    evidence \"Vendor remote access through the jump host\" implements iso27002:5.19\n",
            "    evidence \"Vendor remote access through the jump host\" implements iso27002:5.19\n    \
             evidence \"Vendor remote access through the jump host\" implements iso27002:5.19\n",
        )
        // A practice no longer rated: its level and its evidence are gone.
        .replace(
            "  practice monitoring level 2 scope industry {\n    \
             evidence \"Network sensor feeding the plant SOC\" implements iso27002:8.16\n  }\n",
            "",
        );
    assert_ne!(edited, line);
    p.file("edited/assessments/line-4.smm", &edited);
    let out = diff(&p, &["basic/old", "edited"]);
    assert_eq!(
        out.stdout,
        "assessment line-4 \"Plant 7, packaging line 4\" (assessments/line-4.smm)\n  \
         access-control: + evidence \"Vendor remote access through the jump host\"\n  \
         monitoring: current 2, scope industry → not rated (regression)\n  \
         monitoring: - evidence \"Network sensor feeding the plant SOC\" (regression)\n\n\
         1 assessment changed, 0 added, 0 removed, 1 unchanged; 2 regressions\n",
        "{out:?}"
    );
}

#[test]
fn output_is_the_same_across_runs_and_clone_paths() {
    let one = Project::new();
    let two = Project::new();
    fixture(&one, "basic");
    common::copy_dir(
        &Path::new(FIXTURES).join("basic"),
        &two.path("deeper/clone/basic"),
    );
    for format in ["human", "json", "md"] {
        let args = ["basic/old", "basic/new", "--format", format];
        let first = diff(&one, &args);
        let again = diff(&one, &args);
        let mut elsewhere = vec!["diff"];
        elsewhere.extend_from_slice(&args);
        let elsewhere = two.output(&mut two.smm_in("deeper/clone", &elsewhere));
        assert_eq!(first.stdout, again.stdout, "{format}");
        assert_eq!(first.stdout, elsewhere.stdout, "{format}");
        assert!(
            !first.stdout.contains("[ROOT]"),
            "{format}: {}",
            first.stdout
        );
    }
}

#[test]
fn text_from_the_files_cannot_take_over_a_terminal_or_a_table() {
    let p = Project::new();
    fixture(&p, "basic");
    common::copy_dir(&p.path("basic/old"), &p.path("hostile"));
    let line = p.read("hostile/assessments/line-4.smm");
    p.file(
        "hostile/assessments/line-4.smm",
        &line.replace(
            "\"Network sensor feeding the plant SOC\"",
            "\"Sensor \x1b[2J | <img src=x onerror=alert(1)> *bold*\"",
        ),
    );
    let human = diff(&p, &["basic/old", "hostile"]);
    assert!(!human.stdout.contains('\x1b'), "{human:?}");
    assert!(human.stdout.contains("Sensor \\e[2J"), "{human:?}");
    let md = diff(&p, &["basic/old", "hostile", "--format", "md"]);
    let row = md
        .stdout
        .lines()
        .find(|l| l.contains("Sensor"))
        .unwrap_or_else(|| panic!("{md:?}"));
    assert!(
        row.contains("Sensor \\\\e\\[2J \\| &lt;img src=x onerror=alert(1)&gt; \\*bold\\*"),
        "{row}"
    );
    assert_eq!(row.matches(" | ").count(), 4, "five cells: {row}");
}

#[test]
fn unusable_input_exits_2() {
    let p = Project::new();
    fixture(&p, "basic");
    let missing = diff(&p, &["basic/old", "nowhere"]);
    assert_eq!(missing.code, 2, "{missing:?}");
    assert!(missing.stderr.contains("error: nowhere: "), "{missing:?}");
    assert_eq!(missing.stdout, "", "{missing:?}");

    p.file("broken/smm.toml", "exclude = 3\n");
    let broken = diff(&p, &["basic/old", "broken", "--fail-on-regression"]);
    assert_eq!(broken.code, 2, "{broken:?}");

    let one = diff(&p, &["basic/old"]);
    assert_eq!(one.code, 2, "{one:?}");
    assert!(one.stderr.contains("give OLD and NEW"), "{one:?}");
}

/// `git ARGS` in the project, isolated from the user's settings.
fn git(project: &Project, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(&project.root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {output:?}");
}

fn commit(project: &Project, message: &str) {
    git(project, &["add", "-A"]);
    git(project, &["commit", "-q", "-m", message]);
}

/// A repository holding the old side of `basic` at its top, committed once.
fn repository() -> Project {
    let p = Project::new();
    common::copy_dir(&Path::new(FIXTURES).join("basic/old"), &p.root);
    git(&p, &["init", "-q"]);
    commit(&p, "first");
    p
}

fn lower_access_control(p: &Project) {
    let line = p.read("assessments/line-4.smm");
    p.file(
        "assessments/line-4.smm",
        &line.replace(
            "practice access-control level 2",
            "practice access-control level 1",
        ),
    );
}

const LOWERED: &str =
    "assessment line-4 \"Plant 7, packaging line 4\" (assessments/line-4.smm)\n  \
    access-control: current 2 → 1 (regression)\n  \
    access-control: target met → unmet (regression)\n\n\
    1 assessment changed, 0 added, 0 removed, 1 unchanged; 2 regressions\n";

#[test]
fn git_head_against_the_working_tree() {
    let p = repository();
    let clean = diff(&p, &["--git", "HEAD", "--fail-on-regression"]);
    assert_eq!(clean.code, 0, "{clean:?}");
    assert_eq!(
        clean.stdout,
        "0 assessments changed, 0 added, 0 removed, 2 unchanged; no regressions\n"
    );

    lower_access_control(&p);
    let lowered = diff(&p, &["--git", "HEAD", "--fail-on-regression"]);
    assert_eq!(lowered.code, 1, "{lowered:?}");
    assert_eq!(lowered.stdout, LOWERED);
    assert_eq!(lowered.stderr, "");
    let document = json(&diff(&p, &["--git", "HEAD", "--format", "json"]));
    assert_valid(&document);
    assert_eq!(document["old"], "HEAD");
    assert_eq!(document["new"], "working tree");

    // From a folder inside, naming a path: the paths stay the repository's.
    let from_inside = p.output(&mut p.smm_in(
        "assessments",
        &[
            "diff",
            "--git",
            "HEAD",
            "line-4.smm",
            "--fail-on-regression",
        ],
    ));
    assert_eq!(from_inside.code, 1, "{from_inside:?}");
    assert!(
        from_inside.stdout.starts_with(
            "assessment line-4 \"Plant 7, packaging line 4\" (assessments/line-4.smm)\n"
        ),
        "{from_inside:?}"
    );
    assert!(
        from_inside.stdout.ends_with("0 unchanged; 2 regressions\n"),
        "{from_inside:?}"
    );
}

#[test]
fn git_the_previous_commit_after_two() {
    let p = repository();
    lower_access_control(&p);
    p.file(
        "assessments/line-5.smm",
        &fs::read_to_string(Path::new(FIXTURES).join("basic/new/assessments/line-5.smm")).unwrap(),
    );
    commit(&p, "second");

    let previous = diff(&p, &["--git", "HEAD~1", "--fail-on-regression"]);
    assert_eq!(previous.code, 1, "{previous:?}");
    assert!(
        previous
            .stdout
            .starts_with(LOWERED.split("\n\n").next().unwrap()),
        "{previous:?}"
    );
    assert!(
        previous
            .stdout
            .contains("assessment line-5 \"Plant 7, line 5\" (assessments/line-5.smm): added\n"),
        "{previous:?}"
    );
    let head = diff(&p, &["--git", "HEAD", "--fail-on-regression"]);
    assert_eq!(head.code, 0, "{head:?}");

    // A path limits the diff; one that only the revision has was removed since.
    let limited = diff(&p, &["--git", "HEAD~1", "assessments/line-5.smm"]);
    assert_eq!(limited.code, 0, "{limited:?}");
    assert!(
        limited
            .stdout
            .ends_with("0 assessments changed, 1 added, 0 removed, 0 unchanged; no regressions\n"),
        "{limited:?}"
    );
    fs::remove_file(p.path("assessments/line-3.smm")).unwrap();
    let removed = diff(
        &p,
        &[
            "--git",
            "HEAD",
            "assessments/line-3.smm",
            "--fail-on-regression",
        ],
    );
    assert_eq!(removed.code, 1, "{removed:?}");
    assert!(
        removed.stdout.contains(": removed (regression)\n"),
        "{removed:?}"
    );
}

#[test]
fn git_failures_exit_2() {
    let outside = Project::new();
    fixture(&outside, "basic");
    let out = diff(&outside, &["--git", "HEAD"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("is not in a git repository"), "{out:?}");

    let p = repository();
    for rev in ["no-such-branch", "--output=x", "HEAD~5"] {
        let out = diff(&p, &[&format!("--git={rev}")]);
        assert_eq!(out.code, 2, "{rev}: {out:?}");
        assert!(
            out.stderr.contains("does not name a commit"),
            "{rev}: {out:?}"
        );
        assert_eq!(out.stdout, "", "{rev}");
    }
    let nowhere = diff(&p, &["--git", "HEAD", "nowhere.smm"]);
    assert_eq!(nowhere.code, 2, "{nowhere:?}");
    assert!(
        nowhere
            .stderr
            .contains("neither in the working tree nor in `HEAD`"),
        "{nowhere:?}"
    );

    let no_git = p.output(
        p.smm(&["diff", "--git", "HEAD"])
            .env("PATH", p.path("empty")),
    );
    assert_eq!(no_git.code, 2, "{no_git:?}");
    assert!(
        no_git.stderr.contains("needs the git command"),
        "{no_git:?}"
    );
}
