//! `smm catalog`: everything the model knows (built in, plus the workspace's catalogs), as
//! text to read or JSON for programs; with `--coverage`, how far the mappings cover each
//! standard.

use std::io::{self, Write};

use crate::cli::{CatalogArgs, CatalogFormat};
use crate::status::Status;
use crate::workspace_model;
mod changes;
mod coverage;
mod json;
mod markdown;
mod text;

pub fn run(args: &CatalogArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    let model = match workspace_model::model_or_report(args.verbose, err)? {
        Ok(here) => here.model,
        Err(status) => return Ok(status),
    };
    if args.changes {
        // The built-in mapping's own history: the workspace's catalogs play no part.
        out.write_all(changes::render(&smm_model::builtin::model()).as_bytes())?;
        return Ok(Status::default());
    }
    if args.coverage {
        coverage::write(&model, args.format, out)?;
        return Ok(Status::default());
    }
    match args.format {
        CatalogFormat::Text => out.write_all(text::render(&model).as_bytes())?,
        CatalogFormat::Markdown => out.write_all(markdown::render(&model).as_bytes())?,
        CatalogFormat::Json => {
            let document = json::document(&model);
            serde_json::to_writer_pretty(&mut *out, &document)?;
            writeln!(out)?;
        }
    }
    Ok(Status::default())
}
