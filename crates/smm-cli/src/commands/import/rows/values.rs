//! A cell's text as a level, a date, a name or a list of ids, else why not.

use smm_check::Day;
use smm_model::Level;
use smm_syntax::TokenKind;

use super::super::sheet::Cell;

/// `; did you mean `x`?`, or nothing.
pub(super) fn hint(close: Option<&str>) -> String {
    close
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// Ids in a cell, separated by spaces, commas or semicolons.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| !w.is_empty())
}

/// Whether `text` is a name the language accepts (kebab case, not a keyword).
pub fn is_name(text: &str) -> bool {
    let lexed = smm_syntax::lex(text);
    matches!(lexed.tokens.as_slice(),
        [token] if token.kind == TokenKind::Ident && token.span.start == 0 && token.span.end == text.len())
}

pub fn not_a_name(text: &str, what: &str, example: &str) -> String {
    format!("`{text}` cannot name {what}: use lowercase letters, digits and `-` (for example `{example}`)")
}

/// A level: a whole number 0-4, or a level's name.
pub(super) fn level(cell: &Cell, text: &str) -> Result<u8, String> {
    let number = match cell {
        Cell::Number(n) if n.fract() == 0.0 => Some(*n),
        Cell::Number(_) => None,
        _ => text.parse::<i64>().ok().map(|n| n as f64),
    };
    if let Some(n) = number {
        if (0.0..=4.0).contains(&n) {
            return Ok(n as u8);
        }
        return Err(format!("{text} is not a level: give 0 to 4"));
    }
    let lower = text.to_lowercase();
    (0..=4)
        .filter_map(Level::from_number)
        .find(|l| l.name().to_lowercase() == lower)
        .map(Level::number)
        .ok_or_else(|| {
            let names: Vec<String> = (0..=4)
                .filter_map(Level::from_number)
                .map(|l| l.name().to_string())
                .collect();
            format!(
                "`{text}` is not a level: give 0 to 4, or a level's name ({})",
                names.join(", ")
            )
        })
}

/// A date as `YYYY-MM-DD`: a date cell, or text (a time of midnight after it is allowed, as
/// some programs write date cells to CSV).
pub(super) fn date(cell: &Cell, text: &str) -> Result<String, String> {
    match cell {
        Cell::Date(day) => return Ok(day.to_string()),
        Cell::Number(_) => {
            return Err(format!(
                "{text} is a number, not a date: write YYYY-MM-DD, or format the cell as a date"
            ))
        }
        _ => {}
    }
    let day = text
        .strip_suffix("T00:00:00")
        .or_else(|| text.strip_suffix(" 00:00:00"))
        .unwrap_or(text);
    if let Some(day) = Day::parse(day) {
        return Ok(day.to_string());
    }
    let shaped = day.len() == 10
        && day.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    Err(match shaped {
        true => format!("`{text}` is not on the calendar"),
        false => format!("`{text}` is not a date: write YYYY-MM-DD"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_numbers_or_names() {
        assert_eq!(level(&Cell::Number(2.0), "2"), Ok(2));
        assert_eq!(level(&Cell::Text("3".into()), "3"), Ok(3));
        assert_eq!(level(&Cell::Text("Ad hoc".into()), "Ad hoc"), Ok(2));
        assert!(level(&Cell::Number(2.5), "2.5").is_err());
        assert_eq!(
            level(&Cell::Text("7".into()), "7"),
            Err("7 is not a level: give 0 to 4".into())
        );
    }

    #[test]
    fn dates_are_iso_or_date_cells() {
        let day = Day::new(2026, 11, 10).unwrap();
        assert_eq!(
            date(&Cell::Date(day), "2026-11-10"),
            Ok("2026-11-10".into())
        );
        assert_eq!(
            date(
                &Cell::Text("2026-11-10T00:00:00".into()),
                "2026-11-10T00:00:00"
            ),
            Ok("2026-11-10".into())
        );
        assert_eq!(
            date(&Cell::Text("2026-02-30".into()), "2026-02-30"),
            Err("`2026-02-30` is not on the calendar".into())
        );
        assert!(date(&Cell::Text("10/11/2026".into()), "10/11/2026").is_err());
    }

    #[test]
    fn names_are_kebab_case_and_not_keywords() {
        assert!(is_name("line-4"));
        assert!(!is_name("Line 4"));
        assert!(!is_name("practice"));
        assert!(!is_name("line-4 x"));
    }
}
