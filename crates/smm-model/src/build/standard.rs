//! `standard` items and their clauses, the `extend` blocks that add to a clause, and what is
//! checked once every standard is known: clause parents, annexes and editions.

use std::collections::{HashMap, HashSet};

use smm_syntax::ast::{self, ClauseRef, Definition, StandardField};

use super::fields::{description, licensed_text, text, title};
use super::ModelBuilder;
use crate::entities::{Annex, Clause, FileId, Location, Standard};
use crate::ModelCode;
use crate::Role;

impl ModelBuilder {
    pub(super) fn standard(&mut self, file: FileId, s: &ast::Standard) {
        let Some(name) = &s.name else { return };
        let first = self.model.standards.get(&name.text).map(|x| x.location);
        let Some(location) = self.claim_name(file, "standard", name, first) else {
            return;
        };
        let mut standard = Standard {
            id: name.text.clone(),
            title: title(&s.title),
            edition: None,
            source: None,
            description: None,
            roles: Vec::new(),
            supersedes: None,
            annexes: Vec::new(),
            annex_titles: Default::default(),
            clauses: Vec::new(),
            location,
        };
        let mut clauses = Vec::new();
        for field in s.body.iter().flat_map(|b| &b.entries) {
            match field {
                StandardField::Description(t) => standard.description = text(t),
                StandardField::Source(t) => standard.source = text(t),
                StandardField::Edition(t) => standard.edition = text(t),
                StandardField::Supersedes(n) => {
                    standard.supersedes = n.value.as_ref().map(|v| v.text.clone())
                }
                StandardField::Role(r) => {
                    let Some(value) = &r.value else { continue };
                    match Role::from_id(&value.text) {
                        Some(role) => standard.roles.push(role),
                        None => self.unknown_role(file, value),
                    }
                }
                StandardField::Annex(a) => {
                    if let (Some(label), Some(target)) = (&a.label, &a.standard) {
                        standard.annexes.push(Annex {
                            label: label.value.clone(),
                            standard: target.text.clone(),
                        });
                    }
                }
                StandardField::Clause(c) => clauses.push(c),
                StandardField::Error(_) => {}
            }
        }
        self.model.standards.insert(name.text.clone(), standard);
        for c in clauses {
            self.clause(file, &name.text, c);
        }
    }

    fn clause(&mut self, file: FileId, standard: &str, c: &Definition<ClauseRef>) {
        let Some(id) = &c.id else { return };
        if id.standard != standard {
            let message = format!(
                "clause `{}:{}` is inside standard `{standard}` but names standard `{}`",
                id.standard, id.clause, id.standard
            );
            let e = ModelCode::ClauseOutsideStandard
                .diagnostic(id.span, message)
                .with_help(format!(
                    "write it as `{standard}:{}`, or move it into its own standard",
                    id.clause
                ));
            self.report(file, e, Vec::new());
            return;
        }
        if self.is_annex_entry(standard, &id.clause) {
            self.annex_entry(file, standard, c);
            return;
        }
        let key = format!("{standard}:{}", id.clause);
        let first = self.model.clauses.get(&key).map(|x| x.location);
        if !self.claim(file, id.span, "clause", &key, first) {
            return;
        }
        if c.title.is_none() {
            let w = ModelCode::MissingTitle
                .diagnostic(id.span, format!("clause `{key}` has no title"))
                .with_help(format!(
                    "add its official short title in quotes: clause {key} \"Title\""
                ));
            self.report(file, w, Vec::new());
        }
        let user_catalog = !self.is_builtin(file);
        let allowed: &[&str] = if user_catalog {
            &["description", "security-level", "text"]
        } else {
            &["description", "security-level"]
        };
        self.check_fields(file, "a clause", &c.body, allowed);
        if let Some(parent) = &c.parent {
            if let Some(value) = &parent.value {
                let target = format!("{}:{}", value.standard, value.clause);
                self.pending_parents
                    .push((key.clone(), (file, value.span, target)));
            }
        }
        let licensed = licensed_text(&c.body, file);
        let security_level = self.security_level(file, &key, &c.body);
        let clause = Clause {
            standard: standard.to_string(),
            id: id.clause.clone(),
            title: title(&c.title),
            description: description(&c.body),
            parent: None,
            children: Vec::new(),
            licensed: licensed.into_iter().collect(),
            security_level,
            location: Location {
                file,
                span: id.span,
            },
        };
        self.model
            .standards
            .get_mut(standard)
            .unwrap()
            .clauses
            .push(id.clause.clone());
        self.model.clauses.insert(key, clause);
    }

    pub(super) fn link_parents(&mut self) {
        // The top of each clause's tree so far, so that a cycle check does not walk a deep
        // hierarchy once per clause (quadratic in its depth).
        let mut tops = Tops::default();
        for (child, (file, span, parent)) in std::mem::take(&mut self.pending_parents) {
            let child_standard = self.model.clauses[&child].standard.clone();
            let parent_ok = self
                .model
                .clauses
                .get(&parent)
                .is_some_and(|p| p.standard == child_standard);
            if !parent_ok {
                let message =
                    format!("no clause `{parent}` is defined in standard `{child_standard}`");
                let e = ModelCode::UnknownParent
                    .diagnostic(span, message)
                    .with_label("expected a clause of the same standard");
                self.report(file, e, Vec::new());
                continue;
            }
            // `child` has no parent yet, so it is the top of its tree: linking it below
            // `parent` closes a cycle exactly when `parent` is in that tree.
            if tops.top(&parent) == child {
                let message =
                    format!("`{child}` cannot have `{parent}` as parent: that makes a cycle");
                let e = ModelCode::ParentCycle.diagnostic(span, message);
                self.report(file, e, Vec::new());
                continue;
            }
            tops.link(&child, &parent);
            let parent_id = self.model.clauses[&parent].id.clone();
            self.model.clauses.get_mut(&child).unwrap().parent = Some(parent_id);
            let child_id = self.model.clauses[&child].id.clone();
            self.model
                .clauses
                .get_mut(&parent)
                .unwrap()
                .children
                .push(child_id);
        }
    }

    pub(super) fn extension(&mut self, file: FileId, e: &ast::Extension) {
        let Some(target) = &e.clause else { return };
        self.check_fields(
            file,
            "an `extend` block",
            &e.body,
            &["security-level", "text"],
        );
        let key = self
            .model
            .canonical_clause_key(&target.standard, &target.clause);
        let Some(key) = key.filter(|k| self.model.clauses.contains_key(k)) else {
            let message = format!(
                "no clause `{}:{}` to extend",
                target.standard, target.clause
            );
            let d = ModelCode::UnknownClause.diagnostic(target.span, message);
            self.report(file, d, Vec::new());
            return;
        };
        let licensed = licensed_text(&e.body, file);
        self.model
            .clauses
            .get_mut(&key)
            .unwrap()
            .licensed
            .extend(licensed);
        self.extend_security_level(file, &key, &e.body);
    }

    /// Editions that supersede each other in a circle have no oldest: each is reported.
    /// Every standard is walked once, so a long chain costs its length, not its square.
    pub(super) fn check_supersedes_cycles(&mut self) {
        let mut done: HashSet<&str> = HashSet::new();
        let mut cycles: Vec<Vec<&str>> = Vec::new();
        for start in self.model.standards.keys() {
            let mut path: Vec<&str> = Vec::new();
            let mut on_path: HashMap<&str, usize> = HashMap::new();
            let mut current = Some(start.as_str());
            while let Some(id) = current {
                if done.contains(id) {
                    break;
                }
                if let Some(&at) = on_path.get(id) {
                    cycles.push(path[at..].to_vec());
                    break;
                }
                on_path.insert(id, path.len());
                path.push(id);
                current = self.model.standards[id]
                    .supersedes
                    .as_deref()
                    .filter(|older| self.model.standards.contains_key(*older));
            }
            done.extend(path);
        }
        let mut problems = Vec::new();
        for members in cycles {
            for (at, id) in members.iter().enumerate() {
                let around = crate::shown_cycle(&members, at, "standards");
                let message = format!("`{id}` supersedes itself: {around}");
                problems.push((self.model.standards[*id].location, message));
            }
        }
        for (location, message) in problems {
            let d = ModelCode::SupersedesCycle
                .diagnostic(location.span, message)
                .with_label("an edition cannot be older than itself");
            self.report(location.file, d, Vec::new());
        }
    }

    pub(super) fn check_standard_references(&mut self) {
        let mut problems = Vec::new();
        for standard in self.model.standards.values() {
            let targets = standard
                .annexes
                .iter()
                .map(|annex| &annex.standard)
                .chain(standard.supersedes.iter());
            for target in targets {
                if !self.model.standards.contains_key(target) {
                    problems.push((standard.location, target.clone()));
                }
            }
        }
        for (location, target) in problems {
            let message = format!("no standard `{target}` is defined");
            let d = ModelCode::UnknownStandard
                .diagnostic(location.span, message)
                .with_label(format!("this standard refers to `{target}`"));
            self.report(location.file, d, Vec::new());
        }
    }
}

/// Each linked clause's parent key, and the top of its tree once found (path halving keeps
/// every lookup near constant time).
#[derive(Default)]
struct Tops {
    up: HashMap<String, String>,
}

impl Tops {
    fn top(&mut self, key: &str) -> String {
        let mut current = key.to_string();
        while let Some(next) = self.up.get(&current).cloned() {
            if let Some(after) = self.up.get(&next).cloned() {
                self.up.insert(current, after.clone());
                current = after;
            } else {
                return next;
            }
        }
        current
    }

    fn link(&mut self, child: &str, parent: &str) {
        self.up.insert(child.to_string(), parent.to_string());
    }
}
