//! Hover: what the word under the cursor means, in Markdown. On a practice, its place in the
//! SMM, what the levels in context mean and the clauses mapped for the role and editions in
//! context; on a clause, where it comes from and which practices call for it (or that none
//! does, and why when a mapping leaves it unmapped on purpose); on a level, a profile, a role,
//! a scope, a standard or a waived code, their meaning. Where a diagnostic covers the cursor,
//! its code's explanation follows.

use std::fmt::Write;

use smm_check::{AssessmentReport, ResolvedProfile};
use smm_model::{Editions, Level, Role, Scope};
use smm_syntax::Span;

use crate::subject::{self, Subject};
use crate::{FileId, Snapshot};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    /// The word the hover is about.
    pub range: Span,
    pub markdown: String,
}

pub fn hover(snapshot: &Snapshot<'_>, file: FileId, offset: usize) -> Option<Hover> {
    let source = snapshot.workspace.source(file)?;
    let about = subject::at(&source.text, &source.parse, offset)
        .and_then(|(subject, range)| Some((about(snapshot, file, offset, subject)?, range)));
    let problems = problems_at(snapshot, file, offset);
    match (about, problems) {
        (Some((mut markdown, range)), Some((more, _))) => {
            markdown.push_str("\n\n---\n\n");
            markdown.push_str(&more);
            Some(Hover { range, markdown })
        }
        (Some((markdown, range)), None) | (None, Some((markdown, range))) => {
            Some(Hover { range, markdown })
        }
        (None, None) => None,
    }
}

/// What the diagnostics at `offset` mean: each code's explanation, once, with the span of
/// the narrowest diagnostic there.
fn problems_at(snapshot: &Snapshot<'_>, file: FileId, offset: usize) -> Option<(String, Span)> {
    let source = snapshot.workspace.source(file)?;
    let covers = |span: Span| span.start <= offset && offset <= span.end;
    let mut found: Vec<(&str, Span)> = source
        .parse
        .errors
        .iter()
        .map(|d| (d.code, d.span))
        .chain(
            snapshot
                .analysis
                .findings_of(file)
                .map(|f| (f.code(), f.diagnostic.span)),
        )
        .filter(|(_, span)| covers(*span))
        .collect();
    found.sort_by_key(|(code, span)| (span.end - span.start, *code));
    let range = found.first()?.1;
    let mut codes: Vec<&str> = found.iter().map(|(code, _)| *code).collect();
    codes.dedup();
    let mut seen = std::collections::BTreeSet::new();
    let sections: Vec<String> = codes
        .into_iter()
        .filter(|code| seen.insert(*code))
        .filter_map(smm_check::codes::lookup)
        .map(code_text)
        .collect();
    (!sections.is_empty()).then(|| (sections.join("\n\n---\n\n"), range))
}

fn code_text(code: &smm_check::codes::Code) -> String {
    format!(
        "**`{}`** ({})\n\n{}\n\n{}",
        code.id,
        code.severity.as_str(),
        code.summary,
        code.explanation
    )
}

fn about(snapshot: &Snapshot<'_>, file: FileId, offset: usize, subject: Subject) -> Option<String> {
    let context = Context::at(snapshot, file, offset);
    let markdown = match subject {
        Subject::Practice(id) => practice(snapshot, &context, &id)?,
        Subject::Clause(reference) => clause(snapshot, &reference)?,
        Subject::Level { level, practice } => level_text(snapshot, level, practice.as_deref())?,
        Subject::Profile(name) => profile(snapshot.analysis.profiles.get(&name)?),
        Subject::Code(name) => code_text(smm_check::CheckCode::named_by_waiver(&name)?.row()),
        Subject::Standard(id) => {
            let standard = snapshot.model.standard(&id)?;
            let edition = standard.edition.as_deref().unwrap_or("no edition given");
            format!(
                "**`{}`** {}\n\nEdition {edition}",
                standard.id, standard.title
            )
        }
        Subject::Role(id) => {
            let role = Role::from_id(&id)?;
            format!(
                "**{}** (`{}`)\n\n{}",
                role.name(),
                role.id(),
                role.meaning()
            )
        }
        Subject::Scope(id) => {
            let scope = Scope::from_id(&id)?;
            format!("**Scope `{}`**\n\n{}", scope.id(), scope.meaning())
        }
    };
    Some(markdown)
}

/// The assessment or profile around the cursor: role, editions and the practice statuses.
struct Context<'s> {
    assessment: Option<&'s AssessmentReport>,
    profile: Option<&'s ResolvedProfile>,
}

impl<'s> Context<'s> {
    fn at(snapshot: &Snapshot<'s>, file: FileId, offset: usize) -> Context<'s> {
        let mut context = Context {
            assessment: None,
            profile: None,
        };
        let Some(source) = snapshot.workspace.source(file) else {
            return context;
        };
        for item in &source.parse.file.items {
            if !(item.span().start <= offset && offset <= item.span().end) {
                continue;
            }
            match item {
                smm_syntax::ast::Item::Assessment(a) => {
                    context.assessment = crate::checked::report(snapshot, file, a);
                }
                smm_syntax::ast::Item::Profile(p) => {
                    context.profile = crate::checked::profile(snapshot, file, p);
                }
                _ => {}
            }
        }
        context
    }

    fn role(&self) -> Option<Role> {
        match (self.assessment, self.profile) {
            (Some(a), _) => a.role,
            (None, Some(p)) => p.role.as_ref().map(|r| r.role),
            _ => None,
        }
    }

    fn editions(&self, snapshot: &Snapshot<'_>) -> Editions {
        match (self.assessment, self.profile) {
            (Some(a), _) => a.follows.editions(snapshot.model),
            (None, Some(p)) => p.follows.editions(snapshot.model),
            _ => Editions::newest(),
        }
    }
}

fn practice(snapshot: &Snapshot<'_>, context: &Context<'_>, id: &str) -> Option<String> {
    let model = snapshot.model;
    let practice = model.practice(id)?;
    let mut out = format!("**{}** (`{}`)\n\n", practice.name, practice.id);
    let domain = model
        .domain(&practice.domain)
        .map_or(practice.domain.as_str(), |d| &d.title);
    let subdomain = model
        .subdomain(&practice.subdomain)
        .map_or(practice.subdomain.as_str(), |s| &s.title);
    let _ = writeln!(out, "{domain} › {subdomain}\n");
    if let Some(objective) = &practice.objective {
        let _ = writeln!(out, "{objective}\n");
    }
    let status = context
        .assessment
        .and_then(|a| a.practices.iter().find(|p| p.practice == id));
    let target = status
        .and_then(|s| s.target.clone())
        .or_else(|| context.profile.and_then(|p| p.targets.get(id).cloned()));
    let meaning = |level: Level| {
        let text = match level {
            Level::None => Level::None.meaning(),
            other => practice.levels[other.number() as usize - 1]
                .as_deref()
                .unwrap_or(other.meaning()),
        };
        format!("level {} ({}): {text}", level.number(), level.name())
    };
    if let Some(current) = status.and_then(|s| s.current) {
        let _ = writeln!(out, "- **Current**: {}", meaning(current.level));
    }
    if let Some(target) = &target {
        let _ = writeln!(
            out,
            "- **Target**, set by `{}`: {}",
            target.set_by,
            meaning(target.level)
        );
    }
    let level = target
        .as_ref()
        .map(|t| t.level)
        .or_else(|| status.and_then(|s| s.current).map(|c| c.level))
        .filter(|l| *l != Level::None)
        .unwrap_or(Level::Formalized);
    let editions = context.editions(snapshot);
    let roles = match context.role() {
        Some(role) => vec![role],
        None => Role::ALL.to_vec(),
    };
    let mut listed = false;
    for role in roles {
        let clauses = model.mapped_clauses(id, level, role, &editions);
        if clauses.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n**Clauses up to level {} for {}**\n",
            level.number(),
            role.id()
        );
        let mut standard = String::new();
        for mapped in clauses_by_standard(clauses) {
            if mapped.clause.standard != standard {
                standard.clone_from(&mapped.clause.standard);
                let edition = model
                    .standard(&standard)
                    .and_then(|s| s.edition.clone())
                    .map(|e| format!(", edition {e}"))
                    .unwrap_or_default();
                let _ = writeln!(out, "- `{standard}`{edition}");
            }
            let _ = writeln!(
                out,
                "  - `{}` {}, {} (level {})",
                mapped.clause.reference(),
                mapped.clause.title,
                mapped.edge.relationship.id(),
                mapped.edge.level.number()
            );
        }
        listed = true;
    }
    if listed {
        relationship_legend(&mut out);
    }
    Some(out.trim_end().to_string())
}

/// What the relationships mean, in the spec's words, under a list that shows them.
fn relationship_legend(out: &mut String) {
    let _ = writeln!(
        out,
        "
*{}*",
        smm_model::Relationship::legend().join("; ")
    );
}

/// Grouped by standard, in catalog order, then by the level that brings them.
fn clauses_by_standard(
    mut clauses: Vec<smm_model::MappedClause<'_>>,
) -> Vec<smm_model::MappedClause<'_>> {
    clauses.sort_by_key(|m| {
        (
            m.clause.location.file,
            m.edge.level,
            m.clause.location.span.start,
        )
    });
    clauses
}

fn clause(snapshot: &Snapshot<'_>, reference: &str) -> Option<String> {
    let model = snapshot.model;
    let clause = model.clause(reference)?;
    let standard = model.standard(&clause.standard)?;
    let mut out = format!("**`{}`** {}\n\n", clause.reference(), clause.title);
    // An annex name shows what the annex calls the clause when its title differs.
    if let Some(title) = model.annex_title(reference) {
        let _ = writeln!(out, "As `{reference}`: {title}\n");
    }
    let edition = standard
        .edition
        .as_deref()
        .map(|e| format!(", edition {e}"))
        .unwrap_or_default();
    let _ = writeln!(out, "{} `{}`{edition}", standard.title, standard.id);
    if let Some(kind) = clause.component_kind() {
        let _ = writeln!(out, "\nFor {kind}.");
    }
    if let Some(level) = clause.security_level {
        let _ = writeln!(out, "\nSecurity level: SL {level} and above.");
    }
    if let Some(description) = &clause.description {
        let _ = writeln!(out, "\n{description}");
    }
    let edges = model.practices_mapped_to(reference);
    if edges.is_empty() {
        let _ = writeln!(out, "\n**Mapped from**: none");
    } else {
        let _ = writeln!(out, "\n**Mapped from**\n");
        for edge in edges {
            let roles: Vec<&str> = edge.roles.iter().map(|r| r.id()).collect();
            let _ = writeln!(
                out,
                "- `{}` level {} ({}): {}",
                edge.practice,
                edge.level.number(),
                roles.join(", "),
                edge.relationship.id()
            );
        }
        relationship_legend(&mut out);
    }
    // Left unmapped on purpose: the reason, as `smm explain` shows it.
    if let Some(unmapped) = model.unmapped_reason(reference) {
        let _ = writeln!(
            out,
            "\n**Unmapped**: {} (mapping `{}`)",
            unmapped.rationale, unmapped.mapping
        );
    }
    for licensed in &clause.licensed {
        let _ = writeln!(out, "\n**Licensed text**\n");
        for paragraph in &licensed.paragraphs {
            let _ = writeln!(out, "{paragraph}\n");
        }
    }
    Some(out.trim_end().to_string())
}

fn level_text(snapshot: &Snapshot<'_>, number: i64, practice: Option<&str>) -> Option<String> {
    let level = Level::from_number(number)?;
    let general = format!(
        "**Level {}: {}**\n\n{}",
        level.number(),
        level.name(),
        level.meaning()
    );
    let Some(practice) = practice.and_then(|p| snapshot.model.practice(p)) else {
        return Some(general);
    };
    if level == Level::None {
        return Some(general);
    }
    let specific = practice.levels[level.number() as usize - 1].as_deref()?;
    Some(format!(
        "**Level {}: {}** for {}\n\n{specific}",
        level.number(),
        level.name(),
        practice.name
    ))
}

fn profile(profile: &ResolvedProfile) -> String {
    let mut out = format!("**Profile `{}`**", profile.name);
    if profile.chain.len() > 1 {
        let _ = write!(out, ", extends {}", profile.chain[1..].join(" → "));
    }
    out.push_str("\n\n");
    if let Some(smm_check::ProfileRole { role, set_by }) = &profile.role {
        let _ = writeln!(out, "Role `{}` (set by `{set_by}`)\n", role.id());
    }
    // A list, not a table: clients that do not render Markdown tables (Neovim 0.7) would
    // show their pipes.
    if !profile.targets.is_empty() {
        out.push_str("Targets:\n\n");
        for target in profile.targets.values() {
            let _ = writeln!(
                out,
                "- `{}` level {}, scope {} (set by `{}`)",
                target.practice,
                target.level.number(),
                target.scope.id(),
                target.set_by
            );
        }
    }
    out.trim_end().to_string()
}
