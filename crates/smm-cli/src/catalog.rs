//! `smm catalog`: everything the model knows (built in, plus the workspace's catalogs), as
//! text to read or JSON for programs.

use std::io::{self, Write};

use crate::cli::{CatalogArgs, CatalogFormat};
use crate::status::Status;
use crate::workspace_model::WorkspaceModel;
use crate::{catalog_json, catalog_text};

pub fn run(args: &CatalogArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    let model = match WorkspaceModel::for_current_dir() {
        Ok(workspace) => workspace.model,
        Err(message) => {
            writeln!(err, "error: {message}")?;
            return Ok(Status {
                failures: 1,
                ..Status::default()
            });
        }
    };
    match args.format {
        CatalogFormat::Text => out.write_all(catalog_text::render(&model).as_bytes())?,
        CatalogFormat::Json => {
            let document = catalog_json::document(&model);
            serde_json::to_writer_pretty(&mut *out, &document)?;
            writeln!(out)?;
        }
    }
    Ok(Status::default())
}
