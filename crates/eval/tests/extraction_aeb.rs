//! The extractor against the article-extraction-benchmark, with the benchmark's own metric.
//! The six pages in `data/corpus/aeb` always run; the full benchmark runs when
//! `<repo>/../shared/data/article-extraction-benchmark` exists (else the test says so and
//! passes).

use std::path::Path;

use armsgraph_eval::extraction::{default_benchmark_dir, evaluate_extractor, load_benchmark};
use armsgraph_extract::Extractor;
use armsgraph_kb::DataFiles;

fn extractor() -> Extractor {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    Extractor::load(&DataFiles::dir(data)).expect("data files load")
}

#[test]
fn bundled_benchmark_pages_score_high() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus/aeb");
    let pages = load_benchmark(&dir, None).expect("bundled pages load");
    assert_eq!(pages.len(), 6);
    let report = evaluate_extractor(&pages, &extractor());
    let s = report.summary;
    assert!(report.pages.iter().all(|p| p.error.is_none()));
    // Measured 0.9912 (precision 0.984, recall 0.999) when written.
    assert!(
        s.f1 > 0.97,
        "F1 {:.4} (P {:.4} R {:.4})",
        s.f1,
        s.precision,
        s.recall
    );
}

#[test]
fn full_benchmark_when_available() {
    let Some(dir) = default_benchmark_dir() else {
        println!("skipped: ../shared/data/article-extraction-benchmark not found next to the repo");
        return;
    };
    let pages = load_benchmark(&dir, None).expect("benchmark loads");
    let report = evaluate_extractor(&pages, &extractor());
    let s = report.summary;
    println!(
        "f1={:.4} precision={:.4} recall={:.4} docs={}",
        s.f1, s.precision, s.recall, s.docs
    );
    assert_eq!(s.docs, 181);
    // Measured 0.9764 with the native engine (0.9758 combined); published best open
    // extractor (rs-trafilatura) 0.970. Since stop 21 the headline leads our text and AEB's
    // gold leaves it out, so a leading headline line is not scored (for every engine):
    // 0.9772, and 0.9665 scored whole (`report.raw`).
    assert!(s.f1 >= 0.97, "F1 fell to {:.4}", s.f1);
}
