//! The built-in mapping keeps the rules it is written to: every practice, level and role has
//! 62443 and ISO clauses, levels grow, parts serve only their roles, and every edge explains
//! itself in words of its own. Each rule is a function returning its violations, so that a
//! failure lists all of them, and each is first shown to catch a deliberately broken mapping.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use smm_model::{builtin, Editions, Level, MapEdge, Model, ModelBuilder, Origin, Role};

const LEVELS: [Level; 4] = [
    Level::Minimum,
    Level::AdHoc,
    Level::Consistent,
    Level::Formalized,
];

/// The parts of 62443 each role may be mapped to (the role model of grammar/README.md 6.12):
/// the owner gets the program part in both editions, the system capabilities it requires and
/// the risk assessment it carries out; the service provider its own part, the system
/// capabilities it delivers and the risk assessment it carries out for an owner, but not the
/// owner's program; the supplier the development and component parts, and the system part for
/// suppliers of systems. ISO serves everyone.
fn parts_for(role: Role) -> &'static [&'static str] {
    match role {
        Role::AssetOwner => &[
            "iec62443-2-1",
            "iec62443-2-1-2010",
            "iec62443-3-3",
            "iec62443-3-2",
        ],
        Role::ProductSupplier => &["iec62443-4-1", "iec62443-4-2", "iec62443-3-3"],
        Role::ServiceProvider => &["iec62443-2-4", "iec62443-3-3", "iec62443-3-2"],
    }
}

fn is_62443(standard: &str) -> bool {
    standard.starts_with("iec62443-")
}

fn is_iso(standard: &str) -> bool {
    standard == "iso27001" || standard == "iso27002"
}

fn standard_of(edge: &MapEdge) -> &str {
    edge.clause.split_once(':').map_or("", |(s, _)| s)
}

/// The two views of 62443-2-1: the default (Edition 2) for every role, and Edition 1 for the
/// roles that edition serves (the asset owner).
fn views(model: &Model) -> Vec<(&'static str, Editions, Vec<Role>)> {
    let mut first = Editions::newest();
    model.follow(&mut first, "iec62443-2-1-2010").unwrap();
    let served = model.standard("iec62443-2-1-2010").unwrap().roles.clone();
    vec![
        ("Ed2", Editions::newest(), Role::ALL.to_vec()),
        ("Ed1", first, served),
    ]
}

fn coverage(model: &Model) -> Vec<String> {
    let mut found = Vec::new();
    for (view, editions, roles) in views(model) {
        for practice in model.practices() {
            for &role in &roles {
                for level in LEVELS {
                    let clauses = model.mapped_clauses(&practice.id, level, role, &editions);
                    for (kind, wanted) in [("62443", is_62443 as fn(&str) -> bool), ("ISO", is_iso)]
                    {
                        if !clauses.iter().any(|m| wanted(m.standard())) {
                            found.push(format!(
                                "{} level {} {} ({view}): no {kind} clause",
                                practice.id,
                                level.number(),
                                role.id()
                            ));
                        }
                    }
                }
            }
        }
    }
    found
}

/// In the default view each level adds a 62443 clause for each role; in the Edition 1 view it
/// adds some clause. Otherwise one of the level's edges for that role carries a note saying why.
fn growth(model: &Model) -> Vec<String> {
    let mut found = Vec::new();
    for (view, editions, roles) in views(model) {
        for practice in model.practices() {
            for &role in &roles {
                for level in &LEVELS[1..] {
                    let added = model.introduced_clauses(&practice.id, *level, role, &editions);
                    let grows = match view {
                        "Ed2" => added.iter().any(|m| is_62443(m.standard())),
                        _ => !added.is_empty(),
                    };
                    let explained = added.iter().any(|m| m.edge.note.is_some());
                    if !grows && !explained {
                        found.push(format!(
                            "{} level {} {} ({view}): adds no {}clause and no note says why",
                            practice.id,
                            level.number(),
                            role.id(),
                            if view == "Ed2" { "62443 " } else { "" }
                        ));
                    }
                }
            }
        }
    }
    found
}

fn roles_and_parts(model: &Model) -> Vec<String> {
    let mut found = Vec::new();
    for edge in model.edges() {
        let standard = standard_of(edge);
        if !is_62443(standard) {
            continue;
        }
        for role in &edge.roles {
            if !parts_for(*role).contains(&standard) {
                found.push(format!(
                    "{} level {} → {}: {standard} does not serve {}",
                    edge.practice,
                    edge.level.number(),
                    edge.clause,
                    role.id()
                ));
            }
        }
    }
    found
}

fn rationales(model: &Model) -> Vec<String> {
    let mut found = Vec::new();
    let mut seen: HashMap<String, &MapEdge> = HashMap::new();
    for edge in model.edges() {
        let name = format!(
            "{} level {} → {}",
            edge.practice,
            edge.level.number(),
            edge.clause
        );
        let Some(rationale) = edge.rationale.as_deref().map(str::trim) else {
            found.push(format!("{name}: no rationale"));
            continue;
        };
        if rationale.split_whitespace().count() < 5 {
            found.push(format!(
                "{name}: the rationale is too short to explain anything"
            ));
        }
        let key = rationale.to_lowercase();
        if let Some(first) = seen.get(&key) {
            found.push(format!(
                "{name}: same rationale as {} level {} → {}",
                first.practice,
                first.level.number(),
                first.clause
            ));
        } else {
            seen.insert(key, edge);
        }
    }
    found
}

/// A clause reaches a practice for a role once: at two levels it would only repeat itself,
/// since levels are cumulative.
fn repeats(model: &Model) -> Vec<String> {
    let mut found = Vec::new();
    let mut seen: HashSet<(&str, &str, Role)> = HashSet::new();
    for edge in model.edges() {
        for role in &edge.roles {
            if !seen.insert((&edge.practice, &edge.clause, *role)) {
                found.push(format!(
                    "{} → {} for {} is mapped twice",
                    edge.practice,
                    edge.clause,
                    role.id()
                ));
            }
        }
    }
    found
}

/// A 62443-4-2 component requirement and its forms per component type (`CR3.2`, `SAR3.2`,
/// `EDR3.2`, `HDR3.2`, `NDR3.2`, each with the same enhancements) are one requirement: they
/// count once toward a cell's dozen, so that following a CR with its forms costs no room.
fn requirement_of(id: &str) -> Cow<'_, str> {
    let Some(local) = id.strip_prefix("iec62443-4-2:") else {
        return Cow::Borrowed(id);
    };
    for form in ["SAR", "EDR", "HDR", "NDR"] {
        if let Some(rest) = local.strip_prefix(form) {
            return Cow::Owned(format!("iec62443-4-2:CR{rest}"));
        }
    }
    Cow::Borrowed(id)
}

fn cell_sizes(model: &Model) -> Vec<String> {
    let mut found = Vec::new();
    for (view, editions, roles) in views(model) {
        for practice in model.practices() {
            for &role in &roles {
                for level in LEVELS {
                    let added = model.introduced_clauses(&practice.id, level, role, &editions);
                    let requirements: HashSet<String> = added
                        .iter()
                        .map(|c| requirement_of(&c.clause.reference()).into_owned())
                        .collect();
                    if requirements.len() > 12 {
                        found.push(format!(
                            "{} level {} {} ({view}): {} new requirements; keep to the dozen that matter",
                            practice.id,
                            level.number(),
                            role.id(),
                            requirements.len()
                        ));
                    }
                }
            }
        }
    }
    found
}

/// A security level explains a technical requirement (3-3, 4-2), a maturity level a process
/// (2-1, 2-4, 4-1); ISO has neither.
fn vias(model: &Model) -> Vec<String> {
    let mut found = Vec::new();
    for edge in model.edges() {
        let Some(via) = &edge.via else { continue };
        let standard = standard_of(edge);
        let fits = match via.strip_prefix("iec62443:") {
            Some(sl) if sl.starts_with("SL") => {
                ["iec62443-3-3", "iec62443-4-2"].contains(&standard)
            }
            Some(ml) if ml.starts_with("ML") => [
                "iec62443-2-1",
                "iec62443-2-1-2010",
                "iec62443-2-4",
                "iec62443-4-1",
            ]
            .contains(&standard),
            _ => false,
        };
        if !fits {
            found.push(format!(
                "{} level {} → {}: via {via} does not explain a clause of {standard}",
                edge.practice,
                edge.level.number(),
                edge.clause
            ));
        }
    }
    found
}

fn assert_none(rule: &str, found: Vec<String>) {
    assert!(
        found.is_empty(),
        "{rule}: {} violation(s)\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn every_practice_level_and_role_has_a_62443_and_an_iso_clause() {
    assert_none("coverage", coverage(&builtin::model()));
}

#[test]
fn each_level_adds_a_clause_for_each_role_or_says_why_not() {
    assert_none("growth", growth(&builtin::model()));
}

#[test]
fn each_part_of_62443_serves_only_its_roles() {
    assert_none("roles", roles_and_parts(&builtin::model()));
}

#[test]
fn every_edge_explains_itself_in_words_of_its_own() {
    assert_none("rationales", rationales(&builtin::model()));
}

#[test]
fn no_edge_is_repeated() {
    assert_none("repeats", repeats(&builtin::model()));
}

#[test]
fn each_level_brings_at_most_a_dozen_clauses() {
    assert_none("cell sizes", cell_sizes(&builtin::model()));
}

#[test]
fn security_and_maturity_levels_explain_the_right_parts() {
    assert_none("via", vias(&builtin::model()));
}

#[test]
fn the_mappings_say_whose_they_are() {
    let model = builtin::model();
    assert!(model.mappings().count() >= 3);
    for mapping in model.mappings() {
        let source = mapping.source.as_deref().unwrap_or_default();
        assert!(
            source.contains("smm project") && source.contains("not the IIC's or ISA's"),
            "{}: {source}",
            mapping.id
        );
    }
}

#[test]
fn every_edge_names_a_clause_of_the_model() {
    let model = builtin::model();
    for edge in model.edges() {
        let clause = model.clause(&edge.clause).expect(&edge.clause);
        assert_eq!(clause.reference(), edge.clause, "edges hold canonical keys");
        if let Some(via) = &edge.via {
            assert!(model.clause(via).is_some(), "{via}");
        }
    }
}

/// The rules above, run on a mapping written to break each of them, so that a rule that never
/// looks cannot pass.
#[test]
fn the_rules_catch_a_broken_mapping() {
    let broken = "
mapping broken {
  source \"a test\"
  map threat-modeling level 1 to iec62443-4-1:SR-2 as subset for asset-owner {
    rationale \"Owners do not write product threat models\"
  }
  map threat-modeling level 1 to iso27001:6.1.2 as subset for asset-owner {
    rationale \"Owners do not write product threat models\"
  }
  map threat-modeling level 2 to iso27001:6.1.2 as subset for asset-owner
  map threat-modeling level 3 to iso27002:5.7 as subset for asset-owner via iec62443:SL2 {
    rationale \"Short one\"
  }
  map risk-attitude level 1 to iec62443-2-1:ORG2.1 as subset for asset-owner {
    rationale \"Only the second edition is mapped for this practice\"
  }
}
";
    let mut builder = ModelBuilder::new();
    for (name, text) in builtin::FILES {
        if !name.starts_with("mapping-") {
            builder.add(
                Origin::Builtin(name),
                Cow::Borrowed(text),
                &smm_syntax::parse(text).file,
            );
        }
    }
    let file = smm_syntax::parse(broken).file;
    builder.add(
        Origin::User("broken.smm".into()),
        Cow::Borrowed(broken),
        &file,
    );
    let (model, _) = builder.finish();

    let has = |found: &[String], wanted: &str| {
        assert!(
            found.iter().any(|f| f == wanted),
            "missing `{wanted}` in\n{}",
            found.join("\n")
        )
    };
    let found = coverage(&model);
    has(
        &found,
        "threat-modeling level 1 service-provider (Ed2): no 62443 clause",
    );
    // The first edition's view hides the second edition's clauses.
    has(
        &found,
        "risk-attitude level 1 asset-owner (Ed1): no 62443 clause",
    );
    let ed2 = "risk-attitude level 1 asset-owner (Ed2): no 62443 clause";
    assert!(!found.contains(&ed2.to_string()));
    assert!(
        !found.contains(&"threat-modeling level 1 asset-owner (Ed2): no ISO clause".to_string())
    );
    let found = growth(&model);
    has(
        &found,
        "threat-modeling level 2 asset-owner (Ed2): adds no 62443 clause and no note says why",
    );
    has(
        &found,
        "threat-modeling level 4 asset-owner (Ed1): adds no clause and no note says why",
    );
    has(
        &roles_and_parts(&model),
        "threat-modeling level 1 → iec62443-4-1:SR-2: iec62443-4-1 does not serve asset-owner",
    );
    let found = rationales(&model);
    has(
        &found,
        "threat-modeling level 1 → iso27001:6.1.2: same rationale as threat-modeling level 1 → iec62443-4-1:SR-2",
    );
    has(
        &found,
        "threat-modeling level 2 → iso27001:6.1.2: no rationale",
    );
    has(
        &found,
        "threat-modeling level 3 → iso27002:5.7: the rationale is too short to explain anything",
    );
    has(
        &repeats(&model),
        "threat-modeling → iso27001:6.1.2 for asset-owner is mapped twice",
    );
    has(
        &vias(&model),
        "threat-modeling level 3 → iso27002:5.7: via iec62443:SL2 does not explain a clause of iso27002",
    );

    let crowded: String = (1..=13)
        .map(|i| {
            format!(
                "  map identities level 1 to iso27002:5.{i} as intersect for asset-owner {{\n    rationale \"edge {i}\"\n  }}\n"
            )
        })
        .collect();
    let crowded = format!("mapping crowded {{\n{crowded}}}\n");
    let mut builder = builtin::builder();
    let file = smm_syntax::parse(&crowded).file;
    builder.add(
        Origin::User("crowded.smm".into()),
        Cow::Owned(crowded.clone()),
        &file,
    );
    let (model, _) = builder.finish();
    let found = cell_sizes(&model);
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("identities level 1 asset-owner (Ed2): ")),
        "{found:?}"
    );
}

/// Counts for the closing note and a guard against a file silently dropping out.
#[test]
fn every_practice_has_edges_in_every_builtin_mapping_domain() {
    let model = builtin::model();
    let mut per_practice: BTreeMap<&str, usize> = BTreeMap::new();
    for edge in model.edges() {
        *per_practice.entry(edge.practice.as_str()).or_default() += 1;
    }
    for practice in model.practices() {
        assert!(
            per_practice.get(practice.id.as_str()).copied().unwrap_or(0) >= 8,
            "{} has too few edges: {per_practice:?}",
            practice.id
        );
    }
}

/// The coverage rule: every part of the built-in standards has at least 80 % of its
/// requirements mapped, and every requirement is mapped or left unmapped with a reason
/// (`unmapped.smm`, listed in UNMAPPED.md). `coverage::violations` is itself tested on a
/// fixture model that breaks each half of the rule.
#[test]
fn every_requirement_is_mapped_or_left_unmapped_with_a_reason() {
    assert_none(
        "coverage",
        smm_model::coverage::violations(&builtin::model(), 0.8),
    );
}

/// Every built-in mapping declares the edition that `smm --version` and the reports name
/// (`builtin::MAPPING_EDITION`), so that the two cannot drift apart.
#[test]
fn every_builtin_mapping_declares_the_edition_reports_name() {
    let model = builtin::model();
    let mut mappings = 0;
    for mapping in model.mappings() {
        mappings += 1;
        assert_eq!(
            mapping.edition.as_deref(),
            Some(builtin::MAPPING_EDITION),
            "{}",
            mapping.id
        );
    }
    assert!(mappings >= 4, "{mappings} built-in mappings");
}
