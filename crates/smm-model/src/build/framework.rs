//! `framework` items: the framework, then its domains, subdomains and practices, each placed
//! under the parent it names.

use smm_syntax::ast::{self, Definition, DefinitionField, FrameworkField, Name};

use super::fields::{description, text, title};
use super::ModelBuilder;
use crate::entities::{Domain, FileId, Framework, Location, Practice, Subdomain};
use crate::lookup::Model;
use crate::ModelCode;

impl ModelBuilder {
    pub(super) fn framework(&mut self, file: FileId, f: &ast::Framework) {
        let Some(name) = &f.name else { return };
        let first = self.model.frameworks.get(&name.text).map(|x| x.location);
        let Some(location) = self.claim_name(file, "framework", name, first) else {
            return;
        };
        let mut framework = Framework {
            id: name.text.clone(),
            title: title(&f.title),
            description: None,
            source: None,
            domains: Vec::new(),
            location,
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
        let location = self.claim_name(file, kind, id, first)?;
        if d.title.is_none() {
            let message = format!("{kind} `{}` has no title", id.text);
            let w = ModelCode::MissingTitle
                .diagnostic(id.span, message)
                .with_help(format!(
                    "add its name in quotes after the id: {kind} {} \"Name\"",
                    id.text
                ));
            self.report(file, w, Vec::new());
        }
        Some((id.text.clone(), location))
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
            let e = ModelCode::MissingParent
                .diagnostic(d.keyword, message)
                .with_help(format!("add `parent ID`, the id of its {expected}"));
            self.report(file, e, Vec::new());
            return None;
        };
        let value = parent.value.as_ref()?;
        if exists(&self.model, &value.text) {
            return Some(value.text.clone());
        }
        let message = format!("no {expected} `{}` is defined", value.text);
        let e = ModelCode::UnknownParent
            .diagnostic(value.span, message)
            .with_label(format!("expected the id of a {expected}"));
        self.report(file, e, Vec::new());
        None
    }

    fn domain(&mut self, file: FileId, framework: &str, d: &Definition<Name>) {
        let Some((id, location)) = self.claim_node(file, "domain", d) else {
            return;
        };
        if let Some(parent) = &d.parent {
            let e = ModelCode::UnexpectedParent.diagnostic(
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
            let e = ModelCode::LevelOutOfRange
                .diagnostic(level.span, message)
                .with_help("level 0 means the practice is absent and has no description");
            self.report(file, e, Vec::new());
            return;
        };
        if levels[slot].is_some() {
            let message = format!("level {} of `{practice}` is described twice", slot + 1);
            let e = ModelCode::DuplicateLevel.diagnostic(l.keyword, message);
            self.report(file, e, Vec::new());
            return;
        }
        levels[slot] = Some(words.value.clone());
    }
}
