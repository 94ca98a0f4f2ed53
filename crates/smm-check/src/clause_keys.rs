//! The clauses a practice's evidence implements, as a sorted slice: a workspace holds one set
//! per rated practice, mostly of two or three clauses, where a `BTreeSet<String>` would spend
//! a node of eleven slots on each.

use std::sync::Arc;

/// Canonical clause keys (`iec62443-3-3:SR1.1`), sorted and without repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClauseKeys(Box<[Arc<str>]>);

impl ClauseKeys {
    pub fn contains(&self, key: &str) -> bool {
        self.0.binary_search_by(|k| (**k).cmp(key)).is_ok()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|k| &**k)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl FromIterator<Arc<str>> for ClauseKeys {
    fn from_iter<I: IntoIterator<Item = Arc<str>>>(keys: I) -> ClauseKeys {
        let mut keys: Vec<Arc<str>> = keys.into_iter().collect();
        keys.sort_unstable();
        keys.dedup();
        ClauseKeys(keys.into_boxed_slice())
    }
}

impl<'a> IntoIterator for &'a ClauseKeys {
    type Item = &'a str;
    type IntoIter = std::iter::Map<std::slice::Iter<'a, Arc<str>>, fn(&'a Arc<str>) -> &'a str>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|k| &**k)
    }
}

#[cfg(test)]
mod tests {
    use super::ClauseKeys;

    #[test]
    fn keys_are_found_once_whatever_the_order_they_came_in() {
        let keys: ClauseKeys = ["iso27002:5.15", "iec62443-3-3:SR1.1", "iso27002:5.15"]
            .into_iter()
            .map(Into::into)
            .collect();
        assert_eq!(keys.len(), 2);
        assert_eq!(
            keys.iter().collect::<Vec<_>>(),
            ["iec62443-3-3:SR1.1", "iso27002:5.15"]
        );
        assert!(keys.contains("iso27002:5.15"));
        assert!(!keys.contains("iso27002:5.16"));
        assert!(ClauseKeys::default().is_empty());
    }
}
