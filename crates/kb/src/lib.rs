//! The knowledge base and the project's `data/` folder.
//!
//! All language knowledge and reference data live as files under `data/` (one file per
//! language or source). They are embedded into the binary at build time so that armsgraph
//! works anywhere, and can be replaced at run time by a directory (`--data-dir` or the
//! `ARMSGRAPH_DATA` environment variable) — which is also how a new language is added
//! without touching Rust.

pub mod files;

pub use files::{DataError, DataFiles};
