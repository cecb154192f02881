//! Any bytes, decoded like a file, through the full HTML extraction: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(mut raw) = armsgraph_ingest::read_bytes("fuzz.html", data) {
        raw.is_html = true;
        raw.url = Some("https://example.com/2024/05/14/story".to_string());
        let _ = armsgraph_extract::extract(&raw);
    }
});
