//! The coverage rule: every requirement of a standard is either mapped from a practice, for a
//! role the standard serves, or left unmapped on purpose with a reason (`unmapped` lines). A
//! requirement is mapped when an edge maps it or a clause below it: an enhancement (SR1.1-RE1)
//! or a sub-clause (27001 6.1.2) cannot be met without the clause it refines.
//!
//! Which clauses are requirements is a property of each standard's structure, not of its data
//! file, so it is code: one table, `RULES`. A standard of a user's catalog counts its leaf
//! clauses; a built-in standard missing from the table counts nothing (and says so).

use std::collections::HashMap;

use crate::{Clause, MapEdge, Model, Origin, Standard, Unmapped};

/// Which clauses of a standard count as requirements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirements {
    /// Clauses whose id has one of these shapes, where `#` stands for a number and `@` for a
    /// run of capital letters: `SR#.#` is SR1.1 but not SR1.1-RE1 or FR1.
    Shaped(&'static [&'static str]),
    /// The clauses with no clause below them.
    Leaves,
    /// None: the standard holds reference entries, or the rule does not cover it.
    Nothing,
}

struct Rule {
    standard: &'static str,
    requirements: Requirements,
    /// What counts, in words, for the coverage table.
    counted: &'static str,
}

use Requirements::{Leaves, Nothing, Shaped};

/// The coverage rule's table for the built-in standards.
const RULES: &[Rule] = &[
    Rule {
        standard: "iec62443-2-1",
        requirements: Shaped(&["@#.#"]),
        counted: "sub-elements (ORG1.1)",
    },
    Rule {
        standard: "iec62443-2-1-2010",
        requirements: Leaves,
        counted: "elements (4.2.2, 4.3.2.2): the clauses below the categories and element groups",
    },
    Rule {
        standard: "iec62443-2-4",
        requirements: Shaped(&["SP.#"]),
        counted: "functional areas (SP.01)",
    },
    Rule {
        standard: "iec62443-3-2",
        requirements: Shaped(&["ZCR#.#"]),
        counted: "zone, conduit and risk assessment requirements (ZCR1.1)",
    },
    Rule {
        standard: "iec62443-3-3",
        requirements: Shaped(&["SR#.#"]),
        counted: "system requirements (SR1.1), not their enhancements",
    },
    Rule {
        standard: "iec62443-4-1",
        requirements: Shaped(&["@-#"]),
        counted: "practice requirements (SM-1)",
    },
    Rule {
        standard: "iec62443-4-2",
        requirements: Shaped(&["CR#.#", "SAR#.#", "EDR#.#", "HDR#.#", "NDR#.#"]),
        counted: "component requirements (CR1.1) and their forms per component type (SAR, EDR, HDR, NDR), not their enhancements",
    },
    Rule {
        standard: "iso27001",
        requirements: Shaped(&["#.#"]),
        counted: "sub-clauses 4.1 to 10.2 (its Annex A is ISO/IEC 27002)",
    },
    Rule {
        standard: "iso27002",
        requirements: Shaped(&["#.#"]),
        counted: "controls (5.1 to 8.34)",
    },
    Rule {
        standard: "iec62443",
        requirements: Nothing,
        counted: "nothing: security and maturity levels, which edges name with `via`",
    },
];

const USER_CATALOG: &str = "leaf clauses (a catalog of your own)";
const NOT_IN_RULE: &str = "nothing: the coverage rule has no row for this built-in standard";

/// Where a requirement stands.
#[derive(Clone, Copy, Debug)]
pub enum Status<'m> {
    /// The first edge (in file order) that maps it or a clause below it, for a role served.
    Mapped(&'m MapEdge),
    /// Left unmapped on purpose, with the reason.
    Unmapped(&'m Unmapped),
    /// Neither.
    Missing,
}

#[derive(Clone, Copy, Debug)]
pub struct Requirement<'m> {
    pub clause: &'m Clause,
    pub status: Status<'m>,
}

/// One standard's requirements and where each stands.
#[derive(Clone, Debug)]
pub struct StandardCoverage<'m> {
    pub standard: &'m Standard,
    /// What counts as a requirement here, in words.
    pub counted: &'static str,
    /// Whether the standard comes from a user's catalog (and its leaf clauses count).
    pub user_catalog: bool,
    pub requirements: Vec<Requirement<'m>>,
}

impl StandardCoverage<'_> {
    pub fn mapped(&self) -> usize {
        self.count(|s| matches!(s, Status::Mapped(_)))
    }

    pub fn unmapped(&self) -> usize {
        self.count(|s| matches!(s, Status::Unmapped(_)))
    }

    pub fn missing(&self) -> usize {
        self.count(|s| matches!(s, Status::Missing))
    }

    /// The share of requirements mapped (0 to 1); `None` when nothing counts.
    pub fn mapped_share(&self) -> Option<f64> {
        let total = self.requirements.len();
        (total > 0).then(|| self.mapped() as f64 / total as f64)
    }

    /// The share mapped as a percentage rounded down to one decimal (see `percent`).
    pub fn mapped_percent(&self) -> Option<f64> {
        self.mapped_share().map(round_down)
    }

    fn count(&self, wanted: impl Fn(&Status<'_>) -> bool) -> usize {
        self.requirements
            .iter()
            .filter(|r| wanted(&r.status))
            .count()
    }
}

/// A share as a percentage with one decimal, rounded down: 79.96 % shows as 79.9 %, so a
/// share below a threshold never reads as reaching it.
pub fn percent(share: f64) -> String {
    format!("{:.1}", round_down(share))
}

fn round_down(share: f64) -> f64 {
    (share * 1000.0).floor() / 10.0
}

/// The coverage of every standard of the model, in the order of `Model::standards`.
pub fn of(model: &Model) -> Vec<StandardCoverage<'_>> {
    let mapped = mapped_clauses(model);
    model
        .standards()
        .map(|standard| {
            let user_catalog = !matches!(
                model.file(standard.location.file).origin,
                Origin::Builtin(_)
            );
            let (requirements, counted) = rule(standard, user_catalog);
            let requirements = model
                .clauses_of(standard)
                .filter(|c| counts(requirements, c))
                .map(|clause| {
                    let key = clause.reference();
                    let status = match (mapped.get(key.as_str()), model.unmapped_reason(&key)) {
                        (Some(edge), _) => Status::Mapped(edge),
                        (None, Some(unmapped)) => Status::Unmapped(unmapped),
                        (None, None) => Status::Missing,
                    };
                    Requirement { clause, status }
                })
                .collect();
            StandardCoverage {
                standard,
                counted,
                user_catalog,
                requirements,
            }
        })
        .collect()
}

/// What breaks the coverage rule, one line each: a standard with less than `min_mapped` (a
/// share, 0.8 for 80 %) of its requirements mapped, and every requirement neither mapped nor
/// left unmapped with a reason. Empty when the rule holds.
pub fn violations(model: &Model, min_mapped: f64) -> Vec<String> {
    assert!(
        (0.0..=1.0).contains(&min_mapped),
        "min_mapped is a share between 0 and 1, such as 0.8, not {min_mapped}"
    );
    let mut found = Vec::new();
    for coverage in of(model) {
        let Some(share) = coverage.mapped_share() else {
            continue;
        };
        if share < min_mapped {
            found.push(format!(
                "{}: {} of {} requirements mapped ({} %), below {} %",
                coverage.standard.id,
                coverage.mapped(),
                coverage.requirements.len(),
                percent(share),
                percent(min_mapped)
            ));
        }
        for requirement in &coverage.requirements {
            if matches!(requirement.status, Status::Missing) {
                found.push(format!(
                    "{} {}: neither mapped nor left unmapped with a reason",
                    requirement.clause.reference(),
                    requirement.clause.title
                ));
            }
        }
    }
    found
}

fn rule(standard: &Standard, user_catalog: bool) -> (Requirements, &'static str) {
    if user_catalog {
        return (Leaves, USER_CATALOG);
    }
    RULES
        .iter()
        .find(|r| r.standard == standard.id)
        .map_or((Nothing, NOT_IN_RULE), |r| (r.requirements, r.counted))
}

fn counts(requirements: Requirements, clause: &Clause) -> bool {
    match requirements {
        Shaped(shapes) => shapes.iter().any(|shape| fits(&clause.id, shape)),
        Leaves => clause.children.is_empty(),
        Nothing => false,
    }
}

/// Every clause that an edge maps, or maps a clause below, for a role its standard serves (any
/// role when the standard names none), with the first such edge.
fn mapped_clauses(model: &Model) -> HashMap<String, &MapEdge> {
    let mut mapped: HashMap<String, &MapEdge> = HashMap::new();
    for edge in model.edges() {
        let Some(clause) = model.clause(&edge.clause) else {
            continue;
        };
        let served = model
            .standard(&clause.standard)
            .is_some_and(|s| s.roles.is_empty() || s.roles.iter().any(|r| edge.roles.contains(r)));
        if !served {
            continue;
        }
        let mut current = Some(clause);
        while let Some(clause) = current {
            mapped.entry(clause.reference()).or_insert(edge);
            current = clause
                .parent
                .as_ref()
                .and_then(|p| model.clause(&format!("{}:{p}", clause.standard)));
        }
    }
    mapped
}

/// Whether a clause id has a shape: `#` is one or more digits, `@` one or more capital
/// letters, anything else itself.
fn fits(id: &str, shape: &str) -> bool {
    let mut rest = id;
    for c in shape.chars() {
        let run = |wanted: fn(&char) -> bool| rest.chars().take_while(wanted).count();
        let taken = match c {
            '#' => run(char::is_ascii_digit),
            '@' => run(char::is_ascii_uppercase),
            literal => usize::from(rest.starts_with(literal)) * literal.len_utf8(),
        };
        if taken == 0 {
            return false;
        }
        rest = &rest[taken..];
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests;
