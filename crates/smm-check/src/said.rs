//! Texts that many findings of one check say alike, made once and shared (`SharedText`). A
//! workspace of a thousand assessments says "`iso27002:8.8` is not mapped to …" tens of
//! thousands of times: formatted each time, those texts took more memory than the files'
//! syntax trees.

use std::collections::HashMap;
use std::sync::Mutex;

use smm_syntax::SharedText;

/// A message and its help.
type Texts = (SharedText, SharedText);

#[derive(Default)]
pub(crate) struct Said {
    /// By practice, then by the clause as written.
    not_mapped: Mutex<HashMap<String, HashMap<String, Texts>>>,
}

impl Said {
    /// The message and help of `check::clause-not-mapped` for `written` under `practice`.
    pub fn not_mapped(&self, written: &str, practice: &str) -> Texts {
        let mut said = self.not_mapped.lock().unwrap_or_else(|e| e.into_inner());
        let by_clause = match said.get_mut(practice) {
            Some(by_clause) => by_clause,
            None => said.entry(practice.to_string()).or_default(),
        };
        if let Some(texts) = by_clause.get(written) {
            return texts.clone();
        }
        let texts = (
            SharedText::from(format!("`{written}` is not mapped to `{practice}`")),
            SharedText::from(format!(
                "`smm explain {written}` shows the practices it is mapped to"
            )),
        );
        by_clause.insert(written.to_string(), texts.clone());
        texts
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_clause_and_practice_share_their_texts() {
        let said = super::Said::default();
        let (message, help) = said.not_mapped("iso27002:8.8", "threat-modeling");
        assert_eq!(message, "`iso27002:8.8` is not mapped to `threat-modeling`");
        assert_eq!(
            help,
            "`smm explain iso27002:8.8` shows the practices it is mapped to"
        );
        let (again, _) = said.not_mapped("iso27002:8.8", "threat-modeling");
        assert!(std::ptr::eq(message.as_str(), again.as_str()));
        let (other, _) = said.not_mapped("iso27002:8.8", "access-control");
        assert_eq!(other, "`iso27002:8.8` is not mapped to `access-control`");
    }
}
