//! Byte offsets (used everywhere inside smm) to protocol positions and back, in the encoding
//! negotiated with the client: UTF-8 when it offers it, else UTF-16 as the protocol defaults.

use smm_syntax::lines;
use tower_lsp_server::ls_types::Position;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The start of every line of a text, lines broken at `\n`, `\r\n` and a lone `\r` as the
/// protocol counts them (`smm_syntax::lines`).
#[derive(Clone, Debug)]
pub struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    pub fn new(text: &str) -> LineMap {
        LineMap {
            starts: lines::line_starts(text),
        }
    }

    /// The position of a byte offset; one inside a character is that character's, one
    /// between the `\r` and the `\n` of a break the end of its line.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = lines::clamp(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &text[self.starts[line]..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    /// The byte offset of a position; past the end of a line means its end (before its line
    /// break), past the last line the end of the text (clients send such positions while
    /// typing).
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let next = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next);
        let line = lines::without_break(&text[start..next]);
        let end = start + line.len();
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= wanted {
                return start + i;
            }
            units += match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "ab\n\"ß ℝ 💣\" x\n";

    #[test]
    fn utf16_and_utf8_columns_on_non_ascii_text() {
        let map = LineMap::new(TEXT);
        let x = TEXT.find('x').unwrap();
        // `"ß ℝ 💣" ` is 9 UTF-16 units (💣 takes two) and 14 bytes.
        assert_eq!(map.position(TEXT, x, Encoding::Utf16), Position::new(1, 9));
        assert_eq!(map.position(TEXT, x, Encoding::Utf8), Position::new(1, 14));
        assert_eq!(map.offset(TEXT, Position::new(1, 9), Encoding::Utf16), x);
        assert_eq!(map.offset(TEXT, Position::new(1, 14), Encoding::Utf8), x);
        let bomb = TEXT.find('💣').unwrap();
        assert_eq!(
            map.position(TEXT, bomb + 2, Encoding::Utf16),
            map.position(TEXT, bomb, Encoding::Utf16)
        );
    }

    #[test]
    fn every_offset_round_trips_in_both_encodings() {
        let map = LineMap::new(TEXT);
        for (offset, _) in TEXT.char_indices() {
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let position = map.position(TEXT, offset, encoding);
                assert_eq!(
                    map.offset(TEXT, position, encoding),
                    offset,
                    "{offset} {encoding:?}"
                );
            }
        }
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let map = LineMap::new(TEXT);
        assert_eq!(map.offset(TEXT, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(
            map.offset(TEXT, Position::new(9, 0), Encoding::Utf16),
            TEXT.len()
        );
    }

    /// A file with lone `\r` or `\r\n` line ends has as many lines as the client counts, and
    /// every offset round trips through its position in both encodings.
    #[test]
    fn carriage_returns_break_lines_in_both_encodings() {
        for text in [
            "ab\r\"ß ℝ 💣\" x\rlast",
            "ab\r\n\"ß ℝ 💣\" x\r\nlast",
            "ab\n\"ß ℝ 💣\" x\r\nlast",
        ] {
            let map = LineMap::new(text);
            let x = text.find('x').unwrap();
            let last = text.find("last").unwrap();
            assert_eq!(map.position(text, x, Encoding::Utf16), Position::new(1, 9));
            assert_eq!(map.position(text, x, Encoding::Utf8), Position::new(1, 14));
            assert_eq!(
                map.position(text, last, Encoding::Utf16),
                Position::new(2, 0)
            );
            assert_eq!(map.offset(text, Position::new(1, 9), Encoding::Utf16), x);
            assert_eq!(map.offset(text, Position::new(1, 14), Encoding::Utf8), x);
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                assert_eq!(
                    map.offset(text, Position::new(2, 0), encoding),
                    last,
                    "{text:?}"
                );
                // Past the end of a line is its end, before the line break.
                let end_of_first = map.offset(text, Position::new(0, 99), encoding);
                assert_eq!(end_of_first, 2, "{text:?} {encoding:?}");
                let end_of_second = map.offset(text, Position::new(1, 99), encoding);
                assert_eq!(end_of_second, x + 1, "{text:?} {encoding:?}");
                for (offset, _) in text.char_indices() {
                    let position = map.position(text, offset, encoding);
                    let inside_crlf =
                        text[..offset].ends_with('\r') && text[offset..].starts_with('\n');
                    let expected = if inside_crlf { offset - 1 } else { offset };
                    assert_eq!(
                        map.offset(text, position, encoding),
                        expected,
                        "{text:?} {offset} {encoding:?}"
                    );
                }
            }
        }
    }

    /// Vertical tab, form feed, NEL, LS and PS do not break lines.
    #[test]
    fn other_separators_stay_within_a_line() {
        let text = "a\u{b}b\u{c}c\u{85}d\u{2028}e\u{2029}f";
        let map = LineMap::new(text);
        let f = text.find('f').unwrap();
        assert_eq!(map.position(text, f, Encoding::Utf16), Position::new(0, 10));
        assert_eq!(map.offset(text, Position::new(0, 10), Encoding::Utf16), f);
        assert_eq!(
            map.offset(text, Position::new(1, 0), Encoding::Utf16),
            text.len()
        );
    }
}
