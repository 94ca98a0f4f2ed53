//! One folder per check code under `tests/fixtures/codes/`: `fires.smm` must give the code (its
//! findings are snapshotted), `near-miss.smm` must not. Each fix found in `fires.smm` is applied
//! and the file checked again: the finding is gone, nothing new appears, and the file still
//! formats. Every `check::` code of the table has its folder.

use std::path::{Path, PathBuf};

use smm_check::disk::confine::Confinement;
use smm_check::{check, codes, Analysis, CheckOptions, Day, Loader, Located, Workspace};

struct OneFile {
    path: PathBuf,
    text: String,
}

impl Loader for OneFile {
    fn files(&self) -> Vec<PathBuf> {
        vec![self.path.clone()]
    }
    fn read(&self, _: &Path) -> Result<String, String> {
        Ok(self.text.clone())
    }
    /// Confined to the fixture's folder, as the CLI confines links to the workspace root.
    fn locate(&self, from: &Path, link: &Path) -> Located {
        let root = self.path.parent().unwrap();
        Confinement::new(root, &[]).locate(from, link)
    }
}

fn options() -> CheckOptions {
    CheckOptions {
        as_of: None,
        expiry_warning_days: Some(30),
        only: None,
        ..CheckOptions::default()
    }
}

fn run(path: &Path, text: &str) -> (Workspace, Analysis, OneFile) {
    let loader = OneFile {
        path: path.to_path_buf(),
        text: text.to_string(),
    };
    let workspace = Workspace::load(&loader);
    let analysis = check(
        &workspace,
        &smm_model::builtin::model(),
        &loader,
        &options(),
    );
    (workspace, analysis, loader)
}

fn codes_of(analysis: &Analysis) -> Vec<&'static str> {
    analysis.findings().map(|f| f.code()).collect()
}

fn render(workspace: &Workspace, analysis: &Analysis, text: &str) -> String {
    let shown = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
    let diagnostics: Vec<_> = analysis
        .findings()
        .map(|f| f.to_diagnostic(workspace, &shown))
        .collect();
    smm_syntax::render(&diagnostics, "fires.smm", text, false)
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codes")
}

#[test]
fn each_code_fires_on_its_fixture_and_not_on_the_near_miss() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let code = format!("check::{name}");
        assert!(codes::lookup(&code).is_some(), "{name} is not a code");

        let fires = dir.join("fires.smm");
        let text = std::fs::read_to_string(&fires).unwrap();
        assert!(
            smm_syntax::parse(&text).errors.is_empty(),
            "{name}: syntax errors"
        );
        let (workspace, analysis, _) = run(&fires, &text);
        assert!(
            codes_of(&analysis).contains(&code.as_str()),
            "{name}: did not fire: {:?}",
            codes_of(&analysis)
        );
        insta::assert_snapshot!(name.clone(), render(&workspace, &analysis, &text));

        let near = dir.join("near-miss.smm");
        let text = std::fs::read_to_string(&near).unwrap();
        let (_, analysis, _) = run(&near, &text);
        assert!(
            !codes_of(&analysis).contains(&code.as_str()),
            "{name}: fired on the near miss: {:#?}",
            analysis.findings().collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_check_code_has_fixtures() {
    for code in codes::CODES.iter().filter(|c| c.id.starts_with("check::")) {
        let name = code.id.trim_start_matches("check::");
        assert!(
            fixtures().join(name).join("fires.smm").exists(),
            "no fixture for {}",
            code.id
        );
    }
}

/// Applying a fix removes its finding and adds none, and the file still formats.
#[test]
fn every_fix_works() {
    let mut fixes = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path().join("fires.smm");
        let text = std::fs::read_to_string(&path).unwrap();
        let (_, analysis, _) = run(&path, &text);
        for finding in analysis.findings().filter(|f| f.fix.is_some()) {
            fixes += 1;
            let fix = finding.fix.as_ref().unwrap();
            let mut fixed = text.clone();
            let mut edits = fix.edits.clone();
            edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
            for edit in edits {
                fixed.replace_range(edit.span.range(), &edit.text);
            }
            let (_, after, _) = run(&path, &fixed);
            let before_others: Vec<_> = analysis
                .findings()
                .filter(|f| !std::ptr::eq(*f, finding))
                .map(|f| (f.code(), f.diagnostic.message.clone()))
                .collect();
            let after_all: Vec<_> = after
                .findings()
                .map(|f| (f.code(), f.diagnostic.message.clone()))
                .collect();
            for found in &after_all {
                assert!(
                    before_others.contains(found),
                    "{}: fix `{}` brought {found:?}",
                    path.display(),
                    fix.title
                );
            }
            assert!(
                !after_all.contains(&(finding.code(), finding.diagnostic.message.clone())),
                "{}: fix `{}` left its finding",
                path.display(),
                fix.title
            );
            assert!(smm_syntax::format(&fixed).is_ok(), "{}", path.display());
        }
    }
    assert!(fixes >= 5, "only {fixes} fixes exercised");
}

/// `--as-of` replaces the assessment's date, and the same input gives the same output.
#[test]
fn dates_are_judged_as_of_the_given_day_only() {
    let text = "profile p {\n  role asset-owner\n  target patch-management level 1\n}\n\nassessment a {\n  profile p\n  date 2026-01-01\n  practice patch-management level 1 {\n    evidence \"Log\" implements iso27002:8.8 expires 2026-06-30\n  }\n}\n";
    let path = Path::new("/nowhere/a.smm");
    let loader = OneFile {
        path: path.into(),
        text: text.into(),
    };
    let workspace = Workspace::load(&loader);
    let model = smm_model::builtin::model();
    let at = |day: Option<&str>| {
        let options = CheckOptions {
            as_of: day.map(|d| Day::parse(d).unwrap()),
            expiry_warning_days: Some(30),
            only: None,
            ..CheckOptions::default()
        };
        let analysis = check(&workspace, &model, &loader, &options);
        codes_of(&analysis)
            .into_iter()
            .filter(|c| c.starts_with("check::evidence-"))
            .collect::<Vec<_>>()
    };
    assert_eq!(at(None), Vec::<&str>::new());
    assert_eq!(at(Some("2026-06-15")), ["check::evidence-expiring"]);
    assert_eq!(at(Some("2026-07-01")), ["check::evidence-expired"]);
    assert_eq!(at(Some("2026-07-01")), at(Some("2026-07-01")));
}
