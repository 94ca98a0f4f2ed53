//! `mapping` items: the edges from practices to clauses, each checked against the model.

use smm_syntax::ast::{self, Name};
use smm_syntax::Span;

use super::fields::{text, title};
use super::ModelBuilder;
use crate::entities::{FileId, Location, MapEdge, Mapping, Relationship};
use crate::{Level, ModelCode, Role};

impl ModelBuilder {
    pub(super) fn mapping(&mut self, file: FileId, m: &ast::Mapping) {
        let Some(name) = &m.name else { return };
        let first = self.model.mappings.get(&name.text).map(|x| x.location);
        let Some(location) = self.claim_name(file, "mapping", name, first) else {
            return;
        };
        let mut mapping = Mapping {
            id: name.text.clone(),
            title: title(&m.title),
            description: None,
            source: None,
            edition: None,
            location,
        };
        let mut edges = Vec::new();
        let mut unmapped = Vec::new();
        for field in m.body.iter().flat_map(|b| &b.entries) {
            match field {
                ast::MappingField::Description(s) => mapping.description = text(s),
                ast::MappingField::Source(s) => mapping.source = text(s),
                ast::MappingField::Edition(s) => mapping.edition = text(s),
                ast::MappingField::Map(e) => edges.push(e),
                ast::MappingField::Unmapped(u) => unmapped.push(u),
                ast::MappingField::Error(_) => {}
            }
        }
        self.model.mappings.insert(name.text.clone(), mapping);
        for edge in edges {
            if let Some(edge) = self.edge(file, &name.text, edge) {
                let key = (
                    edge.mapping.clone(),
                    edge.practice.clone(),
                    edge.level,
                    edge.clause.clone(),
                );
                self.edge_index.insert(key, self.model.edges.len());
                self.model.edges.push(edge);
            }
        }
        for entry in unmapped {
            self.unmapped(file, &name.text, entry);
        }
    }

    fn error(&mut self, file: FileId, code: ModelCode, span: Span, message: String) {
        let d = code.diagnostic(span, message);
        self.report(file, d, Vec::new());
    }

    /// The key of the clause `target` names, or `None` after reporting that none has the name.
    fn clause_key(&mut self, file: FileId, target: &ast::ClauseRef) -> Option<String> {
        let key = self
            .model
            .canonical_clause_key(&target.standard, &target.clause);
        if key.is_none() {
            let message = format!("unknown clause `{}:{}`", target.standard, target.clause);
            self.error(file, ModelCode::UnknownClause, target.span, message);
        }
        key
    }

    /// A checked edge, or `None` after reporting why it cannot be one.
    fn edge(&mut self, file: FileId, mapping: &str, e: &ast::MapEdge) -> Option<MapEdge> {
        let practice = e.practice.as_ref()?;
        if !self.model.practices.contains_key(&practice.text) {
            let message = format!("unknown practice `{}`", practice.text);
            let mut d = ModelCode::UnknownPractice.diagnostic(practice.span, message);
            let ids = self.model.practices.keys().map(String::as_str);
            d.help = smm_syntax::did_you_mean(&practice.text, ids)
                .map(|p| format!("did you mean `{p}`?").into());
            self.report(file, d, Vec::new());
            return None;
        }
        let level_value = e.level.as_ref()?.value.as_ref()?;
        let level = level_value
            .value
            .and_then(Level::from_number)
            .filter(|l| *l != Level::None);
        let Some(level) = level else {
            let message = format!("an edge comes in at level 1 to 4, not {}", level_value.text);
            self.error(file, ModelCode::LevelOutOfRange, level_value.span, message);
            return None;
        };
        let clause = self.clause_key(file, e.clause.as_ref()?.value.as_ref()?)?;
        let relationship = match &e.relationship {
            None => {
                let message = "a `map` line needs `as equal|subset|superset|intersect`".to_string();
                self.error(file, ModelCode::MissingRelationship, e.keyword, message);
                return None;
            }
            Some(r) => {
                let value = r.value.as_ref()?;
                let Some(relationship) = Relationship::from_id(&value.text) else {
                    let message = format!(
                        "unknown relationship `{}`: use equal, subset, superset or intersect",
                        value.text
                    );
                    self.error(file, ModelCode::UnknownRelationship, value.span, message);
                    return None;
                };
                relationship
            }
        };
        let Some((_, role_names)) = &e.roles else {
            let message = "a `map` line needs `for ROLE...`: the roles the edge serves".to_string();
            self.error(file, ModelCode::MissingRoles, e.keyword, message);
            return None;
        };
        let mut roles = Vec::new();
        for role in role_names {
            match Role::from_id(&role.text) {
                Some(r) => roles.push(r),
                None => {
                    self.unknown_role(file, role);
                    return None;
                }
            }
        }
        self.check_roles_served(file, &clause, role_names);
        let via = match &e.via {
            None => None,
            Some(v) => Some(self.clause_key(file, v.value.as_ref()?)?),
        };
        let key = (
            mapping.to_string(),
            practice.text.clone(),
            level,
            clause.clone(),
        );
        let duplicate = self.edge_index.get(&key).map(|i| &self.model.edges[*i]);
        if let Some(first) = duplicate.map(|x| x.location) {
            let d = ModelCode::DuplicateEdge
                .diagnostic(
                    e.keyword,
                    format!(
                        "`{}` at level {} already maps to `{clause}`",
                        practice.text,
                        level.number()
                    ),
                )
                .with_label("second edge");
            let first = first.related("first edge");
            self.report(file, d, vec![first]);
            return None;
        }
        let field = |pick: fn(&ast::TargetField) -> Option<&ast::Setting<ast::Text>>| {
            e.body
                .iter()
                .flat_map(|b| &b.entries)
                .find_map(pick)
                .and_then(text)
        };
        Some(MapEdge {
            mapping: mapping.to_string(),
            practice: practice.text.clone(),
            level,
            clause,
            relationship,
            roles,
            via,
            rationale: field(|f| match f {
                ast::TargetField::Rationale(s) => Some(s),
                _ => None,
            }),
            note: field(|f| match f {
                ast::TargetField::Note(s) => Some(s),
                _ => None,
            }),
            location: Location {
                file,
                span: e.keyword,
            },
        })
    }

    /// A part of 62443 is written for some roles only (4-1 for product suppliers, 2-4 for service
    /// providers…): an edge for another role is likely a slip, but may be a deliberate choice
    /// (an owner asking for 4-2 in procurement), so it is a warning.
    fn check_roles_served(&mut self, file: FileId, clause: &str, roles: &[Name]) {
        let standard = clause.split_once(':').map_or(clause, |(s, _)| s);
        let Some(served) = self.model.standards.get(standard).map(|s| s.roles.clone()) else {
            return;
        };
        for role in roles {
            let Some(r) = Role::from_id(&role.text) else {
                continue;
            };
            if served.contains(&r) {
                continue;
            }
            let names: Vec<&str> = served.iter().map(|r| r.id()).collect();
            let d = ModelCode::RoleNotServed
                .diagnostic(
                    role.span,
                    format!("`{standard}` is not written for the role `{}`", role.text),
                )
                .with_help(format!(
                    "`{standard}` serves {}; map this clause for those roles only",
                    if names.is_empty() {
                        "no role".to_string()
                    } else {
                        names.join(", ")
                    }
                ));
            self.report(file, d, Vec::new());
        }
    }
}
