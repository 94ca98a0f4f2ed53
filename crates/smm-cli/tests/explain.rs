//! `smm explain ID`: a page per kind of id, aliases, where things are defined, unknown ids.

mod common;

use common::{Output, Project};

/// `smm explain ID` with the cache of built-in files inside the project, and the version in
/// its path replaced, so the snapshots survive a release.
fn explain(p: &Project, id: &str) -> Output {
    let mut command = p.smm(&["explain", id]);
    command.env("SMM_CACHE_DIR", p.path("cache"));
    let mut out = p.output(&mut command);
    let versioned = format!("builtin-{}", env!("CARGO_PKG_VERSION"));
    out.stdout = out.stdout.replace(&versioned, "builtin-[VERSION]");
    out
}

#[test]
fn a_practice() {
    let p = Project::new();
    let out = explain(&p, "access-control");
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_clause_with_parent_and_children() {
    let p = Project::new();
    let out = explain(&p, "iec62443-3-3:SR1.1");
    assert_eq!(out.code, 0, "{out:?}");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn an_annex_a_name_shows_the_annex_title_where_it_differs() {
    let p = Project::new();
    let out = explain(&p, "iso27001:A.5.34");
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.starts_with(
            "iso27002:5.34  Privacy and protection of personal identifiable information (PII)\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Annex A title")
            && out.stdout.contains("Privacy and protection of PII\n"),
        "{}",
        out.stdout
    );
    // The 27002 name of the same control shows no annex title.
    let direct = explain(&p, "iso27002:5.34");
    assert!(
        !direct.stdout.contains("Annex A title"),
        "{}",
        direct.stdout
    );
    // Nor does an Annex A name whose title is the same.
    let same = explain(&p, "iso27001:A.5.15");
    assert!(!same.stdout.contains("Annex A title"), "{}", same.stdout);
}

#[test]
fn an_enhancement_shows_its_security_level() {
    let p = Project::new();
    let out = explain(&p, "iec62443-3-3:SR2.12-RE1");
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("Security level"), "{}", out.stdout);
    assert!(out.stdout.contains("SL 4 and above"), "{}", out.stdout);
    let component = explain(&p, "iec62443-4-2:NDR5.2-RE2");
    assert!(
        component.stdout.contains("SL 3 and above"),
        "{}",
        component.stdout
    );
    // A base requirement records none.
    let base = explain(&p, "iec62443-3-3:SR2.12");
    assert!(!base.stdout.contains("Security level"), "{}", base.stdout);
}

#[test]
fn an_annex_a_name_is_explained_as_the_27002_control() {
    let p = Project::new();
    let out = explain(&p, "iso27001:A.5.15");
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.starts_with("iso27002:5.15  Access control\n"),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_standard() {
    let p = Project::new();
    let out = explain(&p, "iso27002");
    assert_eq!(out.code, 0, "{out:?}");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn a_standard_and_the_one_it_supersedes_name_each_other() {
    let p = Project::new();
    let newer = explain(&p, "iec62443-2-1").stdout;
    let older = explain(&p, "iec62443-2-1-2010").stdout;
    assert!(
        newer.contains("\nSupersedes     iec62443-2-1-2010  "),
        "{newer}"
    );
    assert!(older.contains("\nSuperseded by  iec62443-2-1  "), "{older}");
}

#[test]
fn domains_subdomains_and_frameworks_list_their_children() {
    let p = Project::new();
    let cases = [
        ("smm", "Domains        governance  Governance\n"),
        ("enablement", "Subdomains     identity-and-access-management  Identity and Access Management\n"),
        ("identity-and-access-management", "Practices      identities  Establishing and Maintaining Identities\n               access-control  Access Control\n"),
    ];
    for (id, children) in cases {
        let out = explain(&p, id);
        assert_eq!(out.code, 0, "{id}: {out:?}");
        assert!(out.stdout.contains(children), "{id}:\n{}", out.stdout);
    }
}

#[test]
fn a_clause_description_is_shown() {
    let p = Project::new();
    let out = explain(&p, "iec62443:SL1");
    assert!(
        out.stdout
            .contains("\nDescription    Holds up against accidental misuse"),
        "{}",
        out.stdout
    );
}

/// A page names the built-in catalog and the source it cites, never the read-only copy in the
/// cache folder (which is the editor's, for goto definition): explain writes nothing.
#[test]
fn defined_at_names_the_built_in_catalog_and_its_source() {
    let p = Project::new();
    let out = explain(&p, "iec62443-3-3:SR1.1");
    assert_eq!(out.code, 0, "{out:?}");
    let place = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Defined at     "))
        .expect("a Defined at line");
    let line: usize = place
        .strip_prefix("built-in catalog iec62443-3-3.smm, line ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{place}"));
    let catalog = smm_model::builtin::FILES
        .iter()
        .find(|(name, _)| *name == "iec62443-3-3.smm")
        .unwrap()
        .1;
    let at = catalog.lines().nth(line - 1).unwrap();
    assert!(at.contains("clause iec62443-3-3:SR1.1 \""), "{at}");
    assert!(
        out.stdout.contains("\nSource         IEC 62443-3-3:2013"),
        "{}",
        out.stdout
    );
    assert!(!p.path("cache").exists());
}

#[test]
fn unknown_ids_exit_2_with_a_suggestion() {
    let p = Project::new();
    // In a workspace; outside one a note says only the built-in catalog was searched.
    p.file("smm.toml", "");
    let cases = [
        ("acces-control", "did you mean `access-control`?"),
        ("iec62443-3-3:SR1.99", "did you mean `iec62443-3-3:SR1.9`?"),
        ("iso27001:A.5.155", "did you mean `iso27001:A.5.15`?"),
        (
            "SR1.1",
            "clauses are named with their standard: did you mean `iec62443-3-3:SR1.1`?",
        ),
        ("iec62443-3-4:SR1.1", "did you mean `iec62443-3-3:SR1.1`?"),
        ("nothing-like-it", "`smm catalog` lists every id"),
    ];
    for (id, help) in cases {
        let out = explain(&p, id);
        assert_eq!(out.code, 2, "{id}: {out:?}");
        assert_eq!(out.stdout, "", "{id}");
        assert_eq!(
            out.stderr,
            format!("error: unknown id `{id}`\nhelp: {help}\n"),
            "{id}"
        );
    }
}

#[test]
fn an_unknown_id_writes_no_cache() {
    let p = Project::new();
    explain(&p, "acces-control");
    assert!(!p.path("cache").exists());
}

#[test]
fn the_id_is_required() {
    let out = Project::new().run(&["explain"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("<ID>"), "{}", out.stderr);
}

/// The clause references an explain page lists, in order (the first word of each entry).
fn listed_clauses(page: &str) -> Vec<String> {
    page.lines()
        .filter(|l| !l.starts_with("                   ") && !l.starts_with("Defined at"))
        .filter_map(|l| l.get(15..))
        .filter_map(|v| v.split("  ").next())
        .filter(|w| w.contains(':') && !w.contains(' '))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_practice_lists_the_clauses_of_each_role_level_by_level() {
    let p = Project::new();
    let out = explain(&p, "identities");
    assert_eq!(out.code, 0, "{out:?}");
    let headings: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.ends_with(')') && !l.contains("  "))
        .collect();
    assert_eq!(
        headings,
        [
            "Asset owner (asset-owner)",
            "Product supplier (product-supplier)",
            "Service provider (service-provider)"
        ]
    );
    assert!(out
        .stdout
        .contains("\nMapping        smm-project-enablement, edition 2 (2026-12): smm project"));
}

#[test]
fn role_and_level_narrow_the_listing_to_what_the_model_maps() {
    let p = Project::new();
    let model = smm_model::builtin::model();
    for (practice, role, level) in [
        ("identities", "asset-owner", 2),
        ("patch-management", "product-supplier", 4),
        ("threat-modeling", "service-provider", 1),
    ] {
        let mut command = p.smm(&[
            "explain",
            practice,
            "--role",
            role,
            "--level",
            &level.to_string(),
        ]);
        command.env("SMM_CACHE_DIR", p.path("cache"));
        let out = p.output(&mut command);
        assert_eq!(out.code, 0, "{out:?}");
        let expected: Vec<String> = model
            .mapped_clauses(
                practice,
                smm_model::Level::from_number(level).unwrap(),
                smm_model::Role::from_id(role).unwrap(),
                &smm_model::Editions::newest(),
            )
            .iter()
            .map(|m| m.clause.reference())
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(
            listed_clauses(&out.stdout),
            expected,
            "{practice} {role} {level}"
        );
        let listing = out
            .stdout
            .split_once("\nLevels ")
            .map_or("", |(_, rest)| rest);
        assert!(listing.contains(&format!("\nLevel {level}  ")), "{listing}");
        assert!(
            !listing.contains(&format!("\nLevel {}  ", level + 1)),
            "{listing}"
        );
    }
}

#[test]
fn the_first_edition_of_62443_2_1_is_shown_only_when_asked() {
    let p = Project::new();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "explain",
            "security-program-management",
            "--role",
            "asset-owner",
        ];
        args.extend_from_slice(extra);
        let mut command = p.smm(&args);
        command.env("SMM_CACHE_DIR", p.path("cache"));
        let out = p.output(&mut command);
        assert_eq!(out.code, 0, "{out:?}");
        listed_clauses(&out.stdout)
    };
    let newest = run(&[]);
    let first = run(&["--edition", "iec62443-2-1-2010"]);
    let all = run(&["--edition", "all"]);
    let of = |clauses: &[String], standard: &str| {
        clauses
            .iter()
            .filter(|c| c.starts_with(&format!("{standard}:")))
            .count()
    };
    assert!(of(&newest, "iec62443-2-1") > 0 && of(&newest, "iec62443-2-1-2010") == 0);
    assert!(of(&first, "iec62443-2-1") == 0 && of(&first, "iec62443-2-1-2010") > 0);
    assert_eq!(of(&all, "iec62443-2-1"), of(&newest, "iec62443-2-1"));
    assert_eq!(
        of(&all, "iec62443-2-1-2010"),
        of(&first, "iec62443-2-1-2010")
    );
    let page = explain(&p, "security-program-management").stdout;
    assert!(
        page.contains("iec62443-2-1-2010 hidden: --edition\n               iec62443-2-1-2010 or --edition all shows it"),
        "{page}"
    );
}

#[test]
fn mapping_options_that_cannot_apply_are_refused() {
    let p = Project::new();
    let cases: [(&[&str], &str); 5] = [
        (
            &["patch-management", "--edition", "iso27002"],
            "error: --edition iso27002: `iso27002` has a single edition: there is nothing to choose\n",
        ),
        (
            &["patch-management", "--edition", "iec62443-2-2"],
            "error: --edition iec62443-2-2: unknown standard `iec62443-2-2`\n",
        ),
        (
            &["patch-management", "--edition", "all", "--edition", "iec62443-2-1-2010"],
            "error: `--edition all` already shows every edition: give it alone\n",
        ),
        (
            &["iso27002", "--role", "asset-owner"],
            "error: `--role`, `--level` and `--edition` narrow a practice's mapping; `iso27002` is a standard\n",
        ),
        (
            &["iec62443-3-3:SR1.1", "--level", "2"],
            "error: `--level` and `--edition` narrow a practice's mapping; `iec62443-3-3:SR1.1` is a clause (`--role` works)\n",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["explain"];
        all.extend_from_slice(args);
        let out = p.run(&all);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(out.stderr, expected, "{args:?}");
    }
    for bad in [["--level", "5"], ["--role", "owner"]] {
        let out = p.run(&["explain", "patch-management", bad[0], bad[1]]);
        assert_eq!(out.code, 2, "{bad:?}: {out:?}");
        assert!(out.stderr.contains(bad[1]), "{}", out.stderr);
    }
}

#[test]
fn a_clause_lists_the_practices_and_levels_that_map_to_it() {
    let p = Project::new();
    let model = smm_model::builtin::model();
    let clause = "iec62443-3-3:SR1.1";
    let edges = model.practices_mapped_to(clause);
    assert!(!edges.is_empty());
    let out = explain(&p, clause);
    let listed: Vec<String> = out
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Mapped from"))
        // The field's own lines: its label, then continuations with a blank label.
        .take_while(|l| l.starts_with("Mapped from") || l.starts_with("               "))
        .filter_map(|l| l.get(15..))
        .filter(|l| !l.starts_with("    ") && !l.contains('/'))
        .map(|l| l.split("  ").next().unwrap().to_string())
        .collect();
    let expected: Vec<String> = edges
        .iter()
        .map(|e| format!("{} level {}", e.practice, e.level.number()))
        .collect();
    assert_eq!(listed, expected, "{}", out.stdout);

    // With a role, only that role's edges; `none` when it has none.
    let role = smm_model::Role::ServiceProvider;
    let out = p.run(&["explain", clause, "--role", role.id()]);
    assert_eq!(out.code, 0, "{out:?}");
    let for_role = edges.iter().filter(|e| e.roles.contains(&role)).count();
    let mapped_from = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("Mapped from"))
        .count();
    assert_eq!(mapped_from, 1, "{}", out.stdout);
    if for_role == 0 {
        assert!(
            out.stdout
                .contains("\nMapped from    none for service-provider\n"),
            "{}",
            out.stdout
        );
    } else {
        assert!(!out.stdout.contains("none for"), "{}", out.stdout);
    }
}

#[test]
fn a_clause_left_unmapped_shows_none_and_the_reason() {
    let p = Project::new();
    let out = explain(&p, "iec62443-4-2:CR7.5");
    assert_eq!(out.code, 0, "{out:?}");
    // The mapping part only: the catalog's source and line above and below it change with
    // the catalog file, not with the mapping.
    let start = out
        .stdout
        .find("\nMapped from")
        .expect("a Mapped from line");
    let end = out.stdout.find("\nSource ").expect("a Source line");
    insta::assert_snapshot!(&out.stdout[start + 1..end + 1]);
}

#[test]
fn a_clause_nothing_maps_says_so() {
    let p = Project::new();
    p.file("smm.toml", "").file(
        "acme.smm",
        "standard acme \"ACME rules\" {\n  role asset-owner\n  clause acme:R1 \"Zones\"\n}\n",
    );
    let out = explain(&p, "acme:R1");
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("\nMapped from    none\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("Unmapped"), "{}", out.stdout);
}

#[test]
fn a_diagnostic_code_is_explained_from_the_shared_table() {
    let p = Project::new();
    for code in smm_check::codes::CODES {
        let out = p.run(&["explain", code.id]);
        assert_eq!(out.code, 0, "{}: {out:?}", code.id);
        assert!(
            out.stdout.starts_with(&format!(
                "{}  {}\n\nKind           diagnostic code\nSeverity       {}\n",
                code.id,
                code.summary,
                code.severity.as_str()
            )),
            "{}",
            out.stdout
        );
    }
    let out = p.run(&["explain", "check::unmet-targt"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: unknown code `check::unmet-targt`\nhelp: did you mean `check::unmet-target`?\n"
    );
}

/// An empty or relative `XDG_CACHE_HOME` is ignored, as the XDG rules say: the copy of the
/// built-in files (written when a note points into them, here a clash with a built-in
/// standard) goes under `$HOME/.cache`, never into the current directory (a user's repository).
#[test]
fn the_builtin_copy_never_lands_in_the_current_directory() {
    let p = Project::new();
    p.dir("work").dir("home");
    p.file(
        "work/mine.smm",
        "standard iso27002 \"Mine\" {\n  source \"me\"\n  role asset-owner\n}\n",
    );
    for xdg in ["", "cache"] {
        let mut command = p.smm_in("work", &["check"]);
        command
            .env_remove("SMM_CACHE_DIR")
            .env("HOME", p.path("home"))
            .env("XDG_CACHE_HOME", xdg);
        let out = p.output(&mut command);
        assert_eq!(out.code, 1, "{out:?}");
        assert!(
            out.stdout.contains("[ROOT]/home/.cache/smm/builtin-"),
            "{}",
            out.stdout
        );
        assert_eq!(
            std::fs::read_dir(p.path("work")).unwrap().count(),
            1,
            "{xdg:?}: only mine.smm"
        );
    }
}

/// A 62443-4-2 form says which kind of component it is for, not only its repeated title.
#[test]
fn a_component_form_says_what_kind_of_component_it_is_for() {
    let p = Project::new();
    for (id, kind) in [
        ("iec62443-4-2:NDR1.6", "network devices (NDR)"),
        ("iec62443-4-2:SAR2.4", "software applications (SAR)"),
        ("iec62443-4-2:CR1.1", "every kind of component (CR)"),
    ] {
        let out = explain(&p, id);
        assert_eq!(out.code, 0, "{out:?}");
        assert!(
            out.stdout
                .contains(&format!("\nComponent      for {kind}\n")),
            "{id}: {}",
            out.stdout
        );
    }
    let out = explain(&p, "iec62443-3-3:SR1.1");
    assert!(!out.stdout.contains("\nComponent "), "{}", out.stdout);
}
