//! Stopping a check whose result is no longer wanted: the language server starts a new check
//! at each edit, and the one still running for the edit before is wasted work.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Shared between whoever may cancel and the check. Clones are the same token.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks the check to stop: it skips the items it has not begun, and its `Analysis` is
    /// then incomplete, to be thrown away.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}
