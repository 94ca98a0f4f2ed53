//! The built-in catalogs: clean, complete and consistent.

use std::path::Path;

use smm_model::{builtin, Entry, Model};

fn model() -> std::sync::Arc<Model> {
    builtin::model()
}

#[test]
fn every_builtin_file_parses_and_is_formatted() {
    for (name, text) in builtin::FILES {
        let parse = smm_syntax::parse(text);
        assert!(parse.errors.is_empty(), "{name}: {:#?}", parse.errors);
        assert_eq!(
            smm_syntax::format(text).unwrap(),
            *text,
            "{name} is not formatted"
        );
    }
}

#[test]
fn builtin_catalogs_have_no_model_problems() {
    let problems: Vec<_> = builtin::diagnostics()
        .into_iter()
        .map(|d| format!("{:?}: {}", d.file, d.diagnostic.message))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_data_file_is_embedded() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut on_disk: Vec<String> = std::fs::read_dir(data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".smm"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = builtin::FILES.iter().map(|(n, _)| n.to_string()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

fn count(model: &Model, standard: &str, matches: impl Fn(&str) -> bool) -> usize {
    let standard = model.standard(standard).unwrap();
    model
        .clauses_of(standard)
        .filter(|c| matches(&c.id))
        .count()
}

fn is_match(pattern: &str, id: &str) -> bool {
    // A tiny matcher: `#` is one or more digits, every other character is itself.
    fn go(p: &[u8], s: &[u8]) -> bool {
        match p.first() {
            None => s.is_empty(),
            Some(b'#') => {
                let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
                (1..=digits).any(|n| go(&p[1..], &s[n..]))
            }
            Some(c) => s.first() == Some(c) && go(&p[1..], &s[1..]),
        }
    }
    go(pattern.as_bytes(), id.as_bytes())
}

#[test]
fn counts_match_the_published_structure() {
    let m = model();
    assert_eq!(count(&m, "iec62443-3-3", |id| is_match("FR#", id)), 7);
    assert_eq!(count(&m, "iec62443-3-3", |id| is_match("SR#.#", id)), 51);
    // Clause 4, the common control system security constraints: 4.2 to 4.4 under a clause 4.
    assert_eq!(count(&m, "iec62443-3-3", |id| is_match("4.#", id)), 3);
    assert_eq!(count(&m, "iec62443-3-3", |id| id == "4"), 1);
    // IEC 62443-3-2: 7 ZCR groups and 32 zone, conduit and risk assessment requirements.
    assert_eq!(count(&m, "iec62443-3-2", |id| is_match("ZCR#", id)), 7);
    assert_eq!(count(&m, "iec62443-3-2", |id| is_match("ZCR#.#", id)), 32);
    let zcrs: Vec<usize> = (1..=7)
        .map(|g| count(&m, "iec62443-3-2", |id| is_match(&format!("ZCR{g}.#"), id)))
        .collect();
    assert_eq!(zcrs, [1, 1, 6, 1, 13, 9, 1]);
    // IEC 62443-4-2: the four common component security constraints under a clause 4.
    assert_eq!(count(&m, "iec62443-4-2", |id| is_match("CCSC#", id)), 4);
    assert_eq!(count(&m, "iec62443-4-2", |id| id == "4"), 1);
    // IEC 62443-2-4: the twelve functional areas SP.01 to SP.12.
    assert_eq!(count(&m, "iec62443-2-4", |id| is_match("SP.#", id)), 12);
    let practices = ["SM", "SR", "SD", "SI", "SVV", "DM", "SUM", "SG"];
    assert_eq!(count(&m, "iec62443-4-1", |id| practices.contains(&id)), 8);
    assert_eq!(
        count(&m, "iec62443-4-1", |id| practices
            .iter()
            .any(|p| is_match(&format!("{p}-#"), id))),
        47
    );
    let elements = ["ORG", "CM", "NET", "COMP", "DATA", "USER", "EVENT", "AVAIL"];
    assert_eq!(count(&m, "iec62443-2-1", |id| elements.contains(&id)), 8);
    let themes: Vec<usize> = ["5", "6", "7", "8"]
        .iter()
        .map(|theme| count(&m, "iso27002", |id| is_match(&format!("{theme}.#"), id)))
        .collect();
    assert_eq!(themes, [37, 8, 14, 34]);
    assert_eq!(count(&m, "iso27002", |id| is_match("#.#", id)), 93);
    let smm = m.framework("smm").unwrap();
    assert_eq!(smm.domains.len(), 3);
    let subdomains: usize = smm
        .domains
        .iter()
        .map(|d| m.domain(d).unwrap().subdomains.len())
        .sum();
    assert_eq!(subdomains, 9);
    assert_eq!(m.practices().count(), 18);
}

#[test]
fn every_practice_has_an_objective_and_four_levels() {
    let m = model();
    for p in m.practices() {
        assert!(p.objective.is_some(), "{}", p.id);
        assert!(p.levels.iter().all(Option::is_some), "{}", p.id);
        assert!(!p.name.is_empty());
    }
}

#[test]
fn every_standard_names_its_source_and_roles() {
    let m = model();
    assert!(m.standards().count() >= 9);
    for s in m.standards() {
        assert!(
            s.source.as_deref().is_some_and(|x| !x.is_empty()),
            "{}",
            s.id
        );
        assert!(!s.roles.is_empty(), "{}", s.id);
        assert!(!s.title.is_empty(), "{}", s.id);
        for c in m.clauses_of(s) {
            assert!(!c.title.is_empty(), "{}", c.reference());
            assert!(
                c.licensed.is_empty(),
                "built-in data must not carry requirement text"
            );
        }
    }
}

#[test]
fn every_clause_in_the_examples_resolves() {
    let m = model();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut seen = 0;
    let mut stack = vec![examples];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "smm") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for token in smm_syntax::lex(&text).tokens {
                if token.kind == smm_syntax::TokenKind::ClauseRef {
                    let reference = &text[token.span.range()];
                    assert!(
                        m.clause(reference).is_some(),
                        "{}: {reference}",
                        path.display()
                    );
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 20, "only {seen} clause references in the examples");
}

#[test]
fn annex_a_of_27001_is_27002() {
    let m = model();
    let via_annex = m.clause("iso27001:A.5.15").unwrap();
    assert_eq!(via_annex.reference(), "iso27002:5.15");
    assert_eq!(via_annex.title, "Access control");
    assert!(m.clause("iso27001:A.9.99").is_none());
    assert!(m.clause("iso27001:B.5.15").is_none());
}

#[test]
fn parents_and_children() {
    let m = model();
    let sr = m.resolve("iec62443-3-3:SR1.1").unwrap();
    let parent = m.parent(&sr).unwrap();
    assert_eq!(parent.id(), "iec62443-3-3:FR1");
    assert!(m
        .children(&sr)
        .iter()
        .any(|c| c.id() == "iec62443-3-3:SR1.1-RE1"));
    for (child, parent) in [
        ("iec62443-3-2:ZCR5.13", "iec62443-3-2:ZCR5"),
        ("iec62443-3-3:4.3", "iec62443-3-3:4"),
        ("iec62443-4-2:CCSC4", "iec62443-4-2:4"),
    ] {
        let entry = m.resolve(child).unwrap();
        assert_eq!(m.parent(&entry).unwrap().id(), parent, "{child}");
    }
    let practice = m.resolve("access-control").unwrap();
    assert!(matches!(practice, Entry::Practice(_)));
    let subdomain = m.parent(&practice).unwrap();
    assert_eq!(m.parent(&subdomain).unwrap().id(), "enablement");
}

#[test]
fn completion_by_prefix() {
    let m = model();
    let sr1 = m.complete("iec62443-3-3:SR1.1");
    assert!(sr1.contains(&"iec62443-3-3:SR1.1".to_string()), "{sr1:?}");
    assert!(sr1.contains(&"iec62443-3-3:SR1.13".to_string()), "{sr1:?}");
    assert!(sr1.iter().all(|c| c.starts_with("iec62443-3-3:SR1.1")));
    let annex = m.complete("iso27001:A.5.1");
    assert!(annex.contains(&"iso27001:A.5.15".to_string()), "{annex:?}");
    assert!(m
        .complete("iso27001:")
        .contains(&"iso27001:A.8.34".to_string()));
    assert_eq!(m.complete("access-c"), ["access-control"]);
    assert_eq!(
        m.complete("iec62443-"),
        [
            "iec62443-2-1",
            "iec62443-2-1-2010",
            "iec62443-2-4",
            "iec62443-3-2",
            "iec62443-3-3",
            "iec62443-4-1",
            "iec62443-4-2"
        ]
    );
}

#[test]
fn the_cache_holds_read_only_copies() {
    let dir = tempfile::tempdir().unwrap();
    let paths = builtin::write_cache(dir.path()).unwrap();
    assert_eq!(paths.len(), builtin::FILES.len());
    for (path, (_, text)) in paths.iter().zip(builtin::FILES) {
        assert_eq!(std::fs::read_to_string(path).unwrap(), *text);
        assert!(std::fs::metadata(path).unwrap().permissions().readonly());
    }
    // A second call leaves good files alone.
    assert_eq!(builtin::write_cache(dir.path()).unwrap(), paths);
}

#[test]
fn the_cache_is_tagged_and_its_files_are_known_as_copies() {
    let dir = tempfile::tempdir().unwrap();
    let paths = builtin::write_cache(dir.path()).unwrap();
    let tag = std::fs::read_to_string(dir.path().join(builtin::CACHEDIR_TAG)).unwrap();
    assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
    assert!(paths.iter().all(|p| builtin::is_builtin_copy(p)));
    // The same name elsewhere is a user's file.
    let elsewhere = tempfile::tempdir().unwrap();
    let name = paths[0].file_name().unwrap();
    std::fs::write(elsewhere.path().join(name), "").unwrap();
    assert!(!builtin::is_builtin_copy(&elsewhere.path().join(name)));
}

#[test]
fn the_cache_follows_the_xdg_rules() {
    use std::ffi::OsString;
    let version = format!("builtin-{}", env!("CARGO_PKG_VERSION"));
    let with = |vars: &[(&str, &str)]| {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        builtin::cache_dir_from(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    };
    let home = std::path::PathBuf::from("/home/u/.cache/smm").join(&version);
    assert_eq!(with(&[("HOME", "/home/u")]), Some(home.clone()));
    // Empty or relative XDG_CACHE_HOME is ignored, not the current directory.
    assert_eq!(
        with(&[("HOME", "/home/u"), ("XDG_CACHE_HOME", "")]),
        Some(home.clone())
    );
    assert_eq!(
        with(&[("HOME", "/home/u"), ("XDG_CACHE_HOME", "cache")]),
        Some(home.clone())
    );
    assert_eq!(
        with(&[("HOME", "/home/u"), ("XDG_CACHE_HOME", "/x")]),
        Some(std::path::PathBuf::from("/x/smm").join(&version))
    );
    assert_eq!(
        with(&[
            ("HOME", "/home/u"),
            ("SMM_CACHE_DIR", "rel"),
            ("XDG_CACHE_HOME", "/x")
        ]),
        Some(std::path::PathBuf::from("/x/smm").join(&version))
    );
    assert_eq!(with(&[("HOME", "")]), None);
    assert_eq!(with(&[]), None);
}

#[test]
fn every_62443_3_3_enhancement_has_a_security_level_and_annex_a_titles_differ_where_recorded() {
    let model = smm_model::builtin::model();
    let standard = model.standard("iec62443-3-3").unwrap();
    let enhancements: Vec<_> = model
        .clauses_of(standard)
        .filter(|c| c.id.contains("-RE"))
        .collect();
    assert_eq!(enhancements.len(), 49);
    for re in &enhancements {
        let level = re
            .security_level
            .unwrap_or_else(|| panic!("{} has none", re.id));
        assert!((2..=4).contains(&level), "{}: SL{level}", re.id);
    }
    // Base requirements carry none: the catalogs record enhancements only.
    assert!(model
        .clauses_of(standard)
        .filter(|c| !c.id.contains("-RE"))
        .all(|c| c.security_level.is_none()));
    let four_two = model.standard("iec62443-4-2").unwrap();
    let with_level = model
        .clauses_of(four_two)
        .filter(|c| c.security_level.is_some())
        .count();
    assert_eq!(with_level, 48, "every 4-2 RE but CR 6.1 RE 1");
    assert_eq!(
        model.title_as_named("iso27001:A.5.34"),
        Some("Privacy and protection of PII")
    );
    assert_eq!(
        model.title_as_named("iso27002:5.34"),
        Some("Privacy and protection of personal identifiable information (PII)")
    );
    assert_eq!(
        model.title_as_named("iso27001:A.5.1"),
        model.title_as_named("iso27002:5.1")
    );
}
