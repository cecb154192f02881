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
    // The entity stage alone (mentions, people, coreference, actors) on the same sentences.
    let mut ex = Extraction {
        document: doc.clone(),
        ..Default::default()
    };
    reader.annotate(&mut ex);
    let entity_start = Instant::now();
    for _ in 0..rounds {
        let found = reader.read_entities(&ex.document, &ex.sentences, "de");
        assert!(!found.mentions.is_empty());
    }
    let entity_secs = entity_start.elapsed().as_secs_f64();
    for lang in ["de", "en", "ru", "fr", "uk", "es"] {
        println!(
            "{lang}: {} lookup keys",
            reader.gazetteer().form_count(lang)
        );
    }
    println!(
        "entities only: {:.0} sentences/s/core",
        (rounds * ex.sentences.len()) as f64 / entity_secs
    );
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
