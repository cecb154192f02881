//! Short texts (headlines, one-line sentences): the word lists of `data/langid/` must make
//! language identification better than the character detector alone, on the development set
//! (`scripts/langid-bench/short.tsv`, used to choose the decision rule) and on a held-out set
//! written for this test and never tuned on (`tests/data/langid-short-test.tsv`).

use armsgraph_nlp::language::{detect, detect_among, CANDIDATES};

fn cases(path: &str) -> Vec<(String, String)> {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full)
        .unwrap_or_else(|e| panic!("{full}: {e}"))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// (correct with word lists, correct with the detector alone, total)
fn score(cases: &[(String, String)]) -> (usize, usize, usize) {
    let mut with = 0;
    let mut alone = 0;
    for (lang, text) in cases {
        if detect(text).is_some_and(|d| &d.code == lang) {
            with += 1;
        } else {
            eprintln!(
                "wrong: {lang} {text:?} -> {:?}",
                detect(text).map(|d| d.code)
            );
        }
        if detect_among(text, &CANDIDATES).is_some_and(|d| &d.code == lang) {
            alone += 1;
        }
    }
    (with, alone, cases.len())
}

#[test]
fn word_lists_beat_the_detector_alone_on_dev_and_held_out_short_texts() {
    let dev = score(&cases("../../scripts/langid-bench/short.tsv"));
    let test = score(&cases("tests/data/langid-short-test.tsv"));
    eprintln!(
        "dev: {}/{} (detector alone {}); test: {}/{} (alone {})",
        dev.0, dev.2, dev.1, test.0, test.2, test.1
    );
    assert!(dev.0 > dev.1, "dev {dev:?}");
    assert!(test.0 > test.1, "test {test:?}");
}
