//! The catalog as text to read: one entry a line, the id first and indented by hierarchy, so that
//! it can be searched with grep and the id copied into a `.smm` file or `smm explain`.

use std::fmt::Write;

use smm_model::{Clause, Level, Model, Role, Scope, Standard};

/// Two spaces per level of nesting.
const INDENT: &str = "  ";

pub fn render(model: &Model) -> String {
    let mut text = String::new();
    for framework in model.frameworks() {
        line(
            &mut text,
            0,
            &format!("Framework {}: {}", framework.id, framework.title),
        );
        if let Some(source) = &framework.source {
            line(&mut text, 1, &format!("Source: {source}"));
        }
        text.push('\n');
        for domain in framework.domains.iter().filter_map(|d| model.domain(d)) {
            entry(&mut text, 1, &domain.id, &domain.title);
            for subdomain in domain.subdomains.iter().filter_map(|s| model.subdomain(s)) {
                entry(&mut text, 2, &subdomain.id, &subdomain.title);
                for practice in subdomain.practices.iter().filter_map(|p| model.practice(p)) {
                    entry(&mut text, 3, &practice.id, &practice.name);
                }
            }
        }
        text.push('\n');
    }

    line(&mut text, 0, "Levels");
    let names = Level::ALL.map(|l| format!("{} {}", l.number(), l.name()));
    for (level, name) in Level::ALL.iter().zip(aligned(&names)) {
        line(&mut text, 1, &format!("{name}  {}", level.meaning()));
    }
    text.push('\n');

    line(&mut text, 0, "Scopes");
    let ids = Scope::ALL.map(|s| s.id().to_string());
    for (scope, id) in Scope::ALL.iter().zip(aligned(&ids)) {
        line(&mut text, 1, &format!("{id}  {}", scope.meaning()));
    }
    text.push('\n');

    line(&mut text, 0, "Roles");
    let ids = Role::ALL.map(|r| r.id().to_string());
    for (role, id) in Role::ALL.iter().zip(aligned(&ids)) {
        line(
            &mut text,
            1,
            &format!("{id}  {}: {}", role.name(), role.meaning()),
        );
    }

    for standard in model.standards() {
        text.push('\n');
        render_standard(&mut text, model, standard);
    }

    // The edges themselves are per practice, where `smm explain PRACTICE` shows them, and
    // the unmapped clauses in `smm catalog --coverage`.
    for mapping in model.mappings() {
        text.push('\n');
        let edges = model.edges().iter().filter(|e| e.mapping == mapping.id);
        let unmapped = model
            .unmapped()
            .iter()
            .filter(|u| u.mapping == mapping.id)
            .count();
        let unmapped = match unmapped {
            0 => String::new(),
            1 => ", 1 clause left unmapped".to_string(),
            n => format!(", {n} clauses left unmapped"),
        };
        line(
            &mut text,
            0,
            &format!(
                "Mapping {}: {} ({} edges{unmapped})",
                mapping.id,
                mapping.title,
                edges.count()
            ),
        );
        if let Some(source) = &mapping.source {
            line(&mut text, 1, &format!("Source: {source}"));
        }
    }
    // Titles and sources come from users' catalog files too: an escape or a bidirectional
    // override in one is shown as `\e` or `\u{202e}`, not sent to the terminal.
    smm_syntax::visible(&text).into_owned()
}

fn render_standard(text: &mut String, model: &Model, standard: &Standard) {
    line(
        text,
        0,
        &format!("Standard {}: {}", standard.id, standard.title),
    );
    if let Some(edition) = &standard.edition {
        line(text, 1, &format!("Edition: {edition}"));
    }
    let roles: Vec<&str> = standard.roles.iter().map(|r| r.id()).collect();
    line(text, 1, &format!("Roles: {}", roles.join(", ")));
    if let Some(source) = &standard.source {
        line(text, 1, &format!("Source: {source}"));
    }
    if let Some(older) = &standard.supersedes {
        line(text, 1, &format!("Supersedes: {older}"));
    }
    for smm_model::Annex {
        label,
        standard: target,
    } in &standard.annexes
    {
        let named = format!("{}:{label}.<clause>", standard.id);
        line(
            text,
            1,
            &format!("Annex {label}: the clauses of {target}, by the names {named}"),
        );
    }
    let clauses: Vec<&Clause> = model.clauses_of(standard).collect();
    line(text, 1, &format!("Clauses: {}", clauses.len()));
    // Walk the tree rather than the file order, so that nesting shows even if a catalog file
    // lists a child before its parent.
    let mut stack: Vec<(&Clause, usize)> = clauses
        .iter()
        .rev()
        .filter(|c| c.parent.is_none())
        .map(|c| (*c, 1))
        .collect();
    while let Some((clause, depth)) = stack.pop() {
        entry(text, depth, &clause.id, &clause.title);
        let children = clause
            .children
            .iter()
            .filter_map(|child| model.clause(&format!("{}:{child}", standard.id)));
        let children: Vec<&Clause> = children.collect();
        stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
    }
}

/// `id  title`, the separator that keeps both readable and easy to cut apart.
fn entry(text: &mut String, depth: usize, id: &str, title: &str) {
    line(text, depth, &format!("{id}  {title}"));
}

fn line(text: &mut String, depth: usize, content: &str) {
    let _ = writeln!(text, "{}{content}", INDENT.repeat(depth));
}

/// The words padded to the longest, so a short list reads as a table.
fn aligned(words: &[String]) -> Vec<String> {
    let width = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    words.iter().map(|w| format!("{w:width$}")).collect()
}
