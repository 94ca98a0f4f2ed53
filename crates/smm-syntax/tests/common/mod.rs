//! Helpers shared by the syntax tests: a compact, reviewable dump of the recovered tree, and
//! the list of every `.smm` file the tests run over.
#![allow(dead_code)]

use std::fmt::Write;
use std::path::{Path, PathBuf};

use smm_syntax::ast::*;
use smm_syntax::Span;

pub fn dump(src: &str, file: &SourceFile) -> String {
    let mut out = String::new();
    for item in &file.items {
        match item {
            Item::Profile(p) => {
                declaration(&mut out, src, "profile", p, |out, field| match field {
                    ProfileField::Industry(s) => name_setting(out, "industry", s),
                    ProfileField::Extends(s) => name_setting(out, "extends", s),
                    ProfileField::Follows(s) => name_setting(out, "follows", s),
                    ProfileField::Role(s) => name_setting(out, "role", s),
                    ProfileField::Description(s) => text_setting(out, 1, "description", s),
                    ProfileField::Target(t) => rating(out, "target", t, |out, f| match f {
                        TargetField::Rationale(s) => text_setting(out, 2, "rationale", s),
                        TargetField::Note(s) => text_setting(out, 2, "note", s),
                        TargetField::Error(span) => error(out, 2, src, *span),
                    }),
                    ProfileField::Error(span) => error(out, 1, src, *span),
                })
            }
            Item::Assessment(a) => {
                declaration(&mut out, src, "assessment", a, |out, field| match field {
                    AssessmentField::Profile(s) => name_setting(out, "profile", s),
                    AssessmentField::Follows(s) => name_setting(out, "follows", s),
                    AssessmentField::Role(s) => name_setting(out, "role", s),
                    AssessmentField::Date(s) => {
                        let value = s.value.as_ref().map_or("<missing>".to_string(), |d| {
                            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
                        });
                        writeln!(out, "  date {value}").unwrap();
                    }
                    AssessmentField::Assessor(s) => text_setting(out, 1, "assessor", s),
                    AssessmentField::Description(s) => text_setting(out, 1, "description", s),
                    AssessmentField::Practice(p) => rating(out, "practice", p, |out, f| match f {
                        PracticeField::Evidence(e) => evidence(out, e),
                        PracticeField::Note(s) => text_setting(out, 2, "note", s),
                        PracticeField::Error(span) => error(out, 2, src, *span),
                    }),
                    AssessmentField::Waiver(w) => waiver(out, src, w),
                    AssessmentField::Error(span) => error(out, 1, src, *span),
                })
            }
            Item::Framework(f) => {
                declaration(&mut out, src, "framework", f, |out, field| match field {
                    FrameworkField::Description(s) => text_setting(out, 1, "description", s),
                    FrameworkField::Source(s) => text_setting(out, 1, "source", s),
                    FrameworkField::Domain(d) => {
                        definition(out, src, "domain", d, |n| n.text.clone())
                    }
                    FrameworkField::Subdomain(d) => {
                        definition(out, src, "subdomain", d, |n| n.text.clone())
                    }
                    FrameworkField::Practice(d) => {
                        definition(out, src, "practice", d, |n| n.text.clone())
                    }
                    FrameworkField::Error(span) => error(out, 1, src, *span),
                })
            }
            Item::Standard(st) => {
                declaration(&mut out, src, "standard", st, |out, field| match field {
                    StandardField::Description(s) => text_setting(out, 1, "description", s),
                    StandardField::Source(s) => text_setting(out, 1, "source", s),
                    StandardField::Edition(s) => text_setting(out, 1, "edition", s),
                    StandardField::Supersedes(s) => name_setting(out, "supersedes", s),
                    StandardField::Role(s) => name_setting(out, "role", s),
                    StandardField::Annex(a) => {
                        let label = or_missing(&a.label, |t| format!("{:?}", t.value));
                        let standard = or_missing(&a.standard, |n| n.text.clone());
                        writeln!(out, "  annex {label} {standard}").unwrap();
                    }
                    StandardField::Clause(d) => definition(out, src, "clause", d, clause_text),
                    StandardField::Error(span) => error(out, 1, src, *span),
                })
            }
            Item::Mapping(m) => {
                declaration(&mut out, src, "mapping", m, |out, field| match field {
                    MappingField::Description(s) => text_setting(out, 1, "description", s),
                    MappingField::Source(s) => text_setting(out, 1, "source", s),
                    MappingField::Edition(s) => text_setting(out, 1, "edition", s),
                    MappingField::Map(e) => map_edge(out, src, e),
                    MappingField::Unmapped(u) => unmapped(out, src, u),
                    MappingField::Error(span) => error(out, 1, src, *span),
                })
            }
            Item::Extension(e) => {
                let clause = or_missing(&e.clause, clause_text);
                writeln!(out, "extend {clause} @{:?}", e.span).unwrap();
                definition_body(&mut out, src, 1, &e.body);
            }
            Item::Error(span) => error(&mut out, 0, src, *span),
        }
    }
    out
}

fn clause_text(c: &ClauseRef) -> String {
    format!("{}:{}", c.standard, c.clause)
}

fn definition<Id>(
    out: &mut String,
    src: &str,
    keyword: &str,
    d: &Definition<Id>,
    show: impl Fn(&Id) -> String,
) {
    let id = or_missing(&d.id, &show);
    let title = d
        .title
        .as_ref()
        .map_or(String::new(), |t| format!(" {:?}", t.value));
    let parent = d.parent.as_ref().map_or(String::new(), |p| {
        format!(" parent {}", or_missing(&p.value, &show))
    });
    writeln!(out, "  {keyword} {id}{title}{parent}").unwrap();
    definition_body(out, src, 2, &d.body);
}

fn definition_body(
    out: &mut String,
    src: &str,
    depth: usize,
    body: &Option<Block<DefinitionField>>,
) {
    let Some(body) = body else { return };
    let indent = "  ".repeat(depth);
    for field in &body.entries {
        match field {
            DefinitionField::Description(s) => text_setting(out, depth, "description", s),
            DefinitionField::Objective(s) => text_setting(out, depth, "objective", s),
            DefinitionField::Text(s) => text_setting(out, depth, "text", s),
            DefinitionField::SecurityLevel(s) => {
                let level = or_missing(&s.value, |i| i.text.clone());
                writeln!(out, "{indent}security-level {level}").unwrap();
            }
            DefinitionField::Comprehensiveness(l) => {
                let level = or_missing(&l.level, |i| i.text.clone());
                let text = or_missing(&l.text, |t| format!("{:?}", t.value));
                writeln!(out, "{indent}comprehensiveness {level} {text}").unwrap();
            }
            DefinitionField::Error(span) => error(out, depth, src, *span),
        }
    }
    if body.close.is_none() {
        writeln!(out, "{indent}<unclosed>").unwrap();
    }
}

fn or_missing<T>(value: &Option<T>, show: impl Fn(&T) -> String) -> String {
    value.as_ref().map_or("<missing>".into(), show)
}

fn declaration<F>(
    out: &mut String,
    src: &str,
    keyword: &str,
    d: &Declaration<F>,
    field: impl Fn(&mut String, &F),
) {
    let name = or_missing(&d.name, |n| n.text.clone());
    let title = d
        .title
        .as_ref()
        .map_or(String::new(), |t| format!(" {:?}", t.value));
    writeln!(out, "{keyword} {name}{title} @{:?}", d.span).unwrap();
    match &d.body {
        None => writeln!(out, "  <no body>").unwrap(),
        Some(body) => {
            for entry in &body.entries {
                field(out, entry);
            }
            if body.close.is_none() {
                writeln!(out, "  <unclosed>").unwrap();
            }
        }
    }
    let _ = src;
}

fn rating<F>(out: &mut String, keyword: &str, r: &Rating<F>, field: impl Fn(&mut String, &F)) {
    let practice = or_missing(&r.practice, |n| n.text.clone());
    let level = match &r.level {
        None => " <no level>".to_string(),
        Some(s) => format!(" level {}", or_missing(&s.value, |i| i.text.clone())),
    };
    let scope = r.scope.as_ref().map_or(String::new(), |s| {
        format!(" scope {}", or_missing(&s.value, |n| n.text.clone()))
    });
    writeln!(out, "  {keyword} {practice}{level}{scope}").unwrap();
    if let Some(body) = &r.body {
        for entry in &body.entries {
            field(out, entry);
        }
        if body.close.is_none() {
            writeln!(out, "    <unclosed>").unwrap();
        }
    }
}

fn evidence(out: &mut String, e: &Evidence) {
    let mut line = format!(
        "    evidence {}",
        or_missing(&e.description, |t| format!("{:?}", t.value))
    );
    if e.implements.is_some() {
        line.push_str(" implements");
        for c in &e.clauses {
            write!(line, " {}:{}", c.standard, c.clause).unwrap();
        }
    }
    if let Some(s) = &e.expires {
        let date = or_missing(&s.value, |d| {
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        });
        write!(line, " expires {date}").unwrap();
    }
    if let Some(s) = &e.link {
        write!(
            line,
            " link {}",
            or_missing(&s.value, |t| format!("{:?}", t.value))
        )
        .unwrap();
    }
    if e.stub.is_some() {
        line.push_str(" stub");
    }
    writeln!(out, "{line}").unwrap();
}

fn waiver(out: &mut String, src: &str, w: &Waiver) {
    let mut line = format!("  waive {}", or_missing(&w.code, |n| n.text.clone()));
    if let Some(s) = &w.practice {
        write!(line, " for {}", or_missing(&s.value, |n| n.text.clone())).unwrap();
    }
    if let Some(s) = &w.expires {
        let date = or_missing(&s.value, |d| {
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        });
        write!(line, " expires {date}").unwrap();
    }
    writeln!(out, "{line}").unwrap();
    if let Some(body) = &w.body {
        for entry in &body.entries {
            match entry {
                WaiverField::Reason(s) => text_setting(out, 2, "reason", s),
                WaiverField::Owner(s) => text_setting(out, 2, "owner", s),
                WaiverField::Error(span) => error(out, 2, src, *span),
            }
        }
        if body.close.is_none() {
            writeln!(out, "    <unclosed>").unwrap();
        }
    }
}

fn name_setting(out: &mut String, keyword: &str, s: &Setting<Name>) {
    writeln!(
        out,
        "  {keyword} {}",
        or_missing(&s.value, |n| n.text.clone())
    )
    .unwrap();
}

fn text_setting(out: &mut String, depth: usize, keyword: &str, s: &Setting<Text>) {
    let indent = "  ".repeat(depth);
    let value = or_missing(&s.value, |t| format!("{:?}", t.value));
    writeln!(out, "{indent}{keyword} {value}").unwrap();
}

fn error(out: &mut String, depth: usize, src: &str, span: Span) {
    let indent = "  ".repeat(depth);
    let text: String = src[span.range()].chars().take(40).collect();
    writeln!(out, "{indent}<error {:?}: {:?}>", span, text).unwrap();
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.smm` file below `dir`, sorted.
pub fn smm_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "smm") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

pub fn examples() -> Vec<PathBuf> {
    smm_files(&workspace_root().join("examples"))
}

pub fn fixtures() -> Vec<PathBuf> {
    smm_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
}

/// The line break the formatter writes for `src`: CRLF when the first break is `\r\n`.
pub fn first_break_style(src: &str) -> &'static str {
    match src.find(['\r', '\n']) {
        Some(i) if src[i..].starts_with("\r\n") => "\r\n",
        _ => "\n",
    }
}

/// `text` with every line break (`\r\n`, `\n` or a lone `\r`) written as `ending`.
pub fn with_breaks(text: &str, ending: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', ending)
}

/// The tree dump with spans removed, for comparing trees of differently laid-out text.
pub fn dump_without_spans(src: &str) -> String {
    let parse = smm_syntax::parse(src);
    dump(src, &parse.file)
        .lines()
        .map(|line| match line.rfind(" @") {
            Some(at) if line[at + 2..].contains("..") => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn unmapped(out: &mut String, src: &str, u: &Unmapped) {
    let clause = or_missing(&u.clause, clause_text);
    let block = if u.body.is_some() { "" } else { " (no block)" };
    writeln!(out, "  unmapped {clause}{block}").unwrap();
    target_fields(out, src, &u.body);
}

fn map_edge(out: &mut String, src: &str, e: &MapEdge) {
    let mut line = format!("  map {}", or_missing(&e.practice, |n| n.text.clone()));
    if let Some(level) = &e.level {
        write!(
            line,
            " level {}",
            or_missing(&level.value, |i| i.text.clone())
        )
        .unwrap();
    }
    if let Some(to) = &e.clause {
        write!(line, " to {}", or_missing(&to.value, clause_text)).unwrap();
    }
    if let Some(relationship) = &e.relationship {
        write!(
            line,
            " as {}",
            or_missing(&relationship.value, |n| n.text.clone())
        )
        .unwrap();
    }
    if let Some((_, roles)) = &e.roles {
        let roles: Vec<&str> = roles.iter().map(|r| r.text.as_str()).collect();
        write!(line, " for {}", roles.join(" ")).unwrap();
    }
    if let Some(via) = &e.via {
        write!(line, " via {}", or_missing(&via.value, clause_text)).unwrap();
    }
    writeln!(out, "{line}").unwrap();
    target_fields(out, src, &e.body);
}

fn target_fields(out: &mut String, src: &str, body: &Option<Block<TargetField>>) {
    for field in body.iter().flat_map(|b| &b.entries) {
        match field {
            TargetField::Rationale(s) => text_setting(out, 2, "rationale", s),
            TargetField::Note(s) => text_setting(out, 2, "note", s),
            TargetField::Error(span) => error(out, 2, src, *span),
        }
    }
}
