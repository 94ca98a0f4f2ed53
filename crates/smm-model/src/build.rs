//! From parsed catalog files to a model: every definition is checked against the others, and
//! each problem becomes a diagnostic at the place that causes it (with the other place, for a
//! duplicate).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use smm_syntax::ast::{
    self, ClauseRef, Definition, DefinitionField, FrameworkField, Item, Name, SourceFile,
    StandardField,
};
use smm_syntax::{Diagnostic, Severity, Span};

use crate::entities::*;
use crate::lookup::Model;
use crate::{Level, Role};

mod annex_entries;
mod security_level;
mod unmapped;

/// Another place a diagnostic refers to, possibly in another file.
#[derive(Clone, Debug)]
pub struct Elsewhere {
    pub location: Location,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct ModelDiagnostic {
    pub file: FileId,
    pub diagnostic: Diagnostic,
    pub elsewhere: Vec<Elsewhere>,
}

pub struct ModelBuilder {
    model: Model,
    diagnostics: Vec<ModelDiagnostic>,
    /// Extensions wait until every clause is known.
    extensions: Vec<(FileId, ast::Extension)>,
    /// Clause parents wait until the whole standard is known.
    pending_parents: Vec<(String, Setting)>,
    /// Annex entries wait until the standard their annex lists is known.
    pending_annex_entries: Vec<annex_entries::PendingAnnexEntry>,
    /// Mappings wait until every practice and clause is known.
    mappings: Vec<(FileId, ast::Mapping)>,
    /// (mapping, practice, level, clause) → index of the edge, to find a repeated one.
    edge_index: HashMap<(String, String, Level, String), usize>,
}

/// A `parent` reference to check later.
type Setting = (FileId, Span, String);

fn diagnostic(code: &'static str, severity: Severity, span: Span, message: String) -> Diagnostic {
    Diagnostic {
        severity,
        code,
        message: message.into(),
        span,
        label: String::new(),
        related: Vec::new(),
        help: None,
        notes: Vec::new(),
    }
}

impl Default for ModelBuilder {
    fn default() -> Self {
        ModelBuilder::new()
    }
}

impl ModelBuilder {
    pub fn new() -> ModelBuilder {
        ModelBuilder {
            model: Model::default(),
            diagnostics: Vec::new(),
            extensions: Vec::new(),
            pending_parents: Vec::new(),
            pending_annex_entries: Vec::new(),
            mappings: Vec::new(),
            edge_index: HashMap::new(),
        }
    }

    /// Adds a catalog file: its `framework`, `standard` and `extend` items; other items are
    /// ignored (they belong to the checker).
    pub fn add(&mut self, origin: Origin, text: Cow<'static, str>, file: &SourceFile) -> FileId {
        let id = FileId(self.model.files.len() as u32);
        self.model.files.push(CatalogFile { origin, text });
        for item in &file.items {
            match item {
                Item::Framework(f) => self.framework(id, f),
                Item::Standard(s) => self.standard(id, s),
                Item::Extension(e) => self.extensions.push((id, e.clone())),
                Item::Mapping(m) => self.mappings.push((id, m.clone())),
                _ => {}
            }
        }
        id
    }

    pub fn finish(mut self) -> (Model, Vec<ModelDiagnostic>) {
        self.link_parents();
        self.link_annex_entries();
        for (file, extension) in std::mem::take(&mut self.extensions) {
            self.extension(file, &extension);
        }
        self.check_standard_references();
        self.check_supersedes_cycles();
        for (file, mapping) in std::mem::take(&mut self.mappings) {
            self.mapping(file, &mapping);
        }
        // Only once every mapping's edges are known.
        self.check_unmapped_against_edges();
        self.diagnostics
            .sort_by_key(|d| (d.file, d.diagnostic.span.start));
        self.model.index();
        (self.model, self.diagnostics)
    }

    fn report(&mut self, file: FileId, diagnostic: Diagnostic, elsewhere: Vec<Elsewhere>) {
        self.diagnostics.push(ModelDiagnostic {
            file,
            diagnostic,
            elsewhere,
        });
    }

    fn is_builtin(&self, file: FileId) -> bool {
        matches!(self.model.files[file.0 as usize].origin, Origin::Builtin(_))
    }

    /// Reports a second definition of an id; `true` when the id is new.
    fn claim(
        &mut self,
        file: FileId,
        span: Span,
        kind: &str,
        id: &str,
        first: Option<Location>,
    ) -> bool {
        let Some(first) = first else { return true };
        let (code, message, note) = if self.is_builtin(first.file) && !self.is_builtin(file) {
            (
                "model::redefined-builtin",
                format!("{kind} `{id}` is built in and cannot be redefined"),
                "the built-in definition",
            )
        } else {
            (
                "model::duplicate-id",
                format!("{kind} `{id}` is defined twice"),
                "first defined here",
            )
        };
        let mut d =
            diagnostic(code, Severity::Error, span, message).with_label("second definition");
        d.help = Some(match code {
            "model::redefined-builtin" => format!(
                "to add your own text to a built-in clause, use `extend`; to define something new, choose another id than `{id}`"
            ).into(),
            _ => "remove one of them, or give one another id".into(),
        });
        self.report(
            file,
            d,
            vec![Elsewhere {
                location: first,
                message: note.into(),
            }],
        );
        false
    }

    fn framework(&mut self, file: FileId, f: &ast::Framework) {
        let Some(name) = &f.name else { return };
        let first = self.model.frameworks.get(&name.text).map(|x| x.location);
        if !self.claim(file, name.span, "framework", &name.text, first) {
            return;
        }
        let mut framework = Framework {
            id: name.text.clone(),
            title: f
                .title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
            description: None,
            source: None,
            domains: Vec::new(),
            location: Location {
                file,
                span: name.span,
            },
        };
        let fields = f.body.iter().flat_map(|b| &b.entries);
        for field in fields.clone() {
            match field {
                FrameworkField::Description(s) => framework.description = text(s),
                FrameworkField::Source(s) => framework.source = text(s),
                _ => {}
            }
        }
        self.model.frameworks.insert(name.text.clone(), framework);
        // Domains first, then subdomains, then practices: parents may come later in the file.
        for field in fields.clone() {
            if let FrameworkField::Domain(d) = field {
                self.domain(file, &name.text, d);
            }
        }
        for field in fields.clone() {
            if let FrameworkField::Subdomain(d) = field {
                self.subdomain(file, d);
            }
        }
        for field in fields {
            if let FrameworkField::Practice(d) = field {
                self.practice(file, &name.text, d);
            }
        }
    }

    /// The id and location of a framework node, if it is new.
    fn claim_node(
        &mut self,
        file: FileId,
        kind: &str,
        d: &Definition<Name>,
    ) -> Option<(String, Location)> {
        let id = d.id.as_ref()?;
        let first = self.model.node_location(&id.text);
        if !self.claim(file, id.span, kind, &id.text, first) {
            return None;
        }
        if d.title.is_none() {
            let message = format!("{kind} `{}` has no title", id.text);
            let mut w = diagnostic("model::missing-title", Severity::Warning, id.span, message);
            w.help = Some(
                format!(
                    "add its name in quotes after the id: {kind} {} \"Name\"",
                    id.text
                )
                .into(),
            );
            self.report(file, w, Vec::new());
        }
        Some((
            id.text.clone(),
            Location {
                file,
                span: id.span,
            },
        ))
    }

    /// Checks that a node's `parent` names a node of the expected kind.
    fn parent_of(
        &mut self,
        file: FileId,
        kind: &str,
        d: &Definition<Name>,
        expected: &str,
        exists: impl Fn(&Model, &str) -> bool,
    ) -> Option<String> {
        let id = d.id.as_ref().map_or("", |n| n.text.as_str());
        let Some(parent) = &d.parent else {
            let message = format!("{kind} `{id}` needs a parent {expected}");
            let mut e = diagnostic("model::missing-parent", Severity::Error, d.keyword, message);
            e.help = Some(format!("add `parent ID`, the id of its {expected}").into());
            self.report(file, e, Vec::new());
            return None;
        };
        let value = parent.value.as_ref()?;
        if exists(&self.model, &value.text) {
            return Some(value.text.clone());
        }
        let message = format!("no {expected} `{}` is defined", value.text);
        let e = diagnostic(
            "model::unknown-parent",
            Severity::Error,
            value.span,
            message,
        )
        .with_label(format!("expected the id of a {expected}"));
        self.report(file, e, Vec::new());
        None
    }

    fn check_fields(
        &mut self,
        file: FileId,
        what: &str,
        body: &Option<ast::Block<DefinitionField>>,
        allowed: &[&str],
    ) {
        for field in body.iter().flat_map(|b| &b.entries) {
            let (name, span) = match field {
                DefinitionField::Description(s) => ("description", s.keyword),
                DefinitionField::Objective(s) => ("objective", s.keyword),
                DefinitionField::Comprehensiveness(l) => ("comprehensiveness", l.keyword),
                DefinitionField::Text(s) => ("text", s.keyword),
                DefinitionField::SecurityLevel(s) => ("security-level", s.keyword),
                DefinitionField::Error(_) => continue,
            };
            if !allowed.contains(&name) {
                let message = format!("`{name}` does not belong in {what}");
                let mut e = diagnostic("model::misplaced-field", Severity::Error, span, message);
                e.help = Some(if allowed.is_empty() {
                    format!("{what} takes a title and no block").into()
                } else {
                    format!("{what} takes: {}", allowed.join(", ")).into()
                });
                self.report(file, e, Vec::new());
            }
        }
    }

    fn domain(&mut self, file: FileId, framework: &str, d: &Definition<Name>) {
        let Some((id, location)) = self.claim_node(file, "domain", d) else {
            return;
        };
        if let Some(parent) = &d.parent {
            let e = diagnostic(
                "model::unexpected-parent",
                Severity::Error,
                parent.keyword,
                format!("domain `{id}` is at the top of the framework and takes no parent"),
            );
            self.report(file, e, Vec::new());
        }
        self.check_fields(file, "a domain", &d.body, &["description"]);
        self.model
            .frameworks
            .get_mut(framework)
            .unwrap()
            .domains
            .push(id.clone());
        let domain = Domain {
            id: id.clone(),
            title: title(&d.title),
            description: description(&d.body),
            framework: framework.to_string(),
            subdomains: Vec::new(),
            location,
        };
        self.model.domains.insert(id, domain);
    }

    fn subdomain(&mut self, file: FileId, d: &Definition<Name>) {
        let Some((id, location)) = self.claim_node(file, "subdomain", d) else {
            return;
        };
        self.check_fields(file, "a subdomain", &d.body, &["description"]);
        let parent = self.parent_of(file, "subdomain", d, "domain", |m, p| {
            m.domains.contains_key(p)
        });
        let Some(domain) = parent else { return };
        self.model
            .domains
            .get_mut(&domain)
            .unwrap()
            .subdomains
            .push(id.clone());
        let subdomain = Subdomain {
            id: id.clone(),
            title: title(&d.title),
            description: description(&d.body),
            domain,
            practices: Vec::new(),
            location,
        };
        self.model.subdomains.insert(id, subdomain);
    }

    fn practice(&mut self, file: FileId, framework: &str, d: &Definition<Name>) {
        let Some((id, location)) = self.claim_node(file, "practice", d) else {
            return;
        };
        self.check_fields(
            file,
            "a practice",
            &d.body,
            &["description", "objective", "comprehensiveness"],
        );
        let parent = self.parent_of(file, "practice", d, "subdomain", |m, p| {
            m.subdomains.contains_key(p)
        });
        let Some(subdomain) = parent else { return };
        let mut practice = Practice {
            id: id.clone(),
            name: title(&d.title),
            framework: framework.to_string(),
            domain: self.model.subdomains[&subdomain].domain.clone(),
            subdomain: subdomain.clone(),
            objective: None,
            levels: Default::default(),
            location,
        };
        for field in d.body.iter().flat_map(|b| &b.entries) {
            match field {
                DefinitionField::Objective(s) => practice.objective = text(s),
                DefinitionField::Comprehensiveness(l) => {
                    self.level_text(file, &id, l, &mut practice.levels)
                }
                _ => {}
            }
        }
        self.model
            .subdomains
            .get_mut(&subdomain)
            .unwrap()
            .practices
            .push(id.clone());
        self.model.practices.insert(id, practice);
    }

    fn level_text(
        &mut self,
        file: FileId,
        practice: &str,
        l: &ast::LevelText,
        levels: &mut [Option<String>; 4],
    ) {
        let (Some(level), Some(words)) = (&l.level, &l.text) else {
            return;
        };
        let slot = level
            .value
            .filter(|n| (1..=4).contains(n))
            .map(|n| n as usize - 1);
        let Some(slot) = slot else {
            let message = format!("comprehensiveness levels are 1 to 4, not {}", level.text);
            let e = diagnostic(
                "model::level-out-of-range",
                Severity::Error,
                level.span,
                message,
            )
            .with_help("level 0 means the practice is absent and has no description");
            self.report(file, e, Vec::new());
            return;
        };
        if levels[slot].is_some() {
            let message = format!("level {} of `{practice}` is described twice", slot + 1);
            let e = diagnostic(
                "model::duplicate-level",
                Severity::Error,
                l.keyword,
                message,
            );
            self.report(file, e, Vec::new());
            return;
        }
        levels[slot] = Some(words.value.clone());
    }

    fn standard(&mut self, file: FileId, s: &ast::Standard) {
        let Some(name) = &s.name else { return };
        let first = self.model.standards.get(&name.text).map(|x| x.location);
        if !self.claim(file, name.span, "standard", &name.text, first) {
            return;
        }
        let mut standard = Standard {
            id: name.text.clone(),
            title: s
                .title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
            edition: None,
            source: None,
            description: None,
            roles: Vec::new(),
            supersedes: None,
            annexes: Vec::new(),
            annex_titles: Default::default(),
            clauses: Vec::new(),
            location: Location {
                file,
                span: name.span,
            },
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
                        standard
                            .annexes
                            .push((label.value.clone(), target.text.clone()));
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

    fn unknown_role(&mut self, file: FileId, value: &Name) {
        let roles: Vec<&str> = Role::ALL.iter().map(|r| r.id()).collect();
        let mut e = diagnostic(
            "model::unknown-role",
            Severity::Error,
            value.span,
            format!("unknown role `{}`", value.text),
        );
        e.help = Some(
            match smm_syntax::did_you_mean(&value.text, roles.iter().copied()) {
                Some(near) => {
                    format!("did you mean `{near}`? roles are {}", roles.join(", ")).into()
                }
                None => format!("roles are {}", roles.join(", ")).into(),
            },
        );
        self.report(file, e, Vec::new());
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
            let mut d = diagnostic(
                "model::role-not-served",
                Severity::Warning,
                role.span,
                format!("`{standard}` is not written for the role `{}`", role.text),
            );
            d.help = Some(
                format!(
                    "`{standard}` serves {}; map this clause for those roles only",
                    if names.is_empty() {
                        "no role".to_string()
                    } else {
                        names.join(", ")
                    }
                )
                .into(),
            );
            self.report(file, d, Vec::new());
        }
    }

    fn clause(&mut self, file: FileId, standard: &str, c: &Definition<ClauseRef>) {
        let Some(id) = &c.id else { return };
        if id.standard != standard {
            let message = format!(
                "clause `{}:{}` is inside standard `{standard}` but names standard `{}`",
                id.standard, id.clause, id.standard
            );
            let mut e = diagnostic(
                "model::clause-outside-standard",
                Severity::Error,
                id.span,
                message,
            );
            e.help = Some(
                format!(
                    "write it as `{standard}:{}`, or move it into its own standard",
                    id.clause
                )
                .into(),
            );
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
            let mut w = diagnostic(
                "model::missing-title",
                Severity::Warning,
                id.span,
                format!("clause `{key}` has no title"),
            );
            w.help = Some(
                format!("add its official short title in quotes: clause {key} \"Title\"").into(),
            );
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

    fn link_parents(&mut self) {
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
                let e = diagnostic("model::unknown-parent", Severity::Error, span, message)
                    .with_label("expected a clause of the same standard");
                self.report(file, e, Vec::new());
                continue;
            }
            // `child` has no parent yet, so it is the top of its tree: linking it below
            // `parent` closes a cycle exactly when `parent` is in that tree.
            if tops.top(&parent) == child {
                let message =
                    format!("`{child}` cannot have `{parent}` as parent: that makes a cycle");
                let e = diagnostic("model::parent-cycle", Severity::Error, span, message);
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

    fn extension(&mut self, file: FileId, e: &ast::Extension) {
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
            let d = diagnostic(
                "model::unknown-clause",
                Severity::Error,
                target.span,
                message,
            );
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
    fn check_supersedes_cycles(&mut self) {
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
            let d = diagnostic(
                "model::supersedes-cycle",
                Severity::Error,
                location.span,
                message,
            )
            .with_label("an edition cannot be older than itself");
            self.report(location.file, d, Vec::new());
        }
    }

    fn check_standard_references(&mut self) {
        let mut problems = Vec::new();
        for standard in self.model.standards.values() {
            let targets = standard
                .annexes
                .iter()
                .map(|(_, target)| target)
                .chain(standard.supersedes.iter());
            for target in targets {
                if !self.model.standards.contains_key(target) {
                    problems.push((standard.location, target.clone()));
                }
            }
        }
        for (location, target) in problems {
            let message = format!("no standard `{target}` is defined");
            let d = diagnostic(
                "model::unknown-standard",
                Severity::Error,
                location.span,
                message,
            )
            .with_label(format!("this standard refers to `{target}`"));
            self.report(location.file, d, Vec::new());
        }
    }
}

impl ModelBuilder {
    fn mapping(&mut self, file: FileId, m: &ast::Mapping) {
        let Some(name) = &m.name else { return };
        let first = self.model.mappings.get(&name.text).map(|x| x.location);
        if !self.claim(file, name.span, "mapping", &name.text, first) {
            return;
        }
        let mut mapping = Mapping {
            id: name.text.clone(),
            title: title(&m.title),
            description: None,
            source: None,
            edition: None,
            location: Location {
                file,
                span: name.span,
            },
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

    fn error(&mut self, file: FileId, code: &'static str, span: Span, message: String) {
        let d = diagnostic(code, Severity::Error, span, message);
        self.report(file, d, Vec::new());
    }

    /// A checked edge, or `None` after reporting why it cannot be one.
    fn edge(&mut self, file: FileId, mapping: &str, e: &ast::MapEdge) -> Option<MapEdge> {
        let practice = e.practice.as_ref()?;
        if !self.model.practices.contains_key(&practice.text) {
            let message = format!("unknown practice `{}`", practice.text);
            let mut d = diagnostic(
                "model::unknown-practice",
                Severity::Error,
                practice.span,
                message,
            );
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
            self.error(file, "model::level-out-of-range", level_value.span, message);
            return None;
        };
        let target = e.clause.as_ref()?.value.as_ref()?;
        let Some(clause) = self
            .model
            .canonical_clause_key(&target.standard, &target.clause)
        else {
            let message = format!("unknown clause `{}:{}`", target.standard, target.clause);
            self.error(file, "model::unknown-clause", target.span, message);
            return None;
        };
        let relationship = match &e.relationship {
            None => {
                let message = "a `map` line needs `as equal|subset|superset|intersect`".to_string();
                self.error(file, "model::missing-relationship", e.keyword, message);
                return None;
            }
            Some(r) => {
                let value = r.value.as_ref()?;
                let Some(relationship) = Relationship::from_id(&value.text) else {
                    let message = format!(
                        "unknown relationship `{}`: use equal, subset, superset or intersect",
                        value.text
                    );
                    self.error(file, "model::unknown-relationship", value.span, message);
                    return None;
                };
                relationship
            }
        };
        let Some((_, role_names)) = &e.roles else {
            let message = "a `map` line needs `for ROLE...`: the roles the edge serves".to_string();
            self.error(file, "model::missing-roles", e.keyword, message);
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
            Some(v) => {
                let value = v.value.as_ref()?;
                let Some(key) = self
                    .model
                    .canonical_clause_key(&value.standard, &value.clause)
                else {
                    let message = format!("unknown clause `{}:{}`", value.standard, value.clause);
                    self.error(file, "model::unknown-clause", value.span, message);
                    return None;
                };
                Some(key)
            }
        };
        let key = (
            mapping.to_string(),
            practice.text.clone(),
            level,
            clause.clone(),
        );
        let duplicate = self.edge_index.get(&key).map(|i| &self.model.edges[*i]);
        if let Some(first) = duplicate.map(|x| x.location) {
            let d = diagnostic(
                "model::duplicate-edge",
                Severity::Error,
                e.keyword,
                format!(
                    "`{}` at level {} already maps to `{clause}`",
                    practice.text,
                    level.number()
                ),
            )
            .with_label("second edge");
            let first = Elsewhere {
                location: first,
                message: "first edge".into(),
            };
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
}

fn text(setting: &ast::Setting<ast::Text>) -> Option<String> {
    setting.value.as_ref().map(|t| t.value.clone())
}

fn title(title: &Option<ast::Text>) -> String {
    title.as_ref().map(|t| t.value.clone()).unwrap_or_default()
}

fn description(body: &Option<ast::Block<DefinitionField>>) -> Option<String> {
    body.iter().flat_map(|b| &b.entries).find_map(|f| match f {
        DefinitionField::Description(s) => text(s),
        _ => None,
    })
}

fn licensed_text(body: &Option<ast::Block<DefinitionField>>, file: FileId) -> Option<LicensedText> {
    let block = body.as_ref()?;
    let paragraphs: Vec<String> = block
        .entries
        .iter()
        .filter_map(|f| match f {
            DefinitionField::Text(s) => text(s),
            _ => None,
        })
        .collect();
    (!paragraphs.is_empty()).then_some(LicensedText {
        paragraphs,
        location: Location {
            file,
            span: block.span,
        },
    })
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
