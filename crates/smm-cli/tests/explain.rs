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

#[test]
fn defined_at_names_a_read_only_copy_that_holds_the_definition() {
    let p = Project::new();
    let out = explain(&p, "iec62443-3-3:SR1.1");
    let place = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Defined at     "))
        .expect("a Defined at line");
    let place = place.replace("[ROOT]", &p.root.display().to_string());
    let place = place.replace(
        "builtin-[VERSION]",
        &format!("builtin-{}", env!("CARGO_PKG_VERSION")),
    );
    let mut parts = place.rsplitn(3, ':');
    let column: usize = parts.next().unwrap().parse().unwrap();
    let line: usize = parts.next().unwrap().parse().unwrap();
    let path = parts.next().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let at = &text.lines().nth(line - 1).unwrap()[column - 1..];
    assert!(at.starts_with("iec62443-3-3:SR1.1 \""), "{at}");
    assert!(std::fs::metadata(path).unwrap().permissions().readonly());
}

#[test]
fn without_a_cache_the_built_in_file_is_named() {
    let p = Project::new();
    // A file where the cache folder should be: the cache cannot be written.
    p.file("cache", "");
    let out = explain(&p, "access-control");
    assert_eq!(out.code, 0, "{out:?}");
    let place = out.stdout.lines().last().unwrap();
    let line = place
        .strip_prefix("Defined at     built in (smm.smm:")
        .and_then(|rest| rest.strip_suffix(')'));
    assert!(line.is_some_and(|l| l.parse::<usize>().is_ok()), "{place}");
    assert_eq!(out.stderr, "");
}

#[test]
fn unknown_ids_exit_2_with_a_suggestion() {
    let p = Project::new();
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
