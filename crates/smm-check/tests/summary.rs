//! The roll-up of an assessment: per domain and subdomain the weakest targeted practice
//! decides, and per standard the clauses implemented of those mapped up to the targets.

use std::path::{Path, PathBuf};

use smm_check::{check, CheckOptions, Loader, Located, Workspace};
use smm_model::Level;

struct Files(Vec<(&'static str, &'static str)>);

impl Loader for Files {
    fn files(&self) -> Vec<PathBuf> {
        self.0.iter().map(|(p, _)| PathBuf::from(p)).collect()
    }
    fn read(&self, path: &Path) -> Result<String, String> {
        let (_, text) = self.0.iter().find(|(p, _)| Path::new(p) == path).unwrap();
        Ok(text.to_string())
    }
    fn locate(&self, _: &Path, _: &Path) -> Located {
        Located::Missing
    }
}

const PROFILE: &str = "profile base {
  role asset-owner
  target identities level 2
  target access-control level 3
  target patch-management level 1
}

profile child {
  extends base
  target access-control level 2
  target monitoring level 2
}
";

const ASSESSMENT: &str = "assessment a {
  profile child
  date 2026-11-10
  practice identities level 2 {
    evidence \"Named accounts\" implements iec62443-3-3:SR1.1 iec62443-3-3:SR1.1-RE1 iso27002:5.16
  }
  practice access-control level 1 {
    evidence \"Rules\" implements iso27002:5.15
  }
  practice patch-management level 1 {
    evidence \"Log\" implements iso27002:8.8
  }
}
";

fn analysis() -> smm_check::Analysis {
    let loader = Files(vec![("/w/profiles.smm", PROFILE), ("/w/a.smm", ASSESSMENT)]);
    let workspace = Workspace::load(&loader);
    check(
        &workspace,
        &smm_model::builtin::model(),
        &loader,
        &CheckOptions::default(),
    )
}

#[test]
fn a_child_overrides_its_parent_and_every_target_remembers_its_profile() {
    let analysis = analysis();
    let child = &analysis.profiles["child"];
    assert_eq!(child.chain, ["child", "base"]);
    let set_by: Vec<(&str, u8, &str)> = child
        .targets
        .values()
        .map(|t| (t.practice.as_str(), t.level.number(), t.set_by.as_str()))
        .collect();
    assert_eq!(
        set_by,
        [
            ("access-control", 2, "child"),
            ("identities", 2, "base"),
            ("monitoring", 2, "child"),
            ("patch-management", 1, "base"),
        ]
    );
    assert_eq!(
        child
            .role
            .as_ref()
            .map(|r| (r.role.id(), r.set_by.as_str())),
        Some(("asset-owner", "base"))
    );
}

#[test]
#[allow(clippy::type_complexity)]
fn domains_and_subdomains_roll_up_by_their_weakest_practice() {
    let analysis = analysis();
    let summary = &analysis.assessments[0].summary;
    assert_eq!((summary.targeted, summary.met), (4, 2));
    let rows: Vec<(&str, &str, usize, usize, usize, Option<u8>, u8)> = summary
        .groups
        .iter()
        .map(|g| {
            (
                g.kind,
                g.id.as_str(),
                g.targeted,
                g.met,
                g.not_assessed,
                g.level.map(Level::number),
                g.gap,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("domain", "enablement", 2, 1, 0, Some(1), 1),
            (
                "subdomain",
                "identity-and-access-management",
                2,
                1,
                0,
                Some(1),
                1
            ),
            ("domain", "hardening", 2, 1, 1, Some(0), 2),
            (
                "subdomain",
                "vulnerability-and-patch-management",
                1,
                1,
                0,
                Some(1),
                0
            ),
            (
                "subdomain",
                "situational-awareness-subdomain",
                1,
                0,
                1,
                Some(0),
                2
            ),
        ]
    );
}

#[test]
fn standards_count_implemented_of_mapped_clauses() {
    let analysis = analysis();
    let report = &analysis.assessments[0];
    let model = smm_model::builtin::model();
    for coverage in &report.summary.standards {
        // Recount from the model: the mapped clauses of every target, for the owner.
        let mut mapped = std::collections::BTreeSet::new();
        for p in report.practices.iter().filter(|p| p.target.is_some()) {
            let level = p.target.as_ref().unwrap().level;
            for m in model.mapped_clauses(
                &p.practice,
                level,
                smm_model::Role::AssetOwner,
                &smm_model::Editions::newest(),
            ) {
                if m.clause.standard == coverage.standard {
                    mapped.insert(m.clause.reference());
                }
            }
        }
        assert_eq!(coverage.mapped, mapped.len(), "{}", coverage.standard);
        assert!(coverage.implemented <= coverage.mapped);
    }
    let of = |s: &str| {
        report
            .summary
            .standards
            .iter()
            .find(|c| c.standard == s)
            .unwrap()
    };
    assert_eq!(of("iec62443-3-3").implemented, 2, "SR1.1 and SR1.1-RE1");
    assert_eq!(of("iso27002").implemented, 3, "5.16, 5.15 and 8.8");
    assert_eq!(of("iec62443-2-1").implemented, 0);
}

#[test]
fn an_edit_of_a_profile_reaches_the_files_that_use_it() {
    let analysis = analysis();
    let profiles = analysis.profiles["base"].file;
    let assessment = analysis.assessments[0].file;
    assert!(analysis.dependents(profiles).contains(&assessment));
    assert_eq!(
        analysis.dependents(assessment).len(),
        1,
        "nothing uses an assessment"
    );
}

/// A broken line in a profile hides nothing else: the targets around it still resolve.
#[test]
fn a_profile_with_a_broken_line_keeps_its_other_targets() {
    let profile = "profile base {
  role asset-owner
  target identities level 2
  targt monitoring level 2
  target access-control level
  target patch-management level 1
}
";
    assert!(!smm_syntax::parse(profile).errors.is_empty());
    let loader = Files(vec![("/w/p.smm", profile)]);
    let workspace = Workspace::load(&loader);
    let analysis = check(
        &workspace,
        &smm_model::builtin::model(),
        &loader,
        &CheckOptions::default(),
    );
    let targets: Vec<&str> = analysis.profiles["base"]
        .targets
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(targets, ["identities", "patch-management"]);
}

/// The profiles and assessment above, and a file that uses none of them.
fn with_an_unrelated_file() -> Files {
    let other = "profile lone {\n  role asset-owner\n  target monitoring level 2\n}\n\nassessment b {\n  profile lone\n  date 2026-11-10\n}\n";
    Files(vec![
        ("/w/profiles.smm", PROFILE),
        ("/w/a.smm", ASSESSMENT),
        ("/w/b.smm", other),
    ])
}

/// Checking only the dependents of a change gives, for them, what a full check gives.
#[test]
fn a_partial_check_of_the_dependents_agrees_with_the_full_check() {
    let loader = with_an_unrelated_file();
    let workspace = Workspace::load(&loader);
    let model = smm_model::builtin::model();
    let full = check(&workspace, &model, &loader, &CheckOptions::default());
    let profiles = workspace.id(Path::new("/w/profiles.smm")).unwrap();
    let dependents = full.dependents(profiles);
    let b = workspace.id(Path::new("/w/b.smm")).unwrap();
    assert!(
        !dependents.contains(&b),
        "b uses none of the changed profiles"
    );
    let options = CheckOptions {
        only: Some(dependents.clone()),
        ..CheckOptions::default()
    };
    let partial = check(&workspace, &model, &loader, &options);
    let of = |analysis: &smm_check::Analysis| -> Vec<smm_check::Finding> {
        analysis
            .findings()
            .filter(|f| dependents.contains(&f.file))
            .cloned()
            .collect()
    };
    assert!(!of(&full).is_empty());
    assert_eq!(of(&partial), of(&full));
    assert!(partial.findings().all(|f| dependents.contains(&f.file)));
    assert_eq!(partial.assessments.len(), 1);
}

/// The language server's path after an edit that keeps the file's names: check the
/// dependents, fold the result into the old analysis, and get what a full check gives.
#[test]
fn an_updated_analysis_equals_a_full_check_after_the_change() {
    let loader = with_an_unrelated_file();
    let mut workspace = Workspace::load(&loader);
    let model = smm_model::builtin::model();
    let mut analysis = check(&workspace, &model, &loader, &CheckOptions::default());
    let profiles = workspace.id(Path::new("/w/profiles.smm")).unwrap();
    let before = smm_check::declared_names(&workspace.source(profiles).unwrap().parse.file);

    // Raise one target, lower another: the assessment's findings change.
    let edited = PROFILE
        .replace("target identities level 2", "target identities level 3")
        .replace("target monitoring level 2", "target monitoring level 0");
    workspace.set("/w/profiles.smm".into(), edited);
    let after = smm_check::declared_names(&workspace.source(profiles).unwrap().parse.file);
    assert_eq!(before, after, "the edit keeps the names");

    let only = analysis.dependents(profiles);
    let partial = check(
        &workspace,
        &model,
        &loader,
        &CheckOptions {
            only: Some(only.clone()),
            ..CheckOptions::default()
        },
    );
    let old_findings = analysis.findings().cloned().collect::<Vec<_>>();
    analysis.update(partial, &only);
    let full = check(&workspace, &model, &loader, &CheckOptions::default());

    assert_ne!(
        analysis.findings().cloned().collect::<Vec<_>>(),
        old_findings,
        "the edit changed findings"
    );
    assert!(analysis.findings().eq(full.findings()));
    assert_eq!(analysis.uses, full.uses);
    let reports = |a: &smm_check::Analysis| -> Vec<String> {
        a.assessments
            .iter()
            .map(|r| {
                format!(
                    "{} {:?} {}/{}",
                    r.name, r.file, r.summary.met, r.summary.targeted
                )
            })
            .collect()
    };
    assert_eq!(reports(&analysis), reports(&full));
    let targets = |a: &smm_check::Analysis| -> Vec<String> {
        a.profiles
            .values()
            .flat_map(|p| p.targets.iter().map(|(k, t)| format!("{k} {:?}", t.level)))
            .collect()
    };
    assert_eq!(targets(&analysis), targets(&full));
}

/// A stub holds a place: its clauses are not implemented, so the target's missing clauses
/// still list them, and the practice is not "without evidence".
#[test]
fn stub_evidence_implements_nothing() {
    let text = |stub: &str| {
        format!("profile p {{\n  role asset-owner\n  target identities level 2\n}}\n\nassessment a {{\n  profile p\n  date 2026-11-10\n  practice identities level 2 {{\n    evidence \"Records\" implements iec62443-3-3:SR1.1-RE1{stub}\n  }}\n}}\n")
    };
    let run = |source: String| {
        let loader = Files(vec![("/w/a.smm", Box::leak(source.into_boxed_str()))]);
        let workspace = Workspace::load(&loader);
        check(
            &workspace,
            &smm_model::builtin::model(),
            &loader,
            &CheckOptions::default(),
        )
    };
    let real = run(text(""));
    let stub = run(text(" stub"));
    let status = |a: &smm_check::Analysis| a.assessments[0].practices[0].clone();
    assert!(status(&real).implemented.contains("iec62443-3-3:SR1.1-RE1"));
    assert!(status(&stub).implemented.is_empty());
    assert!(status(&stub)
        .missing
        .contains(&"iec62443-3-3:SR1.1-RE1".into()));
    let codes = |a: &smm_check::Analysis| -> Vec<&str> { a.findings().map(|f| f.code()).collect() };
    assert!(codes(&stub).contains(&"check::stub-evidence"));
    assert!(!codes(&stub).contains(&"check::no-evidence"));
    assert!(!codes(&real).contains(&"check::stub-evidence"));
}
