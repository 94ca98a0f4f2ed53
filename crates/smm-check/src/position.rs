//! Byte offsets as people count: lines and columns.

/// 1-based line and column (in characters) of a byte offset, clamped to the text. Lines are
/// counted as everywhere in smm: see `smm_syntax::lines`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    smm_syntax::lines::line_column(text, offset)
}

#[cfg(test)]
mod tests {
    use super::line_column;

    #[test]
    fn counts_lines_and_characters() {
        assert_eq!(line_column("", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 3), (2, 1));
        assert_eq!(line_column("ab\néd", 5), (2, 2));
        assert_eq!(line_column("ab\néd", 4), (2, 1), "inside a character");
        assert_eq!(line_column("ab", 99), (1, 3));
    }

    #[test]
    fn a_lone_carriage_return_breaks_a_line_and_a_form_feed_does_not() {
        assert_eq!(line_column("ab\rcd", 4), (2, 2));
        assert_eq!(line_column("ab\r\ncd", 5), (2, 2));
        assert_eq!(line_column("ab\u{c}cd", 4), (1, 5));
    }
}
