//! Which edition of a standard is in force. Standards linked by `supersedes` form a family
//! (`iec62443-2-1` supersedes `iec62443-2-1-2010`); a profile or assessment follows one member
//! of each family, by default the newest, so that its clause lists never mix two editions.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::{Model, Standard};

/// The editions a profile or assessment follows: the newest of every family unless it says
/// otherwise, or every edition at once when a reader asks to compare them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Editions {
    /// Older editions chosen instead of the newest of their family.
    chosen: BTreeSet<String>,
    all: bool,
}

/// Why a `follows` cannot be honoured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditionError {
    UnknownStandard(String),
    /// The standard has no other edition, so there is nothing to choose.
    SingleEdition(String),
    /// Two members of one family were chosen: (the first, the second).
    Conflict(String, String),
}

impl std::fmt::Display for EditionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditionError::UnknownStandard(id) => write!(f, "unknown standard `{id}`"),
            EditionError::SingleEdition(id) => {
                write!(f, "`{id}` has a single edition: there is nothing to choose")
            }
            EditionError::Conflict(first, second) => write!(
                f,
                "`{second}` and `{first}` are editions of one standard: follow only one"
            ),
        }
    }
}

impl Editions {
    /// The newest edition of every standard.
    pub fn newest() -> Editions {
        Editions::default()
    }

    /// Every edition side by side, for comparing them.
    pub fn all() -> Editions {
        Editions {
            chosen: BTreeSet::new(),
            all: true,
        }
    }

    pub fn is_all(&self) -> bool {
        self.all
    }

    /// The editions chosen over the newest, sorted.
    pub fn chosen(&self) -> impl Iterator<Item = &str> {
        self.chosen.iter().map(String::as_str)
    }
}

impl Model {
    /// A standard's family, oldest first: itself alone when nothing supersedes it and it
    /// supersedes nothing.
    pub fn editions_of(&self, standard: &str) -> Vec<&Standard> {
        self.family(standard)
            .iter()
            .filter_map(|id| self.standard(id))
            .collect()
    }

    /// The ids of a standard's family, from the index.
    fn family(&self, standard: &str) -> &[String] {
        self.families.get(standard).map_or(&[], |f| f)
    }

    /// Every standard's family, oldest first, shared by its members: each standard is walked
    /// once, where a walk per standard would be quadratic in the length of a `supersedes`
    /// chain (and a search per step cubic).
    pub(crate) fn index_families(&self) -> HashMap<String, Arc<[String]>> {
        // Walking down from the oldest: the first standard, in id order, that supersedes each.
        let mut newer: HashMap<&str, &str> = HashMap::new();
        for s in self.standards() {
            if let Some(older) = s.supersedes.as_deref() {
                newer.entry(older).or_insert(&s.id);
            }
        }
        let mut oldest: HashMap<&str, Option<&str>> = HashMap::new();
        let mut by_oldest: HashMap<&str, Arc<[String]>> = HashMap::new();
        let mut families = HashMap::new();
        for standard in self.standards() {
            let Some(first) = self.oldest_of(&standard.id, &mut oldest) else {
                // Its editions run into a circle (`model::supersedes-cycle`): with no oldest,
                // it stands alone.
                families.insert(standard.id.clone(), Arc::from([standard.id.clone()]));
                continue;
            };
            let family = by_oldest.entry(first).or_insert_with(|| {
                let mut ids = vec![first.to_string()];
                let mut seen = BTreeSet::from([first]);
                let mut last = first;
                while let Some(&next) = newer.get(last) {
                    if !seen.insert(next) {
                        break;
                    }
                    ids.push(next.to_string());
                    last = next;
                }
                ids.into()
            });
            families.insert(standard.id.clone(), family.clone());
        }
        families
    }

    /// The oldest edition reached from `standard` by `supersedes`, remembering it for every
    /// standard on the way; `None` when the way runs into a cycle.
    fn oldest_of<'m>(
        &'m self,
        standard: &'m str,
        known: &mut HashMap<&'m str, Option<&'m str>>,
    ) -> Option<&'m str> {
        let mut path = Vec::new();
        let mut seen = BTreeSet::new();
        let mut current = standard;
        let found = loop {
            if let Some(&oldest) = known.get(current) {
                break oldest;
            }
            if !seen.insert(current) {
                break None;
            }
            path.push(current);
            match self
                .standard(current)
                .and_then(|s| s.supersedes.as_deref())
                .and_then(|o| self.standard(o))
            {
                Some(older) => current = &older.id,
                None => break Some(current),
            }
        };
        for id in path {
            known.insert(id, found);
        }
        found
    }

    /// Adds `follows STANDARD` to `editions`.
    pub fn follow(&self, editions: &mut Editions, standard: &str) -> Result<(), EditionError> {
        if self.standard(standard).is_none() {
            return Err(EditionError::UnknownStandard(standard.to_string()));
        }
        let family = self.editions_of(standard);
        if family.len() < 2 {
            return Err(EditionError::SingleEdition(standard.to_string()));
        }
        let other = family
            .iter()
            .find(|s| s.id != standard && editions.chosen.contains(&s.id));
        if let Some(other) = other {
            return Err(EditionError::Conflict(
                other.id.clone(),
                standard.to_string(),
            ));
        }
        editions.chosen.insert(standard.to_string());
        Ok(())
    }

    /// Whether the clauses of `standard` count under `editions`.
    pub fn in_force(&self, standard: &str, editions: &Editions) -> bool {
        if editions.all {
            return true;
        }
        let family = self.family(standard);
        match family.iter().find(|s| editions.chosen.contains(*s)) {
            Some(chosen) => chosen == standard,
            None => family.last().is_none_or(|newest| newest == standard),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_edition_is_in_force_unless_another_is_followed() {
        let model = crate::builtin::model();
        let family: Vec<&str> = model
            .editions_of("iec62443-2-1")
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(family, ["iec62443-2-1-2010", "iec62443-2-1"]);
        assert_eq!(model.editions_of("iec62443-2-1-2010").len(), 2);

        let newest = Editions::newest();
        assert!(model.in_force("iec62443-2-1", &newest));
        assert!(!model.in_force("iec62443-2-1-2010", &newest));
        assert!(model.in_force("iec62443-3-3", &newest));

        let mut first = Editions::newest();
        model.follow(&mut first, "iec62443-2-1-2010").unwrap();
        assert!(!model.in_force("iec62443-2-1", &first));
        assert!(model.in_force("iec62443-2-1-2010", &first));
        assert!(model.in_force("iso27001", &first));

        let all = Editions::all();
        assert!(model.in_force("iec62443-2-1", &all));
        assert!(model.in_force("iec62443-2-1-2010", &all));
    }

    #[test]
    fn follows_that_cannot_be_honoured_say_why() {
        let model = crate::builtin::model();
        let mut editions = Editions::newest();
        assert_eq!(
            model.follow(&mut editions, "iec62443-9-9"),
            Err(EditionError::UnknownStandard("iec62443-9-9".into()))
        );
        assert_eq!(
            model.follow(&mut editions, "iso27002"),
            Err(EditionError::SingleEdition("iso27002".into()))
        );
        model.follow(&mut editions, "iec62443-2-1-2010").unwrap();
        // Following the newest explicitly is allowed, but not together with an older one.
        let conflict = model.follow(&mut editions, "iec62443-2-1").unwrap_err();
        assert_eq!(
            conflict.to_string(),
            "`iec62443-2-1` and `iec62443-2-1-2010` are editions of one standard: follow only one"
        );
        let mut explicit = Editions::newest();
        model.follow(&mut explicit, "iec62443-2-1").unwrap();
        assert!(model.in_force("iec62443-2-1", &explicit));
        assert!(!model.in_force("iec62443-2-1-2010", &explicit));
    }
}
