//! Parsing a file again after an edit by parsing only the top-level item the edit falls in.
//! The items before it keep their trees, those after it keep theirs moved by the edit's change
//! in length (`Shift`). This holds only where the rest of the file cannot parse differently,
//! so the shortcut is taken only when:
//! - the old parse has no errors (recovery from an error may reach across items), and the
//!   edit lies strictly inside one item, its first and last bytes (keyword, closing brace)
//!   untouched;
//! - that item starts its line, as the parser requires of a top-level keyword;
//! - the item's new text parses alone, without errors, as one item that spans all of it,
//!   so it ends where it did (no string or comment left open to swallow what follows).
//!
//! Otherwise the whole text is parsed. Either way the result equals `parse(new_text)`; a
//! property test holds it to that.

use crate::shift::Shift;
use crate::{parse, Parse};

/// The parse of `new_text`, given `old`, the parse of `old_text`.
pub fn reparse(old: Parse, old_text: &str, new_text: &str) -> Parse {
    reparse_item(old, old_text, new_text).unwrap_or_else(|| parse(new_text))
}

/// The parse of `new_text` made by parsing only the item the edit falls in; `None` where the
/// shortcut does not hold (see the module's comment).
pub fn reparse_item(old: Parse, old_text: &str, new_text: &str) -> Option<Parse> {
    shortcut(old, old_text, new_text).ok()
}

fn shortcut(mut old: Parse, old_text: &str, new_text: &str) -> Result<Parse, ()> {
    if !old.errors.is_empty() {
        return Err(());
    }
    let (start, old_end, new_end) = changed(old_text, new_text);
    let index = old
        .file
        .items
        .iter()
        .position(|item| item.span().start < start && old_end < item.span().end)
        .ok_or(())?;
    let item = old.file.items[index].span();
    let line_start = new_text[..item.start].rfind('\n').map_or(0, |i| i + 1);
    if !new_text[line_start..item.start]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
    {
        return Err(());
    }
    let by = new_end as isize - old_end as isize;
    let new_item_end = item.end.checked_add_signed(by).ok_or(())?;
    let slice = new_text.get(item.start..new_item_end).ok_or(())?;
    let mut alone = parse(slice);
    let [mut new_item] = <[_; 1]>::try_from(alone.file.items).map_err(|_| ())?;
    if !alone.errors.is_empty() || new_item.span() != crate::Span::new(0, slice.len()) {
        return Err(());
    }
    new_item.shift(item.start as isize);
    old.file.items[index] = new_item;
    old.file.items[index + 1..].shift(by);

    // The item's tokens, replaced; those after it, moved.
    let first = old.tokens.partition_point(|t| t.span.start < item.start);
    let after = old.tokens.partition_point(|t| t.span.start < item.end);
    alone.tokens.shift(item.start as isize);
    let inserted = alone.tokens.len();
    old.tokens.splice(first..after, alone.tokens);
    old.tokens[first + inserted..].shift(by);
    Ok(old)
}

/// Where `old` and `new` differ: the start, and the end in each (all at char boundaries).
pub fn changed(old: &str, new: &str) -> (usize, usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut start = common_prefix(a, b);
    while !old.is_char_boundary(start) {
        start -= 1;
    }
    let room = a.len().min(b.len()) - start;
    let mut common_end = common_suffix(&a[a.len() - room..], &b[b.len() - room..]);
    while !old.is_char_boundary(a.len() - common_end) || !new.is_char_boundary(b.len() - common_end)
    {
        common_end -= 1;
    }
    (start, a.len() - common_end, b.len() - common_end)
}

/// Compared a block at a time (a `memcmp` each), then byte by byte in the first block that
/// differs: a long file edited at its end is compared at memory speed.
const BLOCK: usize = 256;

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + BLOCK <= len && a[at..at + BLOCK] == b[at..at + BLOCK] {
        at += BLOCK;
    }
    at + a[at..len]
        .iter()
        .zip(&b[at..len])
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let (a, b) = (&a[a.len() - len..], &b[b.len() - len..]);
    let mut end = len;
    while end >= BLOCK && a[end - BLOCK..end] == b[end - BLOCK..end] {
        end -= BLOCK;
    }
    len - end
        + a[..end]
            .iter()
            .rev()
            .zip(b[..end].iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "profile p {\n  role asset-owner\n  target identities level 2\n}\n\n// between\nassessment a {\n  profile p\n  practice identities level 1 {\n    evidence \"Accounts\" implements iso27002:5.16\n  }\n}\n";

    fn edited(from: &str, to: &str) -> String {
        assert!(FILE.contains(from));
        FILE.replacen(from, to, 1)
    }

    #[test]
    fn an_edit_inside_an_item_parses_that_item_only() {
        for (from, to) in [
            ("level 2", "level 3"),
            ("level 1", "level 10"),
            ("\"Accounts\"", "\"User accounts\""),
            ("  role asset-owner\n", ""),
            ("5.16", "5.16 iso27002:5.15"),
        ] {
            let new = edited(from, to);
            let fast = reparse_item(parse(FILE), FILE, &new).expect(to);
            let full = parse(&new);
            assert_eq!(fast.file, full.file, "{to}");
            assert_eq!(fast.tokens, full.tokens, "{to}");
        }
    }

    #[test]
    fn edits_that_could_reach_other_items_parse_everything() {
        for (from, to) in [
            // Opens a comment, a string, a block; touches an item's first or last byte;
            // falls between items; breaks the item.
            ("level 2", "level 2 /*"),
            ("\"Accounts\"", "\"Accounts"),
            ("level 1 {", "level 1 { {"),
            ("profile p {", "xprofile p {"),
            ("  }\n}\n", "  }\n"),
            ("// between", "// between items"),
            ("level 1", "level"),
        ] {
            let new = edited(from, to);
            assert!(reparse_item(parse(FILE), FILE, &new).is_none(), "{to}");
            let full = parse(&new);
            let again = reparse(parse(FILE), FILE, &new);
            assert_eq!(again.file, full.file, "{to}");
        }
    }

    /// The block-wise comparison finds the same bounds as a byte-wise one, whatever the
    /// blocks' alignment to the difference.
    #[test]
    fn the_difference_is_found_across_blocks() {
        let base = "abcdefgh".repeat(200);
        for at in [0, 1, 255, 256, 257, 800, base.len() - 1, base.len()] {
            for inserted in ["", "x", "xyz"] {
                for removed in [0, 1, 300] {
                    let end = (at + removed).min(base.len());
                    let new = format!("{}{inserted}{}", &base[..at], &base[end..]);
                    let (start, old_end, new_end) = changed(&base, &new);
                    assert_eq!(&base[..start], &new[..start]);
                    assert_eq!(&base[old_end..], &new[new_end..]);
                    let slow_start = base
                        .bytes()
                        .zip(new.bytes())
                        .take_while(|(x, y)| x == y)
                        .count();
                    assert_eq!(start, slow_start.min(base.len().min(new.len())));
                    let room = base.len().min(new.len()) - start;
                    let slow_end = base
                        .bytes()
                        .rev()
                        .zip(new.bytes().rev())
                        .take(room)
                        .take_while(|(x, y)| x == y)
                        .count();
                    assert_eq!(
                        base.len() - old_end,
                        slow_end,
                        "{at} {inserted:?} {removed}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_item_after_an_error_is_parsed_with_everything() {
        let broken = FILE.replace("role asset-owner", "role");
        let new = broken.replacen("level 1", "level 2", 1);
        assert!(reparse_item(parse(&broken), &broken, &new).is_none());
    }
}
