//! The questions the mapping answers: which clauses support a practice up to a level for a
//! role, and which practices and levels a clause supports.

use std::collections::HashMap;

use crate::{Clause, Editions, Level, MapEdge, Model, Role};

/// A clause that a mapping edge brings to a practice, with the edge that says why.
#[derive(Clone, Copy, Debug)]
pub struct MappedClause<'m> {
    pub clause: &'m Clause,
    pub edge: &'m MapEdge,
}

impl MappedClause<'_> {
    pub fn standard(&self) -> &str {
        &self.clause.standard
    }
}

impl Model {
    /// The clauses that support `practice` up to `level` for `role`. Mappings are cumulative:
    /// these are the edges introduced at levels 1 to `level`, restricted to the editions in
    /// force. Ordered by the level that introduced them, then as the catalogs list the clauses.
    /// A clause that two mappings bring appears once per edge.
    pub fn mapped_clauses(
        &self,
        practice: &str,
        level: Level,
        role: Role,
        editions: &Editions,
    ) -> Vec<MappedClause<'_>> {
        self.mapped_where(practice, role, editions, |l| l <= level)
    }

    /// What `level` adds to the level below it: the edges introduced exactly there.
    pub fn introduced_clauses(
        &self,
        practice: &str,
        level: Level,
        role: Role,
        editions: &Editions,
    ) -> Vec<MappedClause<'_>> {
        self.mapped_where(practice, role, editions, |l| l == level)
    }

    fn mapped_where(
        &self,
        practice: &str,
        role: Role,
        editions: &Editions,
        level: impl Fn(Level) -> bool,
    ) -> Vec<MappedClause<'_>> {
        let mut found: Vec<MappedClause<'_>> = self
            .edges_of_practice(practice)
            .filter(|e| level(e.level) && e.roles.contains(&role))
            .filter_map(|edge| {
                let clause = self.clauses.get(&edge.clause)?;
                self.in_force(&clause.standard, editions)
                    .then_some(MappedClause { clause, edge })
            })
            .collect();
        found.sort_by_key(|m| {
            let at = m.clause.location;
            (m.edge.level, at.file, at.span.start)
        });
        found
    }

    /// Every edge to a clause, by any of its names: in the framework's practice order, then by
    /// level.
    pub fn practices_mapped_to(&self, reference: &str) -> Vec<&MapEdge> {
        let rank: HashMap<&str, usize> = self
            .practices()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut edges: Vec<&MapEdge> = self.edges_to_clause(reference).collect();
        edges.sort_by_key(|e| (rank.get(e.practice.as_str()), e.level));
        edges
    }
}
