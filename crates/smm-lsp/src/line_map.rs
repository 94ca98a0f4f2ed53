//! Byte offsets (used everywhere inside smm) to protocol positions and back, in the encoding
//! negotiated with the client: UTF-8 when it offers it, else UTF-16 as the protocol defaults.

use tower_lsp_server::ls_types::Position;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The start of every line of a text.
#[derive(Clone, Debug)]
pub struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    pub fn new(text: &str) -> LineMap {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineMap { starts }
    }

    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &text[self.starts[line]..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    /// The byte offset of a position; past the end of a line means its end, past the last
    /// line the end of the text (clients send such positions while typing).
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |next| next - 1);
        let line = &text[start..end];
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
}
