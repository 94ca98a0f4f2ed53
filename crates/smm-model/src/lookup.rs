//! The model and the questions the checker and the IDE ask of it: what is this id, what is
//! above and below it, and which ids start with what the user has typed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::entities::*;

/// `BTreeMap` so every listing comes out sorted.
pub(crate) type Map<T> = BTreeMap<String, T>;

/// Serializable so that the built-in model can be compiled when smm is built
/// (`builtin::compile`); the indexes are left out and built again by `index` on loading.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Model {
    pub(crate) files: Vec<CatalogFile>,
    pub(crate) frameworks: Map<Framework>,
    pub(crate) domains: Map<Domain>,
    pub(crate) subdomains: Map<Subdomain>,
    pub(crate) practices: Map<Practice>,
    pub(crate) standards: Map<Standard>,
    /// Keyed `standard:clause`.
    pub(crate) clauses: Map<Clause>,
    pub(crate) mappings: Map<Mapping>,
    pub(crate) edges: Vec<MapEdge>,
    /// Clauses left unmapped on purpose, in file order, one entry per clause.
    pub(crate) unmapped: Vec<Unmapped>,
    /// Built by `index` once the model is complete: each practice's edges (positions in
    /// `edges`), and each standard's family of editions, oldest first. The checker asks for
    /// both for every practice of every assessment.
    #[serde(skip)]
    pub(crate) edges_by_practice: HashMap<String, Vec<usize>>,
    /// Each practice's mapped clauses (canonical keys), for the checker's question whether a
    /// clause some evidence names is mapped to its practice at all.
    #[serde(skip)]
    pub(crate) clauses_by_practice: HashMap<String, HashSet<String>>,
    #[serde(skip)]
    pub(crate) families: HashMap<String, Arc<[String]>>,
}

/// Anything an id can name.
#[derive(Clone, Copy, Debug)]
pub enum Entry<'m> {
    Framework(&'m Framework),
    Domain(&'m Domain),
    Subdomain(&'m Subdomain),
    Practice(&'m Practice),
    Standard(&'m Standard),
    Clause(&'m Clause),
}

impl Entry<'_> {
    pub fn kind(&self) -> &'static str {
        match self {
            Entry::Framework(_) => "framework",
            Entry::Domain(_) => "domain",
            Entry::Subdomain(_) => "subdomain",
            Entry::Practice(_) => "practice",
            Entry::Standard(_) => "standard",
            Entry::Clause(_) => "clause",
        }
    }

    /// The id as written in `.smm` files.
    pub fn id(&self) -> String {
        match self {
            Entry::Framework(f) => f.id.clone(),
            Entry::Domain(d) => d.id.clone(),
            Entry::Subdomain(s) => s.id.clone(),
            Entry::Practice(p) => p.id.clone(),
            Entry::Standard(s) => s.id.clone(),
            Entry::Clause(c) => c.reference(),
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Entry::Framework(f) => &f.title,
            Entry::Domain(d) => &d.title,
            Entry::Subdomain(s) => &s.title,
            Entry::Practice(p) => &p.name,
            Entry::Standard(s) => &s.title,
            Entry::Clause(c) => &c.title,
        }
    }

    pub fn location(&self) -> Location {
        match self {
            Entry::Framework(f) => f.location,
            Entry::Domain(d) => d.location,
            Entry::Subdomain(s) => s.location,
            Entry::Practice(p) => p.location,
            Entry::Standard(s) => s.location,
            Entry::Clause(c) => c.location,
        }
    }
}

impl Model {
    pub fn files(&self) -> &[CatalogFile] {
        &self.files
    }

    pub fn file(&self, id: FileId) -> &CatalogFile {
        &self.files[id.0 as usize]
    }

    /// 1-based line and column (in characters) of a location, lines counted as everywhere
    /// in smm (`smm_syntax::lines`).
    pub fn line_col(&self, location: Location) -> (usize, usize) {
        smm_syntax::lines::line_column(&self.file(location.file).text, location.span.start)
    }

    pub fn frameworks(&self) -> impl Iterator<Item = &Framework> {
        self.frameworks.values()
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.get(id)
    }

    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.get(id)
    }

    pub fn subdomain(&self, id: &str) -> Option<&Subdomain> {
        self.subdomains.get(id)
    }

    /// Practices in their framework's order: by domain, subdomain, then as written.
    pub fn practices(&self) -> impl Iterator<Item = &Practice> {
        self.frameworks
            .values()
            .flat_map(|f| &f.domains)
            .flat_map(|d| &self.domains[d].subdomains)
            .flat_map(|s| &self.subdomains[s].practices)
            .map(|p| &self.practices[p])
    }

    pub fn practice(&self, id: &str) -> Option<&Practice> {
        self.practices.get(id)
    }

    pub fn standards(&self) -> impl Iterator<Item = &Standard> {
        self.standards.values()
    }

    pub fn standard(&self, id: &str) -> Option<&Standard> {
        self.standards.get(id)
    }

    /// Clauses of one standard, in file order.
    pub fn clauses_of<'m>(&'m self, standard: &'m Standard) -> impl Iterator<Item = &'m Clause> {
        standard
            .clauses
            .iter()
            .map(move |c| &self.clauses[&format!("{}:{c}", standard.id)])
    }

    /// A clause by `standard:clause`, following annex aliases (`iso27001:A.5.15`).
    pub fn clause(&self, reference: &str) -> Option<&Clause> {
        if let Some(clause) = self.clauses.get(reference) {
            return Some(clause);
        }
        let (standard, clause) = reference.split_once(':')?;
        self.canonical_clause_key(standard, clause)
            .map(|key| &self.clauses[&key])
    }

    /// The title an annex gives the clause `reference` names through it, where the catalog
    /// records one that differs from the clause's own (`iso27001:A.5.34`).
    pub fn annex_title(&self, reference: &str) -> Option<&str> {
        let (standard, clause) = reference.split_once(':')?;
        let entry = self.standards.get(standard)?.annex_titles.get(clause)?;
        Some(entry.title.as_str())
    }

    /// The title to show for `reference` as written: an annex's own title when it has one,
    /// else the clause's.
    pub fn title_as_named(&self, reference: &str) -> Option<&str> {
        self.annex_title(reference)
            .or_else(|| self.clause(reference).map(|c| c.title.as_str()))
    }

    /// The key of the clause a reference names, through annex aliases.
    pub(crate) fn canonical_clause_key(&self, standard: &str, clause: &str) -> Option<String> {
        let key = format!("{standard}:{clause}");
        if self.clauses.contains_key(&key) {
            return Some(key);
        }
        let annexes = &self.standards.get(standard)?.annexes;
        annexes.iter().find_map(|annex| {
            let rest = clause
                .strip_prefix(annex.label.as_str())?
                .strip_prefix('.')?;
            let key = format!("{}:{rest}", annex.standard);
            self.clauses.contains_key(&key).then_some(key)
        })
    }

    pub(crate) fn node_location(&self, id: &str) -> Option<Location> {
        self.domains
            .get(id)
            .map(|d| d.location)
            .or_else(|| self.subdomains.get(id).map(|s| s.location))
            .or_else(|| self.practices.get(id).map(|p| p.location))
    }

    /// Whether `ancestor` is `clause` or above it.
    pub(crate) fn is_ancestor(&self, ancestor: &str, clause: &str) -> bool {
        let mut current = Some(clause.to_string());
        while let Some(key) = current {
            if key == ancestor {
                return true;
            }
            let node = &self.clauses[&key];
            current = node
                .parent
                .as_ref()
                .map(|p| format!("{}:{p}", node.standard));
        }
        false
    }

    pub fn mappings(&self) -> impl Iterator<Item = &Mapping> {
        self.mappings.values()
    }

    /// Every mapping edge, in file order.
    pub fn edges(&self) -> &[MapEdge] {
        &self.edges
    }

    /// Every clause a mapping leaves unmapped on purpose, in file order.
    pub fn unmapped(&self) -> &[Unmapped] {
        &self.unmapped
    }

    /// Why a clause is left unmapped, if a mapping says so; by any of its names.
    pub fn unmapped_reason(&self, reference: &str) -> Option<&Unmapped> {
        let key = self.clause(reference)?.reference();
        self.unmapped.iter().find(|u| u.clause == key)
    }

    pub fn edges_of_practice(&self, practice: &str) -> impl Iterator<Item = &MapEdge> {
        self.edges_by_practice
            .get(practice)
            .into_iter()
            .flatten()
            .map(|&i| &self.edges[i])
    }

    /// Builds the indexes of a complete model.
    pub(crate) fn index(&mut self) {
        self.edges_by_practice.clear();
        self.clauses_by_practice.clear();
        for (i, edge) in self.edges.iter().enumerate() {
            self.edges_by_practice
                .entry(edge.practice.clone())
                .or_default()
                .push(i);
            self.clauses_by_practice
                .entry(edge.practice.clone())
                .or_default()
                .insert(edge.clause.clone());
        }
        self.families = self.index_families();
    }

    /// Whether some edge maps the clause `key` (canonical, as `Clause::reference` writes it)
    /// to `practice`, at any level and for any role.
    pub fn is_mapped_to(&self, practice: &str, key: &str) -> bool {
        self.clauses_by_practice
            .get(practice)
            .is_some_and(|clauses| clauses.contains(key))
    }

    /// Edges to a clause, by any of its names.
    pub fn edges_to_clause<'m>(&'m self, reference: &str) -> impl Iterator<Item = &'m MapEdge> {
        let key = self.clause(reference).map(Clause::reference);
        self.edges
            .iter()
            .filter(move |e| key.as_deref() == Some(e.clause.as_str()))
    }

    /// What an id names: a clause reference (aliases followed), a practice, a domain or
    /// subdomain, a standard or a framework.
    pub fn resolve(&self, id: &str) -> Option<Entry<'_>> {
        if id.contains(':') {
            return self.clause(id).map(Entry::Clause);
        }
        None.or_else(|| self.practices.get(id).map(Entry::Practice))
            .or_else(|| self.standards.get(id).map(Entry::Standard))
            .or_else(|| self.subdomains.get(id).map(Entry::Subdomain))
            .or_else(|| self.domains.get(id).map(Entry::Domain))
            .or_else(|| self.frameworks.get(id).map(Entry::Framework))
    }

    pub fn parent<'m>(&'m self, entry: &Entry<'m>) -> Option<Entry<'m>> {
        match entry {
            Entry::Framework(_) | Entry::Standard(_) => None,
            Entry::Domain(d) => self.frameworks.get(&d.framework).map(Entry::Framework),
            Entry::Subdomain(s) => self.domains.get(&s.domain).map(Entry::Domain),
            Entry::Practice(p) => self.subdomains.get(&p.subdomain).map(Entry::Subdomain),
            Entry::Clause(c) => match &c.parent {
                Some(p) => self
                    .clauses
                    .get(&format!("{}:{p}", c.standard))
                    .map(Entry::Clause),
                None => self.standards.get(&c.standard).map(Entry::Standard),
            },
        }
    }

    pub fn children<'m>(&'m self, entry: &Entry<'m>) -> Vec<Entry<'m>> {
        match entry {
            Entry::Framework(f) => f
                .domains
                .iter()
                .map(|d| Entry::Domain(&self.domains[d]))
                .collect(),
            Entry::Domain(d) => d
                .subdomains
                .iter()
                .map(|s| Entry::Subdomain(&self.subdomains[s]))
                .collect(),
            Entry::Subdomain(s) => s
                .practices
                .iter()
                .map(|p| Entry::Practice(&self.practices[p]))
                .collect(),
            Entry::Practice(_) => Vec::new(),
            Entry::Standard(s) => self
                .clauses_of(s)
                .filter(|c| c.parent.is_none())
                .map(Entry::Clause)
                .collect(),
            Entry::Clause(c) => c
                .children
                .iter()
                .map(|child| Entry::Clause(&self.clauses[&format!("{}:{child}", c.standard)]))
                .collect(),
        }
    }

    /// Ids starting with `prefix`, sorted, for completion. Clause references through an annex
    /// (`iso27001:A.5.`) are offered under the alias the user is typing.
    pub fn complete(&self, prefix: &str) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        let mut scan = |keys: &mut dyn Iterator<Item = &String>| {
            found.extend(keys.filter(|k| k.starts_with(prefix)).cloned());
        };
        if let Some((standard, clause)) = prefix.split_once(':') {
            found.extend(
                self.clauses
                    .range(prefix.to_string()..)
                    .take_while(|(k, _)| k.starts_with(prefix))
                    .map(|(k, _)| k.clone()),
            );
            for Annex {
                label,
                standard: target,
            } in self.standards.get(standard).iter().flat_map(|s| &s.annexes)
            {
                let aliased = format!("{label}.");
                let wanted = clause.strip_prefix(aliased.as_str());
                let Some(rest) = wanted.or_else(|| aliased.starts_with(clause).then_some(""))
                else {
                    continue;
                };
                let inner = format!("{target}:{rest}");
                found.extend(
                    self.clauses
                        .range(inner.clone()..)
                        .take_while(|(k, _)| k.starts_with(&inner))
                        .map(|(_, c)| format!("{standard}:{label}.{}", c.id)),
                );
            }
        } else {
            scan(&mut self.practices.keys());
            scan(&mut self.standards.keys());
            scan(&mut self.subdomains.keys());
            scan(&mut self.domains.keys());
            scan(&mut self.frameworks.keys());
        }
        found.sort();
        found.dedup();
        found
    }
}
