//! The model: what the SMM practices, levels, scopes and roles are, which standards and clauses
//! exist, and (later) how they map to each other. Built once from the built-in catalog files
//! plus the user's catalog files, then shared read-only.

mod build;
pub mod builtin;
mod entities;
mod lookup;
mod report;
mod vocabulary;

pub use build::{Elsewhere, ModelBuilder, ModelDiagnostic};
pub use entities::*;
pub use lookup::{Entry, Model};
pub use vocabulary::{Level, Role, Scope};
