//! Long documents: every stage is near-linear in the length of the text, and a document
//! that still runs too long is stopped with its reason instead of holding the batch.
//!
//! No assertion here measures time tightly. The long-document test reads a generated text
//! (the seed article repeated with variations, plus pronoun-heavy paragraphs) under a time
//! budget about ten times what it needs in a debug build: before coreference, the event
//! stage and the alerts were made linear, it needed minutes. Figures: docs/notes/robustness.md.

use std::time::Duration;

use armsgraph_kb::DataFiles;
use armsgraph_model::RawDocument;
use armsgraph_pipeline::{Pipeline, PipelineError, ReadOptions};

const SEED: &str = include_str!("../../../data/corpus/000_79a71588b356f729.txt");

/// About `bytes` of news text whose paragraphs are all distinct (extraction drops repeated
/// paragraphs), with a pronoun-heavy paragraph after each copy of the article.
fn long_text(bytes: usize) -> String {
    let paragraphs: Vec<&str> = SEED
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut out = paragraphs.join("\n\n");
    let mut copy = 0;
    while out.len() < bytes {
        copy += 1;
        for p in &paragraphs[1..] {
            out.push_str(&format!("\n\n{p} Meldung {copy}."));
        }
        out.push_str(&format!(
            "\n\nOlaf Scholz traf Annalena Baerbock in Berlin. {} Meldung {copy}.",
            "Er sagte, sie habe es ihm gesagt. Sie meinte, er wisse es. ".repeat(8)
        ));
    }
    out
}

fn raw(body: String) -> RawDocument {
    RawDocument {
        origin: "generated/long.txt".into(),
        body,
        ..Default::default()
    }
}

#[test]
fn a_long_document_reads_within_a_generous_budget() {
    let pipeline = Pipeline::load(&DataFiles::Embedded)
        .expect("pipeline loads")
        .with_time_budget(Some(Duration::from_secs(120)));
    let text = long_text(300_000);
    let opts = ReadOptions {
        published: Some("2024-05-15".into()),
        ..Default::default()
    };
    let ex = pipeline
        .read(&raw(text), &opts)
        .expect("a 300 KB document reads well within the budget");
    // Everything a long document holds is read, not just its beginning.
    let last_pronoun = ex
        .entities
        .iter()
        .filter(|m| m.rule.starts_with("coref:de:pronoun"))
        .map(|m| m.span.start)
        .max()
        .unwrap_or(0);
    assert!(last_pronoun > ex.document.text.chars().count() * 9 / 10);
    assert!(ex.events.len() > 100, "{}", ex.events.len());
}

#[test]
fn a_document_over_its_time_budget_is_stopped_with_the_reason() {
    let pipeline = Pipeline::load(&DataFiles::Embedded)
        .expect("pipeline loads")
        .with_time_budget(Some(Duration::ZERO));
    let err = pipeline
        .read(&raw(SEED.to_string()), &ReadOptions::default())
        .expect_err("no document fits in a zero budget");
    assert!(matches!(err, PipelineError::TimeBudget { .. }), "{err:?}");
    assert!(err.to_string().contains("time budget"), "{err}");
    // Without a budget the same document reads.
    let unlimited = Pipeline::load(&DataFiles::Embedded)
        .expect("pipeline loads")
        .with_time_budget(None);
    assert!(unlimited
        .read(&raw(SEED.to_string()), &ReadOptions::default())
        .is_ok());
}

#[test]
fn a_slow_document_is_stopped_inside_a_stage_not_after_it() {
    let opts = ReadOptions {
        published: Some("2024-05-15".into()),
        ..Default::default()
    };
    let text = long_text(300_000);
    // A budget the cheap first stage fits in with room to spare, and the reading stages of
    // this document (tens of seconds in a debug build) do not.
    let pipeline = Pipeline::load(&DataFiles::Embedded).expect("pipeline loads");
    let started = std::time::Instant::now();
    pipeline
        .extract(&raw(text.clone()), &opts)
        .expect("extracts");
    let budget = started.elapsed() * 2 + Duration::from_millis(500);
    let pipeline = pipeline.with_time_budget(Some(budget));
    let err = pipeline
        .read(&raw(text), &opts)
        .expect_err("the reading stages take longer than the budget");
    let PipelineError::TimeBudget { stage, place, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(matches!(*stage, "nlp" | "events"), "{err}");
    // Stopped by a check inside the stage's sentence loops, which says where.
    assert!(place.contains("sentence") || place.contains("in "), "{err}");
}

#[test]
fn stages_given_a_passed_deadline_stop_and_say_where() {
    use armsgraph_model::{Deadline, Extraction, STOPPED_BY_TIME_BUDGET};
    let files = DataFiles::Embedded;
    let passed = Deadline::after(Duration::ZERO);
    let extractor = armsgraph_extract::Extractor::load(&files).expect("extractor");
    let ex: Extraction = extractor.extract(&raw(SEED.to_string())).expect("extracts");

    let nlp = armsgraph_nlp::Reader::load(&files).expect("nlp");
    let mut stopped = ex.clone();
    nlp.annotate_until(&mut stopped, passed);
    let warning = stopped
        .warnings
        .iter()
        .find(|w| w.code == STOPPED_BY_TIME_BUDGET)
        .expect("a warning says the stage stopped");
    // The first step is the entities (the syntax reads their names, stop 39).
    assert!(warning.message.contains("entities"), "{}", warning.message);
    assert!(stopped.syntax.is_empty() && stopped.entities.is_empty());

    // The same stage without a deadline reads everything; the events stage then stops too.
    let mut read = ex;
    nlp.annotate_until(&mut read, Deadline::NONE);
    assert!(!read.entities.is_empty());
    let events = armsgraph_events::EventReader::load(&files).expect("events");
    let mut partial = read.clone();
    events.annotate_until(&mut partial, passed);
    assert!(partial.events.is_empty());
    assert!(partial
        .warnings
        .iter()
        .any(|w| w.code == STOPPED_BY_TIME_BUDGET && w.message.contains("events")));
    events.annotate_until(&mut read, Deadline::NONE);
    assert!(!read.events.is_empty());
}
