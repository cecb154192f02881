//! Evaluation harnesses: each module scores one stage on one public gold set, exactly as that
//! set's authors define the metric, and returns a plain report the CLI prints.
pub mod actors;
pub mod events;
pub mod extraction;
pub mod metrics;
pub mod ner;
pub mod news;
pub mod quotes;
pub mod syntax;
