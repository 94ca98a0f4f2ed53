//! CSV injection (OWASP): a spreadsheet reads a cell that starts with `=`, `+`, `-`, `@`, a tab
//! or a carriage return as a formula. `smm report --format csv` writes such a cell with a
//! single quote `'` before it, so that a spreadsheet shows text, and `smm import` removes that
//! quote again. A cell that starts with quotes followed by one of those characters gets one
//! more quote too, so that the two are exact inverses: whatever the assessment wrote comes back.

/// What a spreadsheet would read as the start of a formula.
pub fn formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// The cell as written to a CSV file.
pub fn neutralise(cell: &str) -> String {
    if cell.trim_start_matches('\'').starts_with(formula_start) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The cell as it was before `neutralise`: one leading quote removed when the quotes lead to
/// a formula character; any other cell as it is.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(formula_start) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_given_back_exactly() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+cmd", "'+cmd"),
            ("-1+1", "'-1+1"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("''-x", "'''-x"),
            ("'quoted'", "'quoted'"),
            ("'", "'"),
            ("plain = text", "plain = text"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), written, "{cell:?}");
            assert_eq!(unneutralise(written), cell, "{written:?}");
        }
    }
}
