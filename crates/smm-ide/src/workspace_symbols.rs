//! Workspace symbols: the named items of every file and the catalog entries they define,
//! found by a fuzzy match of their names.

use smm_syntax::ast::{FrameworkField, Item, Name, StandardField};
use smm_syntax::Span;

use crate::symbols::{clause, SymbolKind};
use crate::{FileId, Snapshot};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: SymbolKind,
    pub file: FileId,
    /// The name.
    pub span: Span,
    /// The item the symbol is defined in: a practice's framework, a clause's standard.
    pub container: Option<String>,
}

/// At most this many workspace symbols: a short query matches most names.
const LIMIT: usize = 256;

/// The named items of every file and the catalog entries they define, whose names contain the
/// query's characters in order (case-insensitive): names starting with the query first, then
/// names containing it, then the rest, each group by name.
pub fn workspace_symbols(snapshot: &Snapshot<'_>, query: &str) -> Vec<WorkspaceSymbol> {
    let query = query.to_lowercase();
    let mut found: Vec<(u8, WorkspaceSymbol)> = Vec::new();
    for (file, source) in snapshot.workspace.sources() {
        for item in &source.parse.file.items {
            for symbol in named_symbols(item, file) {
                if let Some(rank) = rank(&query, &symbol.name) {
                    found.push((rank, symbol));
                }
            }
        }
    }
    found.sort_by(|(a_rank, a), (b_rank, b)| {
        (a_rank, &a.name, a.file, a.span).cmp(&(b_rank, &b.name, b.file, b.span))
    });
    found.into_iter().take(LIMIT).map(|(_, s)| s).collect()
}

/// 0 for a prefix, 1 for a substring, 2 for a subsequence; `None` when the name does not match.
fn rank(query: &str, name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    if name.starts_with(query) {
        return Some(0);
    }
    if name.contains(query) {
        return Some(1);
    }
    let mut rest = name.chars();
    query.chars().all(|q| rest.any(|c| c == q)).then_some(2)
}

/// An item's name and the names of the catalog entries it defines.
fn named_symbols(item: &Item, file: FileId) -> Vec<WorkspaceSymbol> {
    let symbol = |kind, (name, span): (String, Span), container: Option<&Name>| WorkspaceSymbol {
        name,
        kind,
        file,
        span,
        container: container.map(|c| c.text.clone()),
    };
    let kind = match item {
        Item::Profile(_) => SymbolKind::Profile,
        Item::Assessment(_) => SymbolKind::Assessment,
        Item::Framework(_) => SymbolKind::Framework,
        Item::Standard(_) => SymbolKind::Standard,
        Item::Mapping(_) => SymbolKind::Mapping,
        Item::Extension(_) | Item::Error(_) => return Vec::new(),
    };
    let name = item.name();
    let mut found: Vec<WorkspaceSymbol> = name
        .map(|n| symbol(kind, (n.text.clone(), n.span), None))
        .into_iter()
        .collect();
    match item {
        Item::Framework(f) => {
            for field in f.body.iter().flat_map(|b| &b.entries) {
                let (kind, definition) = match field {
                    FrameworkField::Domain(d) => (SymbolKind::Domain, d),
                    FrameworkField::Subdomain(d) => (SymbolKind::Subdomain, d),
                    FrameworkField::Practice(d) => (SymbolKind::Practice, d),
                    _ => continue,
                };
                let id = definition.id.as_ref().map(|n| (n.text.clone(), n.span));
                found.extend(id.map(|id| symbol(kind, id, name)));
            }
        }
        Item::Standard(s) => {
            for field in s.body.iter().flat_map(|b| &b.entries) {
                if let StandardField::Clause(c) = field {
                    let id = c.id.as_ref().map(clause);
                    found.extend(id.map(|id| symbol(SymbolKind::Clause, id, name)));
                }
            }
        }
        _ => {}
    }
    found
}
