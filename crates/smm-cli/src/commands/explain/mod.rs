//! `smm explain ID`: one page about whatever an id names in the model (built in, plus the
//! workspace's catalogs), so that a
//! practice or clause met in a `.smm` file can be understood without the standard at hand.

use std::io::{self, Write};

use smm_model::{Clause, Domain, Entry, Framework, Level, Model, Practice, Standard, Subdomain};
use smm_syntax::visible;

use crate::cli::ExplainArgs;
use crate::status::Status;
use crate::workspace_model;

pub mod code;
mod defined_at;
mod mapping;
mod page;
mod suggest;

use mapping::MappingView;
use page::Page;

pub fn run(args: &ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    let Some(id) = args.id.as_deref() else {
        return code::list(out);
    };
    // Diagnostic codes (`check::unmet-target`) need no model; ids never contain `::`.
    if id.contains("::") {
        return code::run(id, args, out, err);
    }
    // The user's catalogs count: their standards, and text they attached to built-in clauses.
    let (model, root) = match workspace_model::model_or_report(args.verbose, err)? {
        Ok(here) => (here.model, here.root),
        Err(status) => return Ok(status),
    };
    let Some(entry) = model.resolve(id) else {
        // A code as waivers write it, without its `check::`.
        if let Some(code) = code::check_code(id) {
            return code::run(code, args, out, err);
        }
        // The id is the user's, as typed, and the hint may repeat it.
        writeln!(err, "error: unknown id `{}`", visible(id))?;
        writeln!(err, "help: {}", visible(&suggest::hint(&model, id)))?;
        if root.is_none() {
            writeln!(
                err,
                "note: no smm.toml here or above, so only the built-in catalog was searched; \
                 run smm in a workspace (`smm init` starts one) to search its catalogs too"
            )?;
        }
        return Ok(Status {
            failures: 1,
            ..Status::default()
        });
    };
    let view =
        match options_for(&entry, id, args).and_then(|()| MappingView::from_args(&model, args)) {
            Ok(view) => view,
            Err(message) => {
                writeln!(err, "error: {}", visible(&message))?;
                return Ok(Status {
                    failures: 1,
                    ..Status::default()
                });
            }
        };
    let explain = Explain {
        model: &model,
        view,
    };
    let text = match entry {
        Entry::Framework(f) => explain.framework(f),
        Entry::Domain(d) => explain.domain(d),
        Entry::Subdomain(s) => explain.subdomain(s),
        Entry::Practice(p) => explain.practice(p),
        Entry::Standard(s) => explain.standard(s),
        Entry::Clause(c) => explain.clause(c, id),
    };
    out.write_all(text.as_bytes())?;
    Ok(Status::default())
}

/// `--role`, `--level` and `--edition` narrow a mapping listing: refuse them where there is
/// none rather than ignore them.
fn options_for(entry: &Entry<'_>, id: &str, args: &ExplainArgs) -> Result<(), String> {
    let narrowing = args.level.is_some() || !args.edition.is_empty();
    match entry {
        Entry::Practice(_) => Ok(()),
        Entry::Clause(_) if !narrowing => Ok(()),
        Entry::Clause(_) => Err(format!(
            "`--level` and `--edition` narrow a practice's mapping; `{id}` is a clause (`--role` works)"
        )),
        _ if narrowing || args.role.is_some() => Err(format!(
            "`--role`, `--level` and `--edition` narrow a practice's mapping; `{id}` is a {}",
            entry.kind()
        )),
        _ => Ok(()),
    }
}

struct Explain<'m> {
    model: &'m Model,
    view: MappingView,
}

impl Explain<'_> {
    fn framework(&self, framework: &Framework) -> String {
        let mut page = Page::new(&framework.id, &framework.title);
        page.field("Kind", "framework");
        optional(&mut page, "Description", &framework.description);
        optional(&mut page, "Source", &framework.source);
        page.list("Domains", self.children(Entry::Framework(framework)));
        self.finish(page, Entry::Framework(framework))
    }

    fn domain(&self, domain: &Domain) -> String {
        let mut page = Page::new(&domain.id, &domain.title);
        page.field("Kind", "domain");
        page.field("Framework", &self.framework_named(&domain.framework));
        optional(&mut page, "Description", &domain.description);
        page.list("Subdomains", self.children(Entry::Domain(domain)));
        self.finish(page, Entry::Domain(domain))
    }

    fn subdomain(&self, subdomain: &Subdomain) -> String {
        let mut page = Page::new(&subdomain.id, &subdomain.title);
        page.field("Kind", "subdomain");
        let domain = self.model.domain(&subdomain.domain);
        if let Some(domain) = domain {
            page.field("Framework", &self.framework_named(&domain.framework));
        }
        page.field(
            "Domain",
            &titled(&subdomain.domain, domain.map(|d| &d.title)),
        );
        optional(&mut page, "Description", &subdomain.description);
        page.list("Practices", self.children(Entry::Subdomain(subdomain)));
        self.finish(page, Entry::Subdomain(subdomain))
    }

    fn practice(&self, practice: &Practice) -> String {
        let mut page = Page::new(&practice.id, &practice.name);
        page.field("Kind", "practice");
        page.field("Framework", &self.framework_named(&practice.framework));
        let domain = self
            .model
            .domain(&practice.domain)
            .map_or(&practice.domain, |d| &d.title);
        let subdomain = self
            .model
            .subdomain(&practice.subdomain)
            .map_or(&practice.subdomain, |s| &s.title);
        page.field("Domain", &format!("{domain} › {subdomain}"));
        optional(&mut page, "Objective", &practice.objective);
        // Level 0 needs no per-practice words: it is the same for every practice.
        for (level, meaning) in Level::ALL[1..].iter().zip(&practice.levels) {
            if let Some(meaning) = meaning {
                let label = format!("Level {}", level.number());
                page.field(&label, &format!("{}: {meaning}", level.name()));
            }
        }
        page.line("", "");
        mapping::practice(&mut page, self.model, practice, &self.view);
        page.line("", "");
        self.finish(page, Entry::Practice(practice))
    }

    fn standard(&self, standard: &Standard) -> String {
        let mut page = Page::new(&standard.id, &standard.title);
        page.field("Kind", "standard");
        optional(&mut page, "Edition", &standard.edition);
        let roles: Vec<&str> = standard.roles.iter().map(|r| r.id()).collect();
        page.field("Roles", &roles.join(", "));
        optional(&mut page, "Source", &standard.source);
        optional(&mut page, "Description", &standard.description);
        if let Some(older) = &standard.supersedes {
            let title = self.model.standard(older).map(|s| &s.title);
            page.field("Supersedes", &titled(older, title));
        }
        let newer = self
            .model
            .standards()
            .filter(|s| s.supersedes.as_deref() == Some(standard.id.as_str()));
        page.list(
            "Superseded by",
            newer.map(|s| format!("{}  {}", s.id, s.title)),
        );
        for smm_model::Annex {
            label,
            standard: target,
        } in &standard.annexes
        {
            page.field(
                &format!("Annex {label}"),
                &format!(
                    "the clauses of {target}, by the names {}:{label}.<clause>",
                    standard.id
                ),
            );
        }
        page.list(
            "Also named",
            self.annexes_naming(standard).map(|(alias, label)| {
                format!("{alias}:{label}.<clause> (Annex {label} of {alias})")
            }),
        );
        let count = self.model.clauses_of(standard).count();
        page.field("Clauses", &count.to_string());
        page.list("Top level", self.children(Entry::Standard(standard)));
        self.finish(page, Entry::Standard(standard))
    }

    /// `typed` is the reference as the user wrote it, which may go through an annex.
    fn clause(&self, clause: &Clause, typed: &str) -> String {
        let reference = clause.reference();
        let mut page = Page::new(&reference, &clause.title);
        if typed != reference {
            let (standard, label) = typed.split_once(':').unwrap_or((typed, ""));
            let annex = label.split('.').next().unwrap_or(label);
            let why = format!(
                "Annex {annex} of {standard} lists the clauses of {}",
                clause.standard
            );
            page.field(
                "Note",
                &format!("{typed} is the Annex {annex} name of {reference} ({why})"),
            );
            if let Some(title) = self.model.annex_title(typed) {
                page.field(&format!("Annex {annex} title"), title);
            }
        }
        page.field("Kind", "clause");
        let standard = self.model.standard(&clause.standard);
        page.field(
            "Standard",
            &titled(&clause.standard, standard.map(|s| &s.title)),
        );
        if let Some(standard) = standard {
            optional(&mut page, "Edition", &standard.edition);
            page.list(
                "Also named",
                self.annexes_naming(standard).map(|(alias, label)| {
                    format!("{alias}:{label}.{} (Annex {label} of {alias})", clause.id)
                }),
            );
        }
        if let Some(kind) = clause.component_kind() {
            page.field("Component", &format!("for {kind}"));
        }
        if let Some(level) = clause.security_level {
            page.field("Security level", &security_level(level));
        }
        let entry = Entry::Clause(clause);
        if let Some(parent @ Entry::Clause(_)) = self.model.parent(&entry) {
            page.field("Parent", &format!("{}  {}", parent.id(), parent.title()));
        }
        page.list("Children", self.children(entry));
        optional(&mut page, "Description", &clause.description);
        mapping::clause(&mut page, self.model, clause, self.view.role());
        for licensed in &clause.licensed {
            page.paragraphs("Licensed text", &licensed.paragraphs);
            page.line(
                "",
                &format!(
                    "(from {})",
                    defined_at::shown(self.model, licensed.location)
                ),
            );
        }
        self.finish(page, entry)
    }

    /// `id  title` for each child, the form `smm catalog` uses.
    fn children<'e>(&'e self, entry: Entry<'e>) -> impl Iterator<Item = String> + 'e {
        self.model
            .children(&entry)
            .into_iter()
            .map(|child| format!("{}  {}", child.id(), child.title()))
    }

    /// The standards whose annexes name this one's clauses: `(iso27001, A)` for iso27002.
    fn annexes_naming<'s>(
        &'s self,
        standard: &'s Standard,
    ) -> impl Iterator<Item = (&'s str, &'s str)> {
        self.model.standards().flat_map(move |s| {
            s.annexes
                .iter()
                .filter(|annex| annex.standard == standard.id)
                .map(move |annex| (s.id.as_str(), annex.label.as_str()))
        })
    }

    /// `smm  IIC IoT Security Maturity Model`
    fn framework_named(&self, id: &str) -> String {
        titled(id, self.model.framework(id).map(|f| &f.title))
    }

    fn finish(&self, mut page: Page, entry: Entry<'_>) -> String {
        // A clause's page names the source its standard cites (a standard's page has it
        // already), so that the reader knows where the id and title come from.
        if let Entry::Clause(clause) = entry {
            let source = self
                .model
                .standard(&clause.standard)
                .and_then(|s| s.source.as_ref());
            optional(&mut page, "Source", &source.cloned());
        }
        page.line(
            "Defined at",
            &defined_at::shown(self.model, entry.location()),
        );
        page.finish()
    }
}

/// `id  title`, the form `smm catalog` uses, or the id alone when the model lacks it.
fn titled(id: &str, title: Option<&String>) -> String {
    match title {
        Some(title) => format!("{id}  {title}"),
        None => id.to_string(),
    }
}

fn optional(page: &mut Page, label: &str, value: &Option<String>) {
    if let Some(value) = value {
        page.field(label, value);
    }
}

/// How a clause's security level reads on a page.
fn security_level(level: u8) -> String {
    format!("SL {level} and above (the lowest IEC 62443 security level that asks for it)")
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use smm_model::Origin;

    use super::*;

    /// The built-in model can never hold licensed text, so build one with a user's catalog.
    #[test]
    fn licensed_text_is_shown_with_the_file_it_came_from() {
        let text =
            "extend iec62443-3-3:SR1.1 {\n  text \"First paragraph.\"\n  text \"Second one.\"\n}\n";
        let mut builder = smm_model::builtin::builder();
        let parse = smm_syntax::parse(text);
        let origin = Origin::User("/work/licensed.smm".into());
        builder.add(origin, Cow::Owned(text.to_string()), &parse.file);
        let (model, problems) = builder.finish();
        assert!(problems.is_empty());
        let explain = Explain {
            model: &model,
            view: MappingView::newest(),
        };
        let clause = model.clause("iec62443-3-3:SR1.1").unwrap();
        let page = explain.clause(clause, "iec62443-3-3:SR1.1");
        let expected = "
Licensed text  First paragraph.

               Second one.
               (from /work/licensed.smm:1:27)
";
        assert!(page.contains(expected), "{page}");
        let last = page.lines().last().unwrap();
        assert!(
            last.starts_with("Defined at     built-in catalog iec62443-3-3.smm, line "),
            "{page}"
        );
    }
}
