//! `smm catalog --coverage`: for each standard, how many of its requirements a practice maps,
//! how many a mapping leaves unmapped with a reason, and which are neither. The counting is
//! `smm_model::coverage`; this only renders it, as text, JSON or the Markdown of UNMAPPED.md.

use std::io::{self, Write};

use smm_model::coverage::{self, StandardCoverage};
use smm_model::Model;

use crate::cli::CatalogFormat;

mod json;
mod markdown;
mod text;

pub fn write(model: &Model, format: CatalogFormat, out: &mut dyn Write) -> io::Result<()> {
    let standards = coverage::of(model);
    match format {
        CatalogFormat::Text => out.write_all(text::render(&standards).as_bytes()),
        CatalogFormat::Markdown => out.write_all(markdown::render(model, &standards).as_bytes()),
        CatalogFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &json::document(&standards))?;
            writeln!(out)
        }
    }
}

/// What the counts mean, said once for every format.
const RULE: &str = "A requirement is mapped when an edge maps it, or a clause below it (an \
    enhancement or a sub-clause), for a role its standard serves; unmapped when a mapping's \
    `unmapped` line says why no practice maps it; missing when neither.";

/// `78.4`, or `—` when the standard counts no requirement.
fn share(coverage: &StandardCoverage<'_>) -> String {
    coverage
        .mapped_share()
        .map_or("—".to_string(), coverage::percent)
}
