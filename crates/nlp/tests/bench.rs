//! Throughput of the NLP stage (sentences, entities, people, coreference, times) on one
//! core: `cargo test --release -p armsgraph-nlp --test bench -- --ignored --nocapture`.

use std::time::Instant;

use armsgraph_kb::DataFiles;
use armsgraph_model::{Document, Extraction};
use armsgraph_nlp::Reader;

#[test]
#[ignore = "benchmark; run in release"]
fn nlp_sentences_per_second_per_core() {
    let load = Instant::now();
    let reader = Reader::load(&DataFiles::Embedded).expect("data loads");
    let load_time = load.elapsed();
    let raw = include_str!("../../../data/corpus/000_79a71588b356f729.txt");
    let (title, body) = raw.split_once('\n').unwrap_or(("", raw));
    let doc = Document {
        title: Some(title.to_string()),
        text: body.trim().to_string(),
        language: Some("de".into()),
        ..Default::default()
    };
    let rounds = 300;
    let start = Instant::now();
    let mut sentences = 0;
    for _ in 0..rounds {
        let mut ex = Extraction {
            document: doc.clone(),
            ..Default::default()
        };
        reader.annotate(&mut ex);
        sentences += ex.sentences.len();
        assert!(!ex.entities.is_empty());
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "load {:.2}s; {} documents, {} sentences in {:.2}s: {:.0} sentences/s/core, {:.0} documents/s/core",
        load_time.as_secs_f64(),
        rounds,
        sentences,
        secs,
        sentences as f64 / secs,
        rounds as f64 / secs
    );
}
