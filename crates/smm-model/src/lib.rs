//! The model: built-in catalogs and the user overlay.
