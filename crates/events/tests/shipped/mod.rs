//! The shipped rule files read by integration tests (the unit tests share `common`, which
//! cannot name this crate as `armsgraph_events`).

#![allow(dead_code)]

use crate::common::{extraction, with_morphology, with_parses, M};
use armsgraph_model::Extraction;

/// The rules as shipped, read from the repository's `data/` (not the embedded copy, so a
/// test sees an edited rule file without a rebuild of the binary's data).
pub fn shipped_reader() -> armsgraph_events::EventReader {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    armsgraph_events::EventReader::load(&armsgraph_kb::DataFiles::dir(&data)).expect("rules")
}

/// `text` with hand-written words (see [`with_morphology`]) read by the shipped rules.
pub fn read_shipped(lang: &str, text: &str, mentions: &[M], words: &str) -> Extraction {
    let mut ex = with_morphology(extraction("doc", lang, None, text, mentions, &[]), words);
    shipped_reader().annotate(&mut ex);
    ex
}

/// `text`, one sentence with a hand-written parse (see [`with_parses`]), read by the shipped
/// rules.
pub fn read_parsed_shipped(lang: &str, text: &str, mentions: &[M], parse: &str) -> Extraction {
    let mut ex = with_parses(
        extraction("doc", lang, None, text, mentions, &[]),
        &[("", parse)],
    );
    shipped_reader().annotate(&mut ex);
    ex
}
