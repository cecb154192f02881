//! Any bytes read as `crawl.warc` (and, gzip magic permitting, decompressed): the reader must
//! yield documents or per-item failures, never panic, and always terminate.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for item in armsgraph_ingest::read_upload("crawl.warc", data.to_vec()) {
        let _ = item;
    }
});
