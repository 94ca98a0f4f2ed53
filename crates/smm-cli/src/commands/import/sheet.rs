//! A spreadsheet as rows of cells, whatever file it came from: a CSV file (one sheet, named
//! after the file, as a spreadsheet program names it when it opens one) or an .xlsx workbook.
//! Rows and columns keep the numbers the spreadsheet shows, so that problems can be located.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use smm_check::disk::input::io_reason;
use smm_check::Day;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell of a workbook.
    Date(Day),
    Bool(bool),
    /// A cell that holds no usable value, and why (an error value such as `#N/A`, a date
    /// cell off the calendar).
    Invalid(String),
}

impl Cell {
    /// The cell as text, as a spreadsheet shows it; `None` when it is empty or blank.
    pub fn text(&self) -> Option<String> {
        let text = match self {
            Cell::Empty | Cell::Invalid(_) => return None,
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => number(*n),
            Cell::Date(day) => day.to_string(),
            Cell::Bool(true) => "TRUE".to_string(),
            Cell::Bool(false) => "FALSE".to_string(),
        };
        (!text.trim().is_empty()).then_some(text)
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Empty) || matches!(self, Cell::Text(t) if t.trim().is_empty())
    }
}

/// A number as a spreadsheet shows it in a general cell: `3`, not `3.0`.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[derive(Clone, Debug)]
pub struct Row {
    /// 1-based, as the spreadsheet numbers its rows.
    pub number: usize,
    /// By column, from column A.
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }
}

#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Row>,
}

/// Column `index` (0-based) as a spreadsheet names it: `A`, `Z`, `AA`.
pub fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The sheets of `path`: a workbook's (all, or the one `wanted` names), or the one sheet of a
/// CSV file. The error is a reason to show after the file's name.
pub fn read(path: &Path, wanted: Option<&str>) -> Result<Vec<Sheet>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    // A workbook is a zip archive; anything else is read as CSV.
    if bytes.starts_with(b"PK\x03\x04") {
        return workbook(bytes, wanted);
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(
        extension.as_deref(),
        Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
    ) {
        return Err(
            "not an .xlsx workbook (an old .xls or a damaged file?): save it as .xlsx or as CSV UTF-8"
                .into(),
        );
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(wanted) = wanted.filter(|w| *w != name) {
        return Err(format!(
            "a CSV file has one sheet, `{name}`, not `{wanted}`: --sheet is for workbooks"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        "not UTF-8 text: save the sheet as \"CSV UTF-8\" (or as .xlsx) and import that".to_string()
    })?;
    Ok(vec![Sheet {
        rows: csv_rows(&text)?,
        name,
    }])
}

/// RFC 4180 records, numbered as a spreadsheet shows them: the `csv` crate skips blank lines,
/// which a spreadsheet shows as empty rows, so the rows are counted on the text as well.
fn csv_rows(text: &str) -> Result<Vec<Row>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("not CSV: {e}"))?;
        let cells = record
            .iter()
            .map(|field| match field {
                "" => Cell::Empty,
                text => Cell::Text(text.to_string()),
            })
            .collect();
        rows.push(Row {
            number: rows.len() + 1,
            cells,
        });
    }
    let numbers = non_blank_rows(text);
    if numbers.len() == rows.len() {
        for (row, number) in rows.iter_mut().zip(numbers) {
            row.number = number;
        }
    }
    Ok(rows)
}

/// The numbers of the rows that are not blank, counting every line break outside quotes
/// (`\r\n`, `\n` or `\r`) as the end of a row, as spreadsheets do.
fn non_blank_rows(text: &str) -> Vec<usize> {
    let mut numbers = Vec::new();
    let mut row = 1;
    let mut row_empty = true;
    let mut field_start = true;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        match c {
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                if !row_empty {
                    numbers.push(row);
                }
                row += 1;
                row_empty = true;
                field_start = true;
            }
            _ => {
                if row_empty {
                    row_empty = false;
                }
                quoted = c == '"' && field_start;
                field_start = c == ',';
            }
        }
    }
    if !row_empty {
        numbers.push(row);
    }
    numbers
}

fn workbook(bytes: Vec<u8>, wanted: Option<&str>) -> Result<Vec<Sheet>, String> {
    let mut workbook =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("cannot read the workbook: {e}"))?;
    let names = workbook.sheet_names();
    let names: Vec<String> = match wanted {
        None => names,
        Some(wanted) if names.iter().any(|n| n == wanted) => vec![wanted.to_string()],
        Some(wanted) => {
            let hint = match smm_syntax::did_you_mean(wanted, names.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "its sheets are {}",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            return Err(format!("no sheet `{wanted}` in the workbook; {hint}"));
        }
    };
    let mut sheets = Vec::new();
    for name in names {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| format!("sheet `{name}`: cannot read it: {e}"))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| {
                let mut row = vec![Cell::Empty; left as usize];
                row.extend(cells.iter().map(cell));
                Row {
                    number: top as usize + i + 1,
                    cells: row,
                }
            })
            .collect();
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            Cell::Text(text.clone())
        }
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(when) if when.is_datetime() => {
            let (year, month, day, ..) = when.to_ymd_hms_milli();
            match Day::new(year, month, day) {
                Some(day) => Cell::Date(day),
                None => Cell::Invalid(format!(
                    "the date cell holds {year:04}-{month:02}-{day:02}, which is not on the calendar"
                )),
            }
        }
        Data::DateTime(_) => Cell::Invalid("a duration cell, not a date".to_string()),
        Data::Error(e) => Cell::Invalid(format!("the cell holds the error {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = "\u{feff}\na,b\r\n\r\n1,\"x\ny\"\n\n\n2,3\n,,\n\"4\r\n\"\"\"\r5";
        let rows = csv_rows(text).unwrap();
        let numbers: Vec<usize> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 4, 7, 8, 9, 10]);
        assert_eq!(rows[4].cells[0], Cell::Text("4\r\n\"".into()));
        assert_eq!(rows[1].cells[1], Cell::Text("x\ny".into()));
    }

    #[test]
    fn numbers_read_as_a_general_cell_shows_them() {
        assert_eq!(Cell::Number(3.0).text().as_deref(), Some("3"));
        assert_eq!(Cell::Number(2.5).text().as_deref(), Some("2.5"));
        assert_eq!(Cell::Text("  ".into()).text(), None);
    }
}
