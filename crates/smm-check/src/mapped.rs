//! The clauses mapped to a practice up to a level, found once per question for the whole
//! check: every assessment of a workspace asks the same few questions (its profile's targets,
//! for its role and editions), twice each (its missing clauses and its summary).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use smm_model::{Editions, Level, Model, Role};

/// A clause mapped to a practice: its standard and its canonical key.
#[derive(Debug)]
pub(crate) struct MappedKey {
    pub standard: String,
    /// Shared with every assessment that misses the clause.
    pub clause: Arc<str>,
}

type Answers<'a> = HashMap<(&'a str, Level, Role), Arc<[MappedKey]>>;

pub(crate) struct MappedClauses<'a> {
    model: &'a Model,
    /// By editions followed; a workspace follows few combinations, so a list is enough.
    found: Mutex<Vec<(Editions, Answers<'a>)>>,
}

impl<'a> MappedClauses<'a> {
    pub fn new(model: &'a Model) -> MappedClauses<'a> {
        MappedClauses {
            model,
            found: Mutex::new(Vec::new()),
        }
    }

    /// `Model::mapped_clauses`, each clause once, ordered by key.
    pub fn get(
        &self,
        practice: &str,
        level: Level,
        role: Role,
        editions: &Editions,
    ) -> Arc<[MappedKey]> {
        // Only the model's practices have mapped clauses.
        let Some(practice) = self.model.practice(practice).map(|p| p.id.as_str()) else {
            return Arc::new([]);
        };
        let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        let at = match found.iter().position(|(e, _)| e == editions) {
            Some(at) => at,
            None => {
                found.push((editions.clone(), HashMap::new()));
                found.len() - 1
            }
        };
        found[at]
            .1
            .entry((practice, level, role))
            .or_insert_with(|| {
                let mut keys: Vec<MappedKey> = self
                    .model
                    .mapped_clauses(practice, level, role, editions)
                    .iter()
                    .map(|m| MappedKey {
                        standard: m.clause.standard.clone(),
                        clause: Arc::from(m.edge.clause.as_str()),
                    })
                    .collect();
                keys.sort_by(|a, b| a.clause.cmp(&b.clause));
                keys.dedup_by(|a, b| a.clause == b.clause);
                keys.into()
            })
            .clone()
    }
}
