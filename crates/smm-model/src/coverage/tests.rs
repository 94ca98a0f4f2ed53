//! The coverage rule on a small model: which clauses count, what makes one mapped, and what
//! `violations` reports.

use std::borrow::Cow;
use std::path::PathBuf;

use super::*;
use crate::{ModelBuilder, ModelCode, Origin};

/// A standard the table knows (3-3, loaded as a built-in file so that its row applies), one
/// the table does not know, and a user's standard. SR1.1 is mapped directly, SR1.2 through its
/// enhancement only, SR1.3 for a role 3-3 does not serve, SR1.4 is left unmapped with a reason
/// and SR1.5 has nothing.
const BUILTIN: &str = r#"
framework f "F" {
  domain d "D"
  subdomain s "S" parent d
  practice p "P" parent s
}

standard iec62443-3-3 "System requirements" {
  role asset-owner
  clause iec62443-3-3:FR1 "Group"
  clause iec62443-3-3:SR1.1 "One" parent iec62443-3-3:FR1
  clause iec62443-3-3:SR1.1-RE1 "One, enhanced" parent iec62443-3-3:SR1.1
  clause iec62443-3-3:SR1.2 "Two" parent iec62443-3-3:FR1
  clause iec62443-3-3:SR1.2-RE1 "Two, enhanced" parent iec62443-3-3:SR1.2
  clause iec62443-3-3:SR1.3 "Three" parent iec62443-3-3:FR1
  clause iec62443-3-3:SR1.4 "Four" parent iec62443-3-3:FR1
  clause iec62443-3-3:SR1.5 "Five" parent iec62443-3-3:FR1
}

standard unruled "A built-in standard without a row" {
  clause unruled:1 "One"
}

mapping m "M" {
  map p level 1 to iec62443-3-3:SR1.1 as subset for asset-owner
  map p level 2 to iec62443-3-3:SR1.2-RE1 as subset for asset-owner
  map p level 3 to iec62443-3-3:SR1.3 as subset for product-supplier
  unmapped iec62443-3-3:SR1.4 {
    rationale "Nothing a practice asks"
  }
}
"#;

const USER: &str = r#"
standard mine "Mine" {
  clause mine:1 "Group"
  clause mine:1.1 "Leaf under the group" parent mine:1
  clause mine:2 "Leaf on its own"
}
"#;

fn model() -> Model {
    let mut builder = ModelBuilder::new();
    for (origin, text) in [
        (Origin::Builtin("fixture.smm"), BUILTIN),
        (Origin::User(PathBuf::from("mine.smm")), USER),
    ] {
        let parse = smm_syntax::parse(text);
        assert!(parse.errors.is_empty(), "{:#?}", parse.errors);
        builder.add(origin, Cow::Borrowed(text), &parse.file);
    }
    let (model, diagnostics) = builder.finish();
    // SR1.3's edge is for a role 3-3 does not serve: the one expected warning.
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.diagnostic.code).collect();
    assert_eq!(codes, [ModelCode::RoleNotServed.id()]);
    model
}

fn statuses<'m>(coverage: &StandardCoverage<'m>) -> Vec<(String, &'static str)> {
    coverage
        .requirements
        .iter()
        .map(|r| {
            let status = match r.status {
                Status::Mapped(_) => "mapped",
                Status::Unmapped(_) => "unmapped",
                Status::Missing => "missing",
            };
            (r.clause.id.clone(), status)
        })
        .collect()
}

fn find<'a, 'm>(all: &'a [StandardCoverage<'m>], id: &str) -> &'a StandardCoverage<'m> {
    all.iter().find(|c| c.standard.id == id).unwrap()
}

#[test]
fn a_requirement_is_mapped_directly_or_below_for_a_role_served_or_else_unmapped_or_missing() {
    let model = model();
    let all = of(&model);
    let system = find(&all, "iec62443-3-3");
    let owned = |pairs: &[(&str, &'static str)]| -> Vec<(String, &'static str)> {
        pairs.iter().map(|(id, s)| (id.to_string(), *s)).collect()
    };
    assert_eq!(
        statuses(system),
        owned(&[
            ("SR1.1", "mapped"),
            ("SR1.2", "mapped"),
            ("SR1.3", "missing"),
            ("SR1.4", "unmapped"),
            ("SR1.5", "missing"),
        ])
    );
    assert_eq!(
        (system.mapped(), system.unmapped(), system.missing()),
        (2, 1, 2)
    );
    assert_eq!(system.mapped_share(), Some(0.4));
    assert!(!system.user_catalog);
    let Status::Unmapped(reason) = system.requirements[3].status else {
        unreachable!()
    };
    assert_eq!(reason.rationale, "Nothing a practice asks");
    assert_eq!(reason.mapping, "m");
}

#[test]
fn a_users_standard_counts_its_leaves_and_an_unknown_built_in_one_counts_nothing() {
    let model = model();
    let all = of(&model);
    let mine = find(&all, "mine");
    assert!(mine.user_catalog);
    assert_eq!(mine.counted, USER_CATALOG);
    let ids: Vec<&str> = mine
        .requirements
        .iter()
        .map(|r| r.clause.id.as_str())
        .collect();
    assert_eq!(ids, ["1.1", "2"]);
    let unruled = find(&all, "unruled");
    assert_eq!(unruled.counted, NOT_IN_RULE);
    assert!(unruled.requirements.is_empty());
    assert_eq!(unruled.mapped_share(), None);
}

#[test]
fn violations_name_each_share_below_the_minimum_and_each_missing_requirement() {
    let model = model();
    let found = violations(&model, 0.8);
    assert_eq!(
        found,
        [
            "iec62443-3-3: 2 of 5 requirements mapped (40.0 %), below 80.0 %",
            "iec62443-3-3:SR1.3 Three: neither mapped nor left unmapped with a reason",
            "iec62443-3-3:SR1.5 Five: neither mapped nor left unmapped with a reason",
            "mine: 0 of 2 requirements mapped (0.0 %), below 80.0 %",
            "mine:1.1 Leaf under the group: neither mapped nor left unmapped with a reason",
            "mine:2 Leaf on its own: neither mapped nor left unmapped with a reason",
        ]
    );
    // At the share reached, only the missing requirements remain.
    let at_share = violations(&model, 0.4);
    assert!(
        at_share[0].starts_with("iec62443-3-3:SR1.3 "),
        "{at_share:#?}"
    );
}

#[test]
#[should_panic(expected = "a share between 0 and 1")]
fn a_percentage_for_a_share_is_refused() {
    violations(&model(), 80.0);
}

#[test]
fn a_percentage_is_rounded_down_so_it_never_reaches_a_threshold_it_misses() {
    assert_eq!(percent(0.79996), "79.9");
    assert_eq!(percent(0.8), "80.0");
    assert_eq!(percent(1.0), "100.0");
    assert_eq!(percent(2.0 / 3.0), "66.6");
}

#[test]
fn shapes_match_whole_ids_only() {
    let cases = [
        ("SR#.#", "SR1.1", true),
        ("SR#.#", "SR10.12", true),
        ("SR#.#", "SR1.1-RE1", false),
        ("SR#.#", "FR1", false),
        ("SR#.#", "SR1", false),
        ("SR#.#", "SR.1", false),
        ("@#.#", "ORG1.1", true),
        ("@#.#", "USER1.10", true),
        ("@#.#", "ORG1", false),
        ("@-#", "SM-1", true),
        ("@-#", "SVV-5", true),
        ("@-#", "SM", false),
        ("SP.#", "SP.01", true),
        ("SP.#", "SP.01.01", false),
        ("#.#", "5.1", true),
        ("#.#", "10.2", true),
        ("#.#", "6.1.1", false),
        ("#.#", "A.5", false),
        ("#.#", "5", false),
    ];
    for (shape, id, expected) in cases {
        assert_eq!(fits(id, shape), expected, "{shape} {id}");
    }
}

/// The table names real built-in standards, and each counted row finds requirements in them.
#[test]
fn every_row_of_the_table_names_a_built_in_standard_with_requirements() {
    let model = crate::builtin::model();
    let all = of(&model);
    for rule in RULES {
        let coverage = all
            .iter()
            .find(|c| c.standard.id == rule.standard)
            .unwrap_or_else(|| panic!("{} is not a built-in standard", rule.standard));
        assert_eq!(coverage.counted, rule.counted);
        let counts_some = !coverage.requirements.is_empty();
        assert_eq!(
            counts_some,
            rule.requirements != Nothing,
            "{}",
            rule.standard
        );
    }
    let system = find(&all, "iec62443-3-3");
    assert!(system
        .requirements
        .iter()
        .all(|r| !r.clause.id.contains("-RE")));
}

/// The language spec lists what counts in each standard; it must say what the table says.
#[test]
fn the_spec_lists_every_row_of_the_table() {
    let spec = include_str!("../../../../grammar/README.md");
    for rule in RULES {
        let row = format!("| `{}` | {} |", rule.standard, rule.counted);
        assert!(
            spec.contains(&row),
            "grammar/README.md (6.12) lacks the row\n{row}"
        );
    }
}
