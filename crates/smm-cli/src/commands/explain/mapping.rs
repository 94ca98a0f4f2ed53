//! The mapping part of `smm explain`: for a practice, the clauses each role needs, level by
//! level; for a clause, the practices and levels that call for it.

use smm_model::{Clause, Editions, Level, MappedClause, Model, Practice, Relationship, Role};

use super::page::Page;
use crate::cli::ExplainArgs;

/// What `--role`, `--level` and `--edition` ask to see.
pub struct MappingView {
    role: Option<Role>,
    up_to: Level,
    editions: Editions,
}

impl MappingView {
    /// The view the arguments ask for, or why they cannot be honoured.
    pub fn from_args(model: &Model, args: &ExplainArgs) -> Result<MappingView, String> {
        let up_to = args
            .level
            .and_then(|n| Level::from_number(n.into()))
            .unwrap_or(Level::Formalized);
        Ok(MappingView {
            role: args.role.as_deref().and_then(Role::from_id),
            up_to,
            editions: editions(model, &args.edition)?,
        })
    }

    /// Every role, every level, the newest editions.
    #[cfg(test)]
    pub fn newest() -> MappingView {
        MappingView {
            role: None,
            up_to: Level::Formalized,
            editions: Editions::newest(),
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.role
    }

    fn roles(&self) -> Vec<Role> {
        self.role.map_or(Role::ALL.to_vec(), |r| vec![r])
    }
}

fn editions(model: &Model, wanted: &[String]) -> Result<Editions, String> {
    if wanted.iter().any(|w| w == "all") {
        if wanted.len() > 1 {
            return Err("`--edition all` already shows every edition: give it alone".into());
        }
        return Ok(Editions::all());
    }
    let mut editions = Editions::newest();
    for standard in wanted {
        model
            .follow(&mut editions, standard)
            .map_err(|e| format!("--edition {standard}: {e}"))?;
    }
    Ok(editions)
}

/// Per role and level, the clauses that level brings, each with how it relates and why.
pub fn practice(page: &mut Page, model: &Model, practice: &Practice, view: &MappingView) {
    let edges: Vec<_> = model.edges_of_practice(&practice.id).collect();
    if edges.is_empty() {
        page.field("Mapping", "no mapping covers this practice");
        return;
    }
    let mut sources: Vec<String> = edges
        .iter()
        .filter_map(|e| model.mappings().find(|m| m.id == e.mapping))
        .map(|m| {
            let name = match &m.edition {
                Some(edition) => format!("{}, edition {edition}", m.id),
                None => m.id.clone(),
            };
            match &m.source {
                Some(source) => format!("{name}: {source}"),
                None => name,
            }
        })
        .collect();
    sources.dedup();
    page.list("Mapping", sources);
    page.field(
        "Levels",
        "cumulative: a level needs its own clauses and those of the levels below it",
    );
    page.list("Relationships", Relationship::legend());
    page.field("Editions", &editions_shown(model, &edges, &view.editions));
    for role in view.roles() {
        page.heading(&format!("{} ({})", role.name(), role.id()));
        for level in &Level::ALL[1..=view.up_to.number() as usize] {
            let label = format!("Level {}", level.number());
            let added = model.introduced_clauses(&practice.id, *level, role, &view.editions);
            if added.is_empty() {
                page.field(&label, "no clause of its own");
            }
            for (i, mapped) in added.iter().enumerate() {
                let (head, detail) = describe(mapped);
                page.entry(if i == 0 { &label } else { "" }, &head, &detail);
            }
        }
    }
}

/// `iec62443-3-3:SR1.1  Title` and `subset, via iec62443:SL2: why. Note: …`.
fn describe(mapped: &MappedClause<'_>) -> (String, String) {
    let edge = mapped.edge;
    let head = format!("{}  {}", mapped.clause.reference(), mapped.clause.title);
    let mut detail = edge.relationship.id().to_string();
    if let Some(via) = &edge.via {
        detail.push_str(&format!(", via {via}"));
    }
    if let Some(rationale) = &edge.rationale {
        detail.push_str(&format!(": {rationale}"));
    }
    if let Some(note) = &edge.note {
        let end = if detail.ends_with(['.', '!', '?']) {
            " "
        } else {
            ". "
        };
        detail.push_str(&format!("{end}Note: {note}"));
    }
    (head, detail)
}

/// Which editions the listing follows, and which mapped editions it leaves out.
fn editions_shown(model: &Model, edges: &[&smm_model::MapEdge], editions: &Editions) -> String {
    if editions.is_all() {
        return "every edition, side by side".into();
    }
    let mut hidden: Vec<&str> = edges
        .iter()
        .filter_map(|e| e.clause.split_once(':').map(|(s, _)| s))
        .filter(|s| !model.in_force(s, editions))
        .collect();
    hidden.sort_unstable();
    hidden.dedup();
    let following: Vec<&str> = editions.chosen().collect();
    let mut text = if following.is_empty() {
        "the newest of each standard".to_string()
    } else {
        format!("following {}", following.join(", "))
    };
    if !hidden.is_empty() {
        let shown: Vec<String> = hidden.iter().map(|h| format!("--edition {h}")).collect();
        text.push_str(&format!(
            "; {} hidden: {} or --edition all shows it",
            hidden.join(", "),
            shown.join(" or ")
        ));
    }
    text
}

/// The practices and levels that map to a clause, for every role or one (`none` when no edge
/// does), and the reason when a mapping leaves the clause unmapped on purpose.
pub fn clause(page: &mut Page, model: &Model, clause: &Clause, role: Option<Role>) {
    let lines: Vec<String> = model
        .practices_mapped_to(&clause.reference())
        .into_iter()
        .filter(|e| role.is_none_or(|r| e.roles.contains(&r)))
        .map(|e| {
            let name = model.practice(&e.practice).map_or("", |p| p.name.as_str());
            let roles: Vec<&str> = e.roles.iter().map(|r| r.id()).collect();
            format!(
                "{} level {}  {name}: {} for {}",
                e.practice,
                e.level.number(),
                e.relationship.id(),
                roles.join(", ")
            )
        })
        .collect();
    let listed = !lines.is_empty();
    if !listed {
        let none = role.map_or("none".to_string(), |r| format!("none for {}", r.id()));
        page.field("Mapped from", &none);
    }
    page.list("Mapped from", lines);
    if listed {
        page.list("Relationships", Relationship::legend());
    }
    if let Some(unmapped) = model.unmapped_reason(&clause.reference()) {
        let reason = format!("{} (mapping {})", unmapped.rationale, unmapped.mapping);
        page.field("Unmapped", &reason);
    }
}
