//! Symbols: the outline of a file, its items with their targets, practices, evidence, waivers,
//! catalog entries and mapping edges.

use smm_syntax::ast::*;
use smm_syntax::{Span, Token, TokenKind};

use crate::{FileId, Snapshot};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SymbolKind {
    Profile,
    Target,
    Assessment,
    /// A practice assessed in an assessment, or defined in a framework.
    Practice,
    Evidence,
    Waiver,
    Framework,
    Domain,
    Subdomain,
    Standard,
    Annex,
    Clause,
    Extension,
    Mapping,
    Edge,
    /// An `unmapped` line: a clause no practice maps to on purpose.
    Unmapped,
}

impl SymbolKind {
    fn word(self) -> &'static str {
        match self {
            SymbolKind::Profile => "profile",
            SymbolKind::Target => "target",
            SymbolKind::Assessment => "assessment",
            SymbolKind::Practice => "practice",
            SymbolKind::Evidence => "evidence",
            SymbolKind::Waiver => "waiver",
            SymbolKind::Framework => "framework",
            SymbolKind::Domain => "domain",
            SymbolKind::Subdomain => "subdomain",
            SymbolKind::Standard => "standard",
            SymbolKind::Annex => "annex",
            SymbolKind::Clause => "clause",
            SymbolKind::Extension => "extension",
            SymbolKind::Mapping => "mapping",
            SymbolKind::Edge => "edge",
            SymbolKind::Unmapped => "unmapped",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole node.
    pub range: Span,
    /// The name, or the keyword where the name is missing; inside `range`.
    pub selection: Span,
    pub children: Vec<Symbol>,
}

pub fn document_symbols(snapshot: &Snapshot<'_>, file: FileId) -> Vec<Symbol> {
    let Some(source) = snapshot.workspace.source(file) else {
        return Vec::new();
    };
    let written = Written {
        text: &source.text,
        tokens: &source.parse.tokens,
    };
    let w = &written;
    source
        .parse
        .file
        .items
        .iter()
        .filter_map(|i| item(w, i))
        .collect()
}

/// The file as written, for what the tree leaves out where the input is broken: a name that is
/// not a valid word (`straße`), a title written where the name belongs.
struct Written<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl Written<'_> {
    fn after(&self, keyword: Span, kind: impl Fn(TokenKind) -> bool) -> Option<(&str, Span)> {
        let next = self.tokens.partition_point(|t| t.span.start < keyword.end);
        let token = self.tokens[next..].iter().find(|t| !t.kind.is_comment())?;
        kind(token.kind).then(|| (&self.text[token.span.range()], token.span))
    }

    fn invalid_name(&self, keyword: Span) -> Option<(String, Span)> {
        self.after(keyword, |k| matches!(k, TokenKind::Invalid(_)))
            .map(|(text, span)| (text.to_string(), span))
    }

    fn title_as_name(&self, keyword: Span) -> Option<String> {
        let (text, _) = self.after(keyword, |k| k == TokenKind::String)?;
        Some(text.trim_matches('"').to_string())
    }
}

/// What a symbol is made of before its missing parts are filled in.
struct Parts {
    kind: SymbolKind,
    name: Option<(String, Span)>,
    keyword: Span,
    range: Span,
    detail: Vec<String>,
    children: Vec<Symbol>,
    /// The name shown when nothing stands where the name belongs.
    unnamed: Option<&'static str>,
}

impl Parts {
    fn new(kind: SymbolKind, keyword: Span, range: Span) -> Self {
        Parts {
            kind,
            name: None,
            keyword,
            range,
            detail: Vec::new(),
            children: Vec::new(),
            unnamed: None,
        }
    }

    fn name(mut self, name: Option<(String, Span)>) -> Self {
        self.name = name.filter(|(text, _)| !text.trim().is_empty());
        self
    }

    fn detail(mut self, detail: Option<String>) -> Self {
        self.detail.extend(detail);
        self
    }

    fn children(mut self, children: Vec<Symbol>) -> Self {
        self.children = children;
        self
    }

    /// A bare keyword, as while typing, names nothing yet and is left out.
    fn build(self, w: &Written<'_>) -> Option<Symbol> {
        let name = self
            .name
            .or_else(|| w.invalid_name(self.keyword))
            .filter(|(_, span)| self.range.encloses(*span));
        if name.is_none()
            && self.detail.is_empty()
            && self.children.is_empty()
            && self.range == self.keyword
        {
            return None;
        }
        let (name, selection) = name.unwrap_or_else(|| {
            let unnamed = self.unnamed.map(str::to_string);
            let unnamed = unnamed.unwrap_or_else(|| format!("(unnamed {})", self.kind.word()));
            (unnamed, self.keyword)
        });
        Some(Symbol {
            name,
            detail: (!self.detail.is_empty()).then(|| self.detail.join(" · ")),
            kind: self.kind,
            range: self.range,
            selection,
            children: self.children,
        })
    }
}

fn named(name: &Option<Name>) -> Option<(String, Span)> {
    name.as_ref().map(|n| (n.text.clone(), n.span))
}

pub(crate) fn clause(clause: &ClauseRef) -> (String, Span) {
    let text = format!("{}:{}", clause.standard, clause.clause);
    (text, clause.span)
}

/// The title, or what was written in the name's place when it is a string.
fn title(w: &Written<'_>, keyword: Span, name: bool, title: &Option<Text>) -> Option<String> {
    match title {
        Some(t) => Some(t.value.clone()),
        None if !name => w.title_as_name(keyword),
        None => None,
    }
}

/// `keyword value` as written, or `None` when the value is missing.
fn setting<T>(
    keyword: &str,
    setting: Option<&Setting<T>>,
    value: impl Fn(&T) -> String,
) -> Option<String> {
    let written = setting?.value.as_ref()?;
    Some(format!("{keyword} {}", value(written)))
}

fn entries<F>(block: &Option<Block<F>>, symbol: impl Fn(&F) -> Option<Symbol>) -> Vec<Symbol> {
    let entries = block.iter().flat_map(|b| &b.entries);
    entries.filter_map(symbol).collect()
}

fn declaration<F>(
    w: &Written<'_>,
    kind: SymbolKind,
    item: &Declaration<F>,
    child: impl Fn(&F) -> Option<Symbol>,
) -> Option<Symbol> {
    let title = title(w, item.keyword, item.name.is_some(), &item.title);
    Parts::new(kind, item.keyword, item.span)
        .name(named(&item.name))
        .detail(title)
        .children(entries(&item.body, child))
        .build(w)
}

fn item(w: &Written<'_>, item: &Item) -> Option<Symbol> {
    match item {
        Item::Profile(p) => declaration(w, SymbolKind::Profile, p, |field| match field {
            ProfileField::Target(t) => rating(w, SymbolKind::Target, t, |_| None),
            _ => None,
        }),
        Item::Assessment(a) => declaration(w, SymbolKind::Assessment, a, |field| match field {
            AssessmentField::Practice(p) => {
                rating(w, SymbolKind::Practice, p, |field| match field {
                    PracticeField::Evidence(e) => evidence(w, e),
                    _ => None,
                })
            }
            AssessmentField::Waiver(waiver) => waiver_symbol(w, waiver),
            _ => None,
        }),
        Item::Framework(f) => declaration(w, SymbolKind::Framework, f, |field| match field {
            FrameworkField::Domain(d) => definition(w, SymbolKind::Domain, d, named),
            FrameworkField::Subdomain(d) => definition(w, SymbolKind::Subdomain, d, named),
            FrameworkField::Practice(d) => definition(w, SymbolKind::Practice, d, named),
            _ => None,
        }),
        Item::Standard(s) => standard(w, s),
        Item::Mapping(m) => declaration(w, SymbolKind::Mapping, m, |field| match field {
            MappingField::Map(edge) => map_edge(w, edge),
            MappingField::Unmapped(u) => {
                let mut parts = Parts::new(SymbolKind::Unmapped, u.keyword, u.span)
                    .name(u.clause.as_ref().map(clause));
                parts.unnamed = Some("(unmapped without a clause)");
                parts.build(w)
            }
            _ => None,
        }),
        Item::Extension(e) => {
            let paragraphs = e.body.iter().flat_map(|b| &b.entries);
            let paragraphs = paragraphs
                .filter(|f| matches!(f, DefinitionField::Text(_)))
                .count();
            let detail = match paragraphs {
                0 => None,
                1 => Some("1 paragraph".to_string()),
                n => Some(format!("{n} paragraphs")),
            };
            let mut parts = Parts::new(SymbolKind::Extension, e.keyword, e.span)
                .name(e.clause.as_ref().map(clause))
                .detail(detail);
            parts.unnamed = Some("(extension without a clause)");
            parts.build(w)
        }
        Item::Error(_) => None,
    }
}

fn standard(w: &Written<'_>, s: &Standard) -> Option<Symbol> {
    let edition = s
        .body
        .iter()
        .flat_map(|b| &b.entries)
        .find_map(|f| match f {
            StandardField::Edition(e) => e.value.as_ref().map(|t| format!("edition {}", t.value)),
            _ => None,
        });
    let mut symbol = declaration(w, SymbolKind::Standard, s, |field| match field {
        StandardField::Clause(c) => {
            definition(w, SymbolKind::Clause, c, |id| id.as_ref().map(clause))
        }
        StandardField::Annex(a) => Parts::new(SymbolKind::Annex, a.keyword, a.span)
            .name(a.label.as_ref().map(|l| (l.value.clone(), l.span)))
            .detail(
                a.standard
                    .as_ref()
                    .map(|s| format!("clauses of {}", s.text)),
            )
            .build(w),
        _ => None,
    })?;
    if let Some(edition) = edition {
        symbol.detail = Some(match symbol.detail {
            Some(title) => format!("{title} · {edition}"),
            None => edition,
        });
    }
    Some(symbol)
}

fn rating<F>(
    w: &Written<'_>,
    kind: SymbolKind,
    rating: &Rating<F>,
    child: impl Fn(&F) -> Option<Symbol>,
) -> Option<Symbol> {
    Parts::new(kind, rating.keyword, rating.span)
        .name(named(&rating.practice))
        .detail(setting("level", rating.level.as_ref(), |i| i.text.clone()))
        .detail(setting("scope", rating.scope.as_ref(), |n| n.text.clone()))
        .children(entries(&rating.body, child))
        .build(w)
}

fn evidence(w: &Written<'_>, e: &Evidence) -> Option<Symbol> {
    let clauses: Vec<String> = e.clauses.iter().map(|c| clause(c).0).collect();
    let mut parts = Parts::new(SymbolKind::Evidence, e.keyword, e.span)
        .name(e.description.as_ref().map(|d| (d.value.clone(), d.span)))
        .detail((!clauses.is_empty()).then(|| format!("implements {}", clauses.join(" "))))
        .detail(setting("expires", e.expires.as_deref(), date));
    parts.unnamed = Some("(evidence without a description)");
    parts.build(w)
}

fn waiver_symbol(w: &Written<'_>, waiver: &Waiver) -> Option<Symbol> {
    let practice = waiver.practice.as_ref().and_then(|p| p.value.as_ref());
    Parts::new(SymbolKind::Waiver, waiver.keyword, waiver.span)
        .name(named(&waiver.code))
        .detail(practice.map(|p| format!("for {}", p.text)))
        .detail(setting("expires", waiver.expires.as_ref(), date))
        .build(w)
}

fn definition<Id>(
    w: &Written<'_>,
    kind: SymbolKind,
    d: &Definition<Id>,
    id: impl Fn(&Option<Id>) -> Option<(String, Span)>,
) -> Option<Symbol> {
    let parent = d.parent.as_ref().and_then(|p| id(&p.value)).map(|p| p.0);
    Parts::new(kind, d.keyword, d.span)
        .name(id(&d.id))
        .detail(title(w, d.keyword, d.id.is_some(), &d.title))
        .detail(parent.map(|p| format!("parent {p}")))
        .build(w)
}

fn map_edge(w: &Written<'_>, edge: &MapEdge) -> Option<Symbol> {
    let practice = edge.practice.as_ref();
    let to = edge.clause.as_ref().and_then(|c| c.value.as_ref());
    let name = match (practice, to) {
        (Some(p), Some(c)) => Some((format!("{} → {}", p.text, clause(c).0), p.span)),
        (Some(p), None) => Some((p.text.clone(), p.span)),
        (None, Some(c)) => Some((format!("→ {}", clause(c).0), c.span)),
        (None, None) => None,
    };
    let roles = edge.roles.as_ref().filter(|(_, roles)| !roles.is_empty());
    let roles = roles.map(|(_, roles)| {
        let roles: Vec<&str> = roles.iter().map(|r| r.text.as_str()).collect();
        format!("for {}", roles.join(" "))
    });
    Parts::new(SymbolKind::Edge, edge.keyword, edge.span)
        .name(name)
        .detail(setting("level", edge.level.as_ref(), |i| i.text.clone()))
        .detail(setting("as", edge.relationship.as_ref(), |n| {
            n.text.clone()
        }))
        .detail(roles)
        .detail(setting("via", edge.via.as_ref(), |c| clause(c).0))
        .build(w)
}

fn date(d: &Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}
