//! Text that many diagnostics say alike. A workspace of a thousand assessments repeats the
//! same few messages tens of thousands of times (`iso27002:8.8` is not mapped to this
//! practice); a checker that makes each once and hands out clones keeps one copy of each in
//! memory. Cloning copies a pointer; reading goes through `Deref` to `str`.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedText(Arc<str>);

impl SharedText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> SharedText {
        SharedText(text.into())
    }
}

impl From<&String> for SharedText {
    fn from(text: &String) -> SharedText {
        SharedText(text.as_str().into())
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> SharedText {
        SharedText(text.into())
    }
}

impl From<SharedText> for String {
    fn from(text: SharedText) -> String {
        text.0.to_string()
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == *other.0
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        **self == *other.0
    }
}

impl PartialEq<SharedText> for String {
    fn eq(&self, other: &SharedText) -> bool {
        **self == *other.0
    }
}

#[cfg(test)]
mod tests {
    use super::SharedText;

    #[test]
    fn clones_share_one_text() {
        let text = SharedText::from(format!("`{}` is not mapped", "iso27002:8.8"));
        let clone = text.clone();
        assert!(std::ptr::eq(text.as_str(), clone.as_str()));
        assert_eq!(clone, "`iso27002:8.8` is not mapped");
        assert_eq!("`iso27002:8.8` is not mapped".to_string(), clone);
        assert_eq!(
            format!("{clone}|{clone:?}"),
            "`iso27002:8.8` is not mapped|\"`iso27002:8.8` is not mapped\""
        );
    }
}
