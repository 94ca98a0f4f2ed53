//! The model: what the SMM practices, levels, scopes and roles are, which standards and clauses
//! exist, and how the practices map to clauses. Built once from the built-in catalog files
//! plus the user's catalog files, then shared read-only.

mod build;
pub mod builtin;
pub mod codes;
mod compiled;
pub mod coverage;
mod cycles;
mod editions;
mod embedded;
mod entities;
pub mod history;
mod lookup;
mod mapped;
mod vocabulary;

pub use build::{ModelBuilder, ModelDiagnostic};
pub use codes::ModelCode;
pub use cycles::shown_cycle;
pub use editions::{EditionError, Editions};
pub use entities::*;
pub use lookup::{Entry, Model};
pub use mapped::MappedClause;
pub use vocabulary::{Level, Role, Scope};
