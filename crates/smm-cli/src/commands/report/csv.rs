//! `--format csv`: every assessment as rows of a spreadsheet, one per piece of evidence, for
//! the people who keep assessments in spreadsheets and for `smm import`, which reads the file
//! back into the same assessments (comments and waivers aside: the CSV does not carry them).
//!
//! - **Rows.** A practice the assessment rates gets one row per piece of evidence, or one row
//!   with the evidence columns empty when it has none; a practice its profile targets but the
//!   assessment does not rate gets one row with the level empty (so the gap shows); a practice
//!   neither rated nor targeted gets none. An assessment with no such practice gets one row
//!   with the practice columns empty, so that it is not lost. Assessment columns repeat on
//!   every row of their assessment, practice columns on every row of their practice.
//! - **Order.** Assessments as the report orders them; within one, the catalog's order of
//!   practices, except that the rated practices keep the order of the file (they fill the
//!   rated practices' places in turn), so that `smm import` writes them back in that order.
//!   Evidence in file order.
//! - **Written and computed columns.** The columns up to `note` hold what the file wrote, so
//!   that the round trip is exact: the role only when the assessment writes one (not its
//!   profile's), the scope only when the practice line writes one, the clauses and `follows`
//!   as written, separated by spaces, `stub` as `yes`. `practice title`, `domain` and
//!   `subdomain` are the catalog's titles; `target`, `gap`, `set by`, `waived` (`yes` when a
//!   waiver in force accepts the practice's finding) and `missing clauses` are the checker's.
//! - **Format.** RFC 4180 (the `csv` crate): a header row, CRLF line ends, fields quoted when
//!   they hold a comma, a quote or a line break; UTF-8 without a byte order mark.
//! - **CSV injection.** A spreadsheet reads a cell that starts with `=`, `+`, `-`, `@`, a tab
//!   or a carriage return as a formula. Every such cell is written with a single quote `'`
//!   before it (OWASP's advice), so that a spreadsheet shows text; so is a cell that starts
//!   with quotes followed by one of those characters, so that `smm import`, which removes one
//!   leading quote from a cell whose quotes are followed by one of them, gives back exactly
//!   what was written (`commands::import::injection`).

use crate::assessed::{Assessed, AssessedPractice, WrittenPractice};
use crate::commands::import::injection::neutralise;

use super::page::Page;

/// The header row, in column order.
const HEADERS: [&str; 25] = [
    "assessment",
    "title",
    "profile",
    "follows",
    "role",
    "date",
    "assessor",
    "description",
    "practice",
    "practice title",
    "domain",
    "subdomain",
    "level",
    "scope",
    "evidence",
    "implements",
    "expires",
    "link",
    "stub",
    "note",
    "target",
    "gap",
    "set by",
    "waived",
    "missing clauses",
];

pub fn render(pages: &[Page]) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut write = |row: &[String]| {
        let cells = row.iter().map(|cell| neutralise(cell));
        // Writing to memory fails only on a bug (a row of another length).
        writer.write_record(cells).expect("a CSV row in memory");
    };
    write(&HEADERS.map(String::from));
    for page in pages {
        for row in rows(&page.assessment) {
            write(&row);
        }
    }
    let bytes = writer.into_inner().expect("CSV in memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 text is UTF-8")
}

/// The rows of one assessment, each as many cells as `HEADERS`.
fn rows(assessment: &Assessed) -> Vec<Vec<String>> {
    let written = &assessment.written;
    let own = [
        assessment.id.clone(),
        assessment.title.clone().unwrap_or_default(),
        assessment.profile.clone().unwrap_or_default(),
        written.follows.join(" "),
        written.role.clone().unwrap_or_default(),
        written.date.clone().unwrap_or_default(),
        assessment.assessor.clone().unwrap_or_default(),
        written.description.clone().unwrap_or_default(),
    ];
    let mut rows = Vec::new();
    for (practice, line) in practices(assessment) {
        let level = line.and_then(|l| l.level).map(|l| l.to_string());
        let scope = line.and_then(|l| l.scope.clone());
        let practice_cells = [
            practice.id.clone(),
            practice.title.clone(),
            practice.domain.title.clone(),
            practice.subdomain.title.clone(),
            level.unwrap_or_default(),
            scope.unwrap_or_default(),
        ];
        let target = practice.target.as_ref();
        let computed = [
            target.map(|t| t.level.to_string()).unwrap_or_default(),
            practice.gap.map(|g| g.to_string()).unwrap_or_default(),
            target.map(|t| t.set_by.clone()).unwrap_or_default(),
            yes(practice.waived.is_some()),
            practice.missing.join(" "),
        ];
        let note = practice.note.clone().unwrap_or_default();
        let mut evidence: Vec<[String; 5]> = practice
            .evidence
            .iter()
            .map(|e| {
                [
                    e.text.clone(),
                    e.implements.join(" "),
                    e.expires.clone().unwrap_or_default(),
                    e.link.clone().unwrap_or_default(),
                    yes(e.stub),
                ]
            })
            .collect();
        if evidence.is_empty() {
            evidence.push(Default::default());
        }
        for e in evidence {
            let mut row = Vec::with_capacity(HEADERS.len());
            row.extend(own.iter().cloned());
            row.extend(practice_cells.iter().cloned());
            row.extend(e);
            row.push(note.clone());
            row.extend(computed.iter().cloned());
            rows.push(row);
        }
    }
    if rows.is_empty() {
        let mut row = own.to_vec();
        row.resize(HEADERS.len(), String::new());
        rows.push(row);
    }
    rows
}

/// The practices that get rows, with their line in the file when the assessment rates them:
/// in the catalog's order, the rated ones taking the rated places in the order of the file.
fn practices(assessment: &Assessed) -> Vec<(&AssessedPractice, Option<&WrittenPractice>)> {
    let line_of = |id: &str| assessment.written.practices.iter().find(|w| w.id == id);
    let mut rated = assessment
        .written
        .practices
        .iter()
        .filter_map(|w| {
            let practice = assessment.practices.iter().find(|p| p.id == w.id)?;
            Some((practice, Some(w)))
        })
        .collect::<Vec<_>>()
        .into_iter();
    assessment
        .practices
        .iter()
        .filter_map(|p| match line_of(&p.id) {
            Some(_) => rated.next(),
            None => p.target.is_some().then_some((p, None)),
        })
        .collect()
}

fn yes(flag: bool) -> String {
    if flag { "yes" } else { "" }.to_string()
}
