//! The workspace on disk, for callers that read it (the CLI, and the language server for the
//! files it has not opened): finding the root, walking its `.smm` files, reading `smm.toml`,
//! and reading files with clear one-line reasons. The checker itself never calls this; it
//! reads through a `Loader`.

pub mod config;
pub mod confine;
pub mod input;
pub mod walk;
