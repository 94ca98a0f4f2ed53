//! Earlier editions of the built-in mapping, kept as lists of edges, so that the changes
//! between the last edition and this one can be listed for reviewers and auditors
//! (MAPPING-CHANGES.md). One edge per line, tab-separated: practice, level, clause,
//! relationship, roles (comma-separated, sorted), via (`-` for none); `#` starts a comment.

use std::collections::BTreeMap;

use crate::{Model, Origin};

/// Each earlier edition with its edges, oldest first.
pub const EDITIONS: &[(&str, &str)] = &[("1", include_str!("../data/history/mapping-1.tsv"))];

/// One edge as an edition lists it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct EdgeRow {
    pub practice: String,
    pub level: u8,
    pub clause: String,
    pub relationship: String,
    pub roles: String,
    pub via: Option<String>,
}

impl EdgeRow {
    pub fn to_line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            self.practice,
            self.level,
            self.clause,
            self.relationship,
            self.roles,
            self.via.as_deref().unwrap_or("-")
        )
    }

    fn parse(line: &str) -> Option<EdgeRow> {
        let mut fields = line.split('\t');
        let mut next = || fields.next().map(str::to_string);
        let row = EdgeRow {
            practice: next()?,
            level: next()?.parse().ok()?,
            clause: next()?,
            relationship: next()?,
            roles: next()?,
            via: next().filter(|v| v != "-"),
        };
        Some(row)
    }
}

/// The edges of an edition's list; a line that does not read as an edge is an error naming it.
pub fn parse(text: &str) -> Result<Vec<EdgeRow>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(i, line)| EdgeRow::parse(line).ok_or(format!("line {}: {line:?}", i + 1)))
        .collect()
}

/// The built-in edges of `model` (the user's own mappings left out), sorted.
pub fn builtin_rows(model: &Model) -> Vec<EdgeRow> {
    let mut rows: Vec<EdgeRow> = model
        .edges()
        .iter()
        .filter(|e| matches!(model.file(e.location.file).origin, Origin::Builtin(_)))
        .map(|e| {
            let mut roles: Vec<&str> = e.roles.iter().map(|r| r.id()).collect();
            roles.sort_unstable();
            EdgeRow {
                practice: e.practice.clone(),
                level: e.level.number(),
                clause: e.clause.clone(),
                relationship: e.relationship.id().to_string(),
                roles: roles.join(","),
                via: e.via.clone(),
            }
        })
        .collect();
    rows.sort();
    rows
}

/// What changed from `old` to `new`, by practice and clause: edges only in `new`, only in
/// `old`, and those whose level, relationship, roles or `via` changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<EdgeRow>,
    pub removed: Vec<EdgeRow>,
    pub changed: Vec<(Vec<EdgeRow>, Vec<EdgeRow>)>,
}

pub fn changes(old: &[EdgeRow], new: &[EdgeRow]) -> Changes {
    type Key = (String, String);
    let by_key = |rows: &[EdgeRow]| {
        let mut map: BTreeMap<Key, Vec<EdgeRow>> = BTreeMap::new();
        for row in rows {
            let key = (row.practice.clone(), row.clause.clone());
            map.entry(key).or_default().push(row.clone());
        }
        map
    };
    let (old, new) = (by_key(old), by_key(new));
    let mut found = Changes::default();
    for (key, before) in &old {
        match new.get(key) {
            None => found.removed.extend(before.iter().cloned()),
            Some(after) if after != before => found.changed.push((before.clone(), after.clone())),
            Some(_) => {}
        }
    }
    for (key, after) in &new {
        if !old.contains_key(key) {
            found.added.extend(after.iter().cloned());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(practice: &str, level: u8, clause: &str, relationship: &str) -> EdgeRow {
        EdgeRow {
            practice: practice.into(),
            level,
            clause: clause.into(),
            relationship: relationship.into(),
            roles: "asset-owner".into(),
            via: None,
        }
    }

    #[test]
    fn rows_read_back_what_they_write() {
        let mut with_via = row("patch-management", 3, "iec62443-2-1:COMP3.2", "subset");
        with_via.via = Some("iec62443:ML3".into());
        let plain = row("identities", 1, "iso27002:5.16", "superset");
        let text = format!(
            "# a comment\n{}\n\n{}\n",
            with_via.to_line(),
            plain.to_line()
        );
        assert_eq!(parse(&text).unwrap(), vec![with_via, plain]);
        assert_eq!(
            parse("identities\tone\tiso27002:5.16\tequal\towner\t-\n").unwrap_err(),
            "line 1: \"identities\\tone\\tiso27002:5.16\\tequal\\towner\\t-\""
        );
    }

    #[test]
    fn changes_are_found_by_practice_and_clause() {
        let kept = row("identities", 1, "iso27002:5.16", "subset");
        let moved = row("access-control", 1, "iso27002:5.15", "subset");
        let gone = row("monitoring", 2, "iso27002:8.15", "subset");
        let new = row("monitoring", 2, "iso27002:8.16", "subset");
        let mut moved_later = moved.clone();
        moved_later.level = 2;
        let found = changes(
            &[kept.clone(), moved.clone(), gone.clone()],
            &[kept, moved_later.clone(), new.clone()],
        );
        assert_eq!(found.added, vec![new]);
        assert_eq!(found.removed, vec![gone]);
        assert_eq!(found.changed, vec![(vec![moved], vec![moved_later])]);
    }

    #[test]
    fn every_earlier_edition_reads() {
        for (edition, text) in EDITIONS {
            let rows = parse(text).unwrap_or_else(|e| panic!("edition {edition}: {e}"));
            assert!(!rows.is_empty(), "edition {edition}");
        }
    }
}
