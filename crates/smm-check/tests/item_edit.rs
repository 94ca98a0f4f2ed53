//! An edit inside one assessment, checked by checking that assessment alone and moving what
//! follows it (`ItemEdit`, `Analysis::update_item`), gives what a check of everything gives.

use std::path::{Path, PathBuf};

use smm_check::disk::confine::Confinement;
use smm_check::{check, Analysis, CheckOptions, ItemEdit, Loader, Located, Workspace};

const PROFILES: &str = "profile base {\n  role asset-owner\n  target identities level 2\n  target monitoring level 1 scope system\n}\n\nprofile strict {\n  extends base\n  target identities level 3\n}\n";

const ASSESSMENTS: &str = r#"assessment first {
  profile base
  date 2026-11-10
  practice identities level 1 {
    evidence "Accounts" implements iso27002:5.16 expires 2026-12-01
  }
}

// Between the items.
assessment second "Second" {
  profile base
  date 2026-11-10
  practice identities level 2 {
    evidence "Accounts" implements iso27002:5.16 iec62443-3-3:SR1.1
  }
  practice monitoring level 0
  waiver check::unmet-target for monitoring expires 2027-01-01 {
    reason "Budget"
    owner "CISO"
  }
}

assessment third {
  profile strict
  date 2026-11-10
  practice identities level 2 {
    evidence "Accounts" implements iso27002:5.16
    evidence "Old" implements nope:1
  }
  practice identities level 1
}
"#;

struct Files;

impl Loader for Files {
    fn files(&self) -> Vec<PathBuf> {
        Vec::new()
    }
    fn read(&self, _: &Path) -> Result<String, String> {
        Err("no disk".into())
    }
    fn locate(&self, from: &Path, link: &Path) -> Located {
        Confinement::new(Path::new("/w"), &[]).locate(from, link)
    }
}

fn options() -> CheckOptions {
    CheckOptions {
        expiry_warning_days: Some(30),
        ..CheckOptions::default()
    }
}

fn workspace(assessments: &str) -> Workspace {
    let mut workspace = Workspace::new();
    workspace.set("/w/profiles.smm".into(), PROFILES);
    workspace.set("/w/a.smm".into(), assessments);
    // A second `third`, whose finding points back at the first one, after the edits.
    workspace.set("/w/b.smm".into(), "assessment third {\n  profile base\n}\n");
    workspace
}

fn full(workspace: &Workspace) -> Analysis {
    check(workspace, &smm_model::builtin::model(), &Files, &options())
}

/// Everything a check gives, spans included, as text to compare.
fn dump(analysis: &Analysis) -> String {
    format!(
        "{:#?}\n{:#?}\n{:#?}\n{:#?}",
        analysis.findings().collect::<Vec<_>>(),
        analysis.assessments,
        analysis.profiles,
        analysis.uses
    )
}

#[test]
fn an_edited_assessment_checked_alone_gives_what_checking_everything_gives() {
    let edits = [
        // A level, in each assessment (the later ones move nothing, the earlier move all).
        ("identities level 1 {", "identities level 2 {"),
        ("identities level 2 {\n    evidence \"Accounts\" implements iso27002:5.16 iec", "identities level 4 {\n    evidence \"Accounts\" implements iso27002:5.16 iec"),
        ("practice identities level 1\n}", "practice identities level 3\n}"),
        // Lines added and taken away.
        ("  practice monitoring level 0\n", ""),
        ("    evidence \"Old\" implements nope:1\n", "    evidence \"Old\" implements nope:1\n    evidence \"New\" implements iso27002:8.16\n"),
        // The profile an assessment builds on: what it uses changes.
        ("  profile strict\n", "  profile base\n"),
        // The waiver's reason, and a date that expires.
        ("reason \"Budget\"", "reason \"Budget, until the new system\""),
        ("expires 2026-12-01", "expires 2026-11-20"),
    ];
    let model = smm_model::builtin::model();
    for (from, to) in edits {
        assert!(ASSESSMENTS.contains(from), "{from}");
        let edited = ASSESSMENTS.replacen(from, to, 1);
        let before = workspace(ASSESSMENTS);
        let mut analysis = full(&before);
        let after = workspace(&edited);
        let file = after.id(Path::new("/w/a.smm")).unwrap();
        let parse = &after.source(file).unwrap().parse;
        let edit = ItemEdit::find(file, ASSESSMENTS, &edited, parse).expect(to);
        let partial = check(
            &after,
            &model,
            &Files,
            &CheckOptions {
                only: Some([file].into()),
                within: Some(edit.new),
                ..options()
            },
        );
        assert_eq!(partial.assessments.len(), 1, "{to}");
        let others = analysis.update_item(partial, &edit);
        assert_eq!(dump(&analysis), dump(&full(&after)), "{to}");
        let b = after.id(Path::new("/w/b.smm")).unwrap();
        let moves_third =
            edit.by != 0 && edit.old.end < ASSESSMENTS.find("assessment third").unwrap();
        assert_eq!(others.contains(&b), moves_third, "{to}");
    }
}

#[test]
fn edits_outside_an_assessment_body_are_not_item_edits() {
    for (from, to) in [
        ("assessment second", "assessment second-site"),
        ("// Between the items.", "// Between."),
        (
            "  }\n}\n\n// Between",
            "  }\n}\nprofile extra {\n}\n\n// Between",
        ),
    ] {
        let edited = ASSESSMENTS.replacen(from, to, 1);
        let after = workspace(&edited);
        let file = after.id(Path::new("/w/a.smm")).unwrap();
        let parse = &after.source(file).unwrap().parse;
        assert_eq!(
            ItemEdit::find(file, ASSESSMENTS, &edited, parse),
            None,
            "{to}"
        );
    }
    // A profile after the edit: its places are read by other files' findings.
    let with_profile = format!("{ASSESSMENTS}\nprofile late {{\n  extends base\n}}\n");
    let edited = with_profile.replacen("identities level 1 {", "identities level 2 {", 1);
    let after = workspace(&edited);
    let file = after.id(Path::new("/w/a.smm")).unwrap();
    let parse = &after.source(file).unwrap().parse;
    assert_eq!(ItemEdit::find(file, &with_profile, &edited, parse), None);
}

mod random_edits {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;

    /// What an edit inserts: keystrokes and whole settings.
    const INSERTED: &[&str] = &[
        "",
        "1",
        "3",
        "x",
        " ",
        "\n",
        "-",
        "\"",
        "{",
        "}",
        "level 2",
        "scope system",
        "\n  practice monitoring level 2\n",
        "\n    evidence \"E\" implements iso27002:8.16\n",
        "\n  profile strict\n",
        "\n  role product-supplier\n",
        "//",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

        /// Any edit that `ItemEdit::find` takes, with the declared names kept (the server's
        /// condition), checked alone gives what checking everything gives.
        #[test]
        fn any_item_edit_agrees_with_a_full_check(
            at in 0..ASSESSMENTS.len(),
            removed in 0..6usize,
            inserted in select(INSERTED),
        ) {
            let end = (at + removed).min(ASSESSMENTS.len());
            let edited = format!("{}{inserted}{}", &ASSESSMENTS[..at], &ASSESSMENTS[end..]);
            let before = workspace(ASSESSMENTS);
            let after = workspace(&edited);
            let file = after.id(Path::new("/w/a.smm")).unwrap();
            let parse = &after.source(file).unwrap().parse;
            let names = |w: &Workspace| smm_check::declared_names(&w.source(file).unwrap().parse.file);
            let Some(edit) = ItemEdit::find(file, ASSESSMENTS, &edited, parse) else {
                return Ok(());
            };
            if names(&before) != names(&after) {
                return Ok(());
            }
            let mut analysis = full(&before);
            let partial = check(
                &after,
                &smm_model::builtin::model(),
                &Files,
                &CheckOptions {
                    only: Some([file].into()),
                    within: Some(edit.new),
                    ..options()
                },
            );
            analysis.update_item(partial, &edit);
            prop_assert_eq!(dump(&analysis), dump(&full(&after)), "{}", edited);
        }
    }
}
