//! Word tokens for entity matching. The word split keys the knowledge base's name index, which
//! is compiled at build time by `armsgraph-kb`, so it lives there; this module re-exports it
//! so that a name is keyed the same way when it is compiled and when it is read.

pub use armsgraph_kb::words::*;
