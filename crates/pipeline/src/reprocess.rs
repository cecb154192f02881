//! Re-reading stored documents from their kept raw input (`armsgraph reprocess`): after an
//! upgrade, the pipeline runs again on what each document was read from; the store swaps the
//! reading in place (same id) and applies people's corrections to the new reading.
//!
//! Resumable and idempotent through the store's run and progress rows
//! ([`armsgraph_store::raw`]): each document's new reading and its progress row are one
//! transaction, so a killed run continues at the first unfinished document, and a reading
//! equal to the stored one writes nothing but its progress row.

use std::ops::ControlFlow;

use armsgraph_store::raw::{Outcome, Run, RunCounts, Selection};
use armsgraph_store::{Store, StoreError};

use crate::{Pipeline, ReadOptions};

/// One finished document, for a progress display.
#[derive(Debug, Clone, PartialEq)]
pub struct Step<'a> {
    pub document: &'a str,
    pub outcome: Outcome,
    /// Why, for `no_raw` and `failed`.
    pub message: Option<String>,
}

/// What a run did.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub run: Run,
    pub counts: RunCounts,
    /// `false` when `on_step` stopped the run early (it stays open and resumes next time).
    pub finished: bool,
}

/// Re-reads the documents of `selection` (continuing an unfinished run of the same
/// selection). `on_step` is called after each document; returning `Break` stops the run
/// where it is, as a kill would.
pub fn reprocess(
    pipeline: &Pipeline,
    store: &mut Store,
    selection: &Selection,
    mut on_step: impl FnMut(&Run, usize, &Step<'_>) -> ControlFlow<()>,
) -> Result<Report, StoreError> {
    let run = store.reprocess_start(selection)?;
    let mut finished = true;
    for (i, doc) in run.pending.iter().enumerate() {
        let step = match store.raw_document(doc) {
            Ok(None) => {
                let message = "cannot reprocess: no raw bytes (stored before raw input was kept)";
                store.reprocess_skip(run.id, doc, Outcome::NoRaw, message)?;
                Step {
                    document: doc,
                    outcome: Outcome::NoRaw,
                    message: Some(message.to_string()),
                }
            }
            Err(e) => {
                let message = format!("cannot reprocess: {e}");
                store.reprocess_skip(run.id, doc, Outcome::Failed, &message)?;
                Step {
                    document: doc,
                    outcome: Outcome::Failed,
                    message: Some(message),
                }
            }
            Ok(Some(stored)) => {
                let opts = ReadOptions {
                    published: stored.published.clone(),
                    language: stored.language.clone(),
                };
                match pipeline.read(&stored.raw, &opts) {
                    Ok(ex) => Step {
                        document: doc,
                        outcome: store.replace_reading(run.id, doc, &ex)?,
                        message: None,
                    },
                    Err(e) => {
                        let message = format!("cannot reprocess: {e}");
                        store.reprocess_skip(run.id, doc, Outcome::Failed, &message)?;
                        Step {
                            document: doc,
                            outcome: Outcome::Failed,
                            message: Some(message),
                        }
                    }
                }
            }
        };
        if on_step(&run, run.done + i + 1, &step).is_break() {
            finished = false;
            break;
        }
    }
    let counts = if finished {
        store.reprocess_finish(run.id)?
    } else {
        store.reprocess_counts(run.id)?
    };
    Ok(Report {
        run,
        counts,
        finished,
    })
}
