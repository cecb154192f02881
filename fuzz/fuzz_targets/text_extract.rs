//! Any text through plain-text extraction (title line, headings, boilerplate): must never
//! panic, and paragraph spans must stay inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let raw = armsgraph_model::RawDocument {
        origin: "fuzz.txt".to_string(),
        body: text.to_string(),
        ..Default::default()
    };
    if let Ok(ex) = armsgraph_extract::extract(&raw) {
        let chars = ex.document.text.chars().count();
        assert!(ex.document.paragraphs.iter().all(|p| p.span.end <= chars));
    }
});
