//! The catalog as a JSON document for programs. Its shape is a promise, written down in
//! `schemas/catalog.schema.json`: every field is always present (`null` when the catalog says
//! nothing), so a consumer never has to guess whether a field is missing or unknown. Change a
//! field here and the schema (and `SCHEMA_VERSION`, if a consumer could break) with it.

use serde::Serialize;
use smm_model::{Level, Model, Role, Scope};

/// Bumped whenever a field is removed, renamed or changes meaning.
pub const SCHEMA_VERSION: &str = "1";

#[derive(Serialize)]
pub struct CatalogDocument {
    schema_version: &'static str,
    frameworks: Vec<FrameworkJson>,
    levels: Vec<LevelJson>,
    scopes: Vec<ScopeJson>,
    roles: Vec<RoleJson>,
    standards: Vec<StandardJson>,
    mappings: Vec<MappingJson>,
}

/// Domains, subdomains and practices are flat lists that point at each other by id, like the
/// clauses of a standard, so that a program can index any of them without walking a tree.
#[derive(Serialize)]
struct FrameworkJson {
    id: String,
    title: String,
    description: Option<String>,
    source: Option<String>,
    domains: Vec<DomainJson>,
    subdomains: Vec<SubdomainJson>,
    practices: Vec<PracticeJson>,
}

#[derive(Serialize)]
struct DomainJson {
    id: String,
    title: String,
    description: Option<String>,
    subdomains: Vec<String>,
}

#[derive(Serialize)]
struct SubdomainJson {
    id: String,
    title: String,
    description: Option<String>,
    domain: String,
    practices: Vec<String>,
}

#[derive(Serialize)]
struct PracticeJson {
    id: String,
    name: String,
    domain: String,
    subdomain: String,
    objective: Option<String>,
    levels: PracticeLevels,
}

/// What levels 1–4 mean for one practice. Keyed by the level number as a string, because that is
/// how JSON keys work and how a reader looks a level up.
#[derive(Serialize)]
struct PracticeLevels {
    #[serde(rename = "1")]
    one: Option<String>,
    #[serde(rename = "2")]
    two: Option<String>,
    #[serde(rename = "3")]
    three: Option<String>,
    #[serde(rename = "4")]
    four: Option<String>,
}

#[derive(Serialize)]
struct LevelJson {
    level: u8,
    name: &'static str,
    meaning: &'static str,
}

#[derive(Serialize)]
struct ScopeJson {
    id: &'static str,
    meaning: &'static str,
}

#[derive(Serialize)]
struct RoleJson {
    id: &'static str,
    name: &'static str,
    meaning: &'static str,
}

#[derive(Serialize)]
struct StandardJson {
    id: String,
    title: String,
    edition: Option<String>,
    source: Option<String>,
    description: Option<String>,
    roles: Vec<&'static str>,
    supersedes: Option<String>,
    annexes: Vec<AnnexJson>,
    clauses: Vec<ClauseJson>,
}

#[derive(Serialize)]
struct AnnexJson {
    label: String,
    standard: String,
    /// Annex entries: the titles this annex gives where they differ from the clause's own.
    titles: Vec<AnnexTitleJson>,
}

#[derive(Serialize)]
struct AnnexTitleJson {
    /// The annex name, `iso27001:A.5.34`.
    id: String,
    /// The clause it names, `iso27002:5.34`.
    names: String,
    title: String,
}

/// `parent` and `children` are full references, the same form as `id`, so they can be looked up
/// directly.
#[derive(Serialize)]
struct ClauseJson {
    id: String,
    clause: String,
    title: String,
    parent: Option<String>,
    children: Vec<String>,
    description: Option<String>,
    security_level: Option<u8>,
}

#[derive(Serialize)]
struct MappingJson {
    id: String,
    title: String,
    description: Option<String>,
    source: Option<String>,
    edges: Vec<EdgeJson>,
    unmapped: Vec<UnmappedJson>,
}

/// A clause the mapping leaves unmapped on purpose, and why.
#[derive(Serialize)]
struct UnmappedJson {
    clause: String,
    rationale: String,
}

#[derive(Serialize)]
struct EdgeJson {
    practice: String,
    level: u8,
    clause: String,
    relationship: &'static str,
    roles: Vec<&'static str>,
    via: Option<String>,
    rationale: Option<String>,
    note: Option<String>,
}

pub fn document(model: &Model) -> CatalogDocument {
    CatalogDocument {
        schema_version: SCHEMA_VERSION,
        frameworks: frameworks(model),
        levels: Level::ALL
            .into_iter()
            .map(|level| LevelJson {
                level: level.number(),
                name: level.name(),
                meaning: level.meaning(),
            })
            .collect(),
        scopes: Scope::ALL
            .into_iter()
            .map(|scope| ScopeJson {
                id: scope.id(),
                meaning: scope.meaning(),
            })
            .collect(),
        roles: Role::ALL
            .into_iter()
            .map(|role| RoleJson {
                id: role.id(),
                name: role.name(),
                meaning: role.meaning(),
            })
            .collect(),
        standards: standards(model),
        mappings: mappings(model),
    }
}

fn frameworks(model: &Model) -> Vec<FrameworkJson> {
    model
        .frameworks()
        .map(|framework| {
            let domains: Vec<_> = framework
                .domains
                .iter()
                .filter_map(|id| model.domain(id))
                .collect();
            let subdomains: Vec<_> = domains
                .iter()
                .flat_map(|d| &d.subdomains)
                .filter_map(|id| model.subdomain(id))
                .collect();
            let practices = subdomains
                .iter()
                .flat_map(|s| &s.practices)
                .filter_map(|id| model.practice(id))
                .map(|p| {
                    let [one, two, three, four] = p.levels.clone();
                    PracticeJson {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        domain: p.domain.clone(),
                        subdomain: p.subdomain.clone(),
                        objective: p.objective.clone(),
                        levels: PracticeLevels {
                            one,
                            two,
                            three,
                            four,
                        },
                    }
                })
                .collect();
            FrameworkJson {
                id: framework.id.clone(),
                title: framework.title.clone(),
                description: framework.description.clone(),
                source: framework.source.clone(),
                domains: domains
                    .iter()
                    .map(|d| DomainJson {
                        id: d.id.clone(),
                        title: d.title.clone(),
                        description: d.description.clone(),
                        subdomains: d.subdomains.clone(),
                    })
                    .collect(),
                subdomains: subdomains
                    .iter()
                    .map(|s| SubdomainJson {
                        id: s.id.clone(),
                        title: s.title.clone(),
                        description: s.description.clone(),
                        domain: s.domain.clone(),
                        practices: s.practices.clone(),
                    })
                    .collect(),
                practices,
            }
        })
        .collect()
}

fn standards(model: &Model) -> Vec<StandardJson> {
    model
        .standards()
        .map(|standard| {
            let local = |clause: &str| format!("{}:{clause}", standard.id);
            StandardJson {
                id: standard.id.clone(),
                title: standard.title.clone(),
                edition: standard.edition.clone(),
                source: standard.source.clone(),
                description: standard.description.clone(),
                roles: standard.roles.iter().map(|r| r.id()).collect(),
                supersedes: standard.supersedes.clone(),
                annexes: standard
                    .annexes
                    .iter()
                    .map(|annex| AnnexJson {
                        label: annex.label.clone(),
                        standard: annex.standard.clone(),
                        titles: standard
                            .annex_titles
                            .iter()
                            .filter(|(id, _)| {
                                id.strip_prefix(annex.label.as_str())
                                    .is_some_and(|rest| rest.starts_with('.'))
                            })
                            .filter_map(|(id, entry)| {
                                let name = local(id);
                                Some(AnnexTitleJson {
                                    names: model.clause(&name)?.reference(),
                                    id: name,
                                    title: entry.title.clone(),
                                })
                            })
                            .collect(),
                    })
                    .collect(),
                clauses: model
                    .clauses_of(standard)
                    .map(|c| ClauseJson {
                        id: c.reference(),
                        clause: c.id.clone(),
                        title: c.title.clone(),
                        parent: c.parent.as_deref().map(local),
                        children: c.children.iter().map(|child| local(child)).collect(),
                        description: c.description.clone(),
                        security_level: c.security_level,
                    })
                    .collect(),
            }
        })
        .collect()
}

fn mappings(model: &Model) -> Vec<MappingJson> {
    model
        .mappings()
        .map(|mapping| MappingJson {
            id: mapping.id.clone(),
            title: mapping.title.clone(),
            description: mapping.description.clone(),
            source: mapping.source.clone(),
            edges: model
                .edges()
                .iter()
                .filter(|e| e.mapping == mapping.id)
                .map(|e| EdgeJson {
                    practice: e.practice.clone(),
                    level: e.level.number(),
                    clause: e.clause.clone(),
                    relationship: e.relationship.id(),
                    roles: e.roles.iter().map(|r| r.id()).collect(),
                    via: e.via.clone(),
                    rationale: e.rationale.clone(),
                    note: e.note.clone(),
                })
                .collect(),
            unmapped: model
                .unmapped()
                .iter()
                .filter(|u| u.mapping == mapping.id)
                .map(|u| UnmappedJson {
                    clause: u.clause.clone(),
                    rationale: u.rationale.clone(),
                })
                .collect(),
        })
        .collect()
}
