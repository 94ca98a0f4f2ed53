//! Byte offsets as people count: lines and columns.

/// 1-based line and column (in characters) of a byte offset, clamped to the text.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
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
}
