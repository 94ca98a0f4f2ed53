//! The built-in model compiled ahead of time. Parsing the embedded catalogs and building the
//! model from them costs several milliseconds at every run; `compile` does it once, when smm is
//! built (its build script), and `model_with` then only decodes the bytes `install` was given.
//!
//! The bytes: a header of four little-endian `u64` words (`MAGIC`, the fingerprint of what was
//! compiled, a checksum of the rest, the length of the first model), then the model with the
//! built-in mapping and the model without it, each in postcard. A catalog file is stored by its
//! name only: its text is the embedded one. Bytes that do not decode, that were damaged or that
//! were compiled from other catalogs or by another version are ignored: the model is parsed.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::{de, ser, Deserialize, Deserializer, Serialize, Serializer};

use crate::embedded::{builder_from, builder_with, parse_all, Mappings, FILES};
use crate::{CatalogFile, Model, Origin};

/// `smmodel1` in ASCII: the name and version of this layout.
const MAGIC: u64 = u64::from_le_bytes(*b"smmodel1");
const HEADER: usize = 4 * 8;

static INSTALLED: OnceLock<&'static [u8]> = OnceLock::new();

/// The built-in model with and without the built-in mapping (`Mappings`), compiled: what
/// `install` takes.
pub fn compile() -> Vec<u8> {
    let parses = parse_all();
    let compiled = |mappings| {
        let (model, _) = builder_from(mappings, &parses).finish();
        postcard::to_stdvec(&model).expect("the built-in model holds only built-in files")
    };
    let with = compiled(Mappings::Builtin);
    let without = compiled(Mappings::OwnOnly);
    let mut payload = with;
    let split = payload.len() as u64;
    payload.extend_from_slice(&without);
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    for word in [MAGIC, fingerprint(), checksum(&payload), split] {
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    bytes.extend_from_slice(&payload);
    bytes
}

/// Gives `model_with` the output of `compile` (embedded in the binary), to load the built-in
/// model from instead of parsing it. Only the first call counts, and only before the first
/// `model_with`.
pub fn install(bytes: &'static [u8]) {
    let _ = INSTALLED.set(bytes);
}

pub(crate) fn installed() -> Option<&'static [u8]> {
    INSTALLED.get().copied()
}

/// The model `bytes` (the output of `compile`) hold for `mappings`, indexes built; None when
/// they are not such bytes, were damaged, or were compiled from other catalogs or by another
/// version of this crate.
pub fn decode(bytes: &[u8], mappings: Mappings) -> Option<Model> {
    let (header, payload) = bytes.split_at_checked(HEADER)?;
    let word = |i: usize| {
        let word: [u8; 8] = header[i * 8..i * 8 + 8].try_into().ok()?;
        Some(u64::from_le_bytes(word))
    };
    if word(0)? != MAGIC || word(1)? != fingerprint() || word(2)? != checksum(payload) {
        return None;
    }
    let (with, without) = payload.split_at_checked(usize::try_from(word(3)?).ok()?)?;
    let part = match mappings {
        Mappings::Builtin => with,
        Mappings::OwnOnly => without,
    };
    let (mut model, rest): (Model, _) = postcard::take_from_bytes(part).ok()?;
    if !rest.is_empty() {
        return None;
    }
    model.index();
    Some(model)
}

/// The built-in model for `mappings`: decoded from `bytes` when they hold it, else parsed.
pub(crate) fn load(bytes: Option<&[u8]>, mappings: Mappings) -> Model {
    bytes
        .and_then(|bytes| decode(bytes, mappings))
        .unwrap_or_else(|| builder_with(mappings).finish().0)
}

/// What the compiled model was built from: the embedded files, this crate's version and the
/// layout.
fn fingerprint() -> u64 {
    let mut hash = mix(MAGIC, 0);
    hash = add(hash, env!("CARGO_PKG_VERSION").as_bytes());
    for (name, text) in FILES {
        hash = add(add(hash, name.as_bytes()), text.as_bytes());
    }
    hash
}

fn checksum(bytes: &[u8]) -> u64 {
    add(0, bytes)
}

/// A fast non-cryptographic hash, eight bytes a step (FxHash's step): it tells apart inputs
/// that differ by accident, not by design. The same on every platform.
fn add(mut hash: u64, bytes: &[u8]) -> u64 {
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        hash = mix(
            hash,
            u64::from_le_bytes(word.try_into().unwrap_or_default()),
        );
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    mix(mix(hash, u64::from_le_bytes(tail)), bytes.len() as u64)
}

fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A built-in file, as embedded, is written as its name; any other file cannot be (a user's
/// catalog belongs in no compiled model).
impl Serialize for CatalogFile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let embedded = |name| FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
        match self.origin {
            Origin::Builtin(name) if embedded(name) == Some(&*self.text) => {
                serializer.serialize_str(name)
            }
            Origin::Builtin(name) => Err(ser::Error::custom(format!(
                "`{name}` is no built-in file as embedded"
            ))),
            Origin::User(ref path) => Err(ser::Error::custom(format!(
                "`{}` is a user's catalog file: only the built-in model can be compiled",
                path.display()
            ))),
        }
    }
}

/// A built-in file from its name, with the embedded text.
impl<'de> Deserialize<'de> for CatalogFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = Cow::<str>::deserialize(deserializer)?;
        let (name, text) = FILES
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| de::Error::custom(format!("no built-in file `{name}`")))?;
        Ok(CatalogFile {
            origin: Origin::Builtin(name),
            text: Cow::Borrowed(text),
        })
    }
}

/// A `Span` as its start and end. Written here rather than derived in smm-syntax: a serde
/// dependency there would have Cargo compile smm-syntax, the slowest crate to compile, twice
/// (for smm-cli's build script, whose serde has other features, and for the binary).
pub(crate) mod span {
    use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
    use smm_syntax::Span;

    pub fn serialize<S: Serializer>(span: &Span, serializer: S) -> Result<S::Ok, S::Error> {
        (span.start, span.end).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Span, D::Error> {
        let (start, end) = <(usize, usize)>::deserialize(deserializer)?;
        if start > end {
            return Err(de::Error::custom("a span that ends before it starts"));
        }
        Ok(Span { start, end })
    }
}

#[cfg(test)]
mod tests;
