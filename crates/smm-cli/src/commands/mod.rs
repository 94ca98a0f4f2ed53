//! The subcommands that have a folder of their own.

pub mod completions;
pub mod init;
pub mod man;
pub mod new;
