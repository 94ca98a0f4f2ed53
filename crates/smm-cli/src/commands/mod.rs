//! One folder per subcommand.

pub mod catalog;
pub mod check;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod fix;
pub mod fmt;
pub mod import;
pub mod init;
pub mod lsp;
pub mod man;
pub mod new;
pub mod report;
