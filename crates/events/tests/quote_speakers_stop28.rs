//! Quote speakers on unseen-style news (stop 28, issue 12 class 10): a person named in full
//! once and by one part of the name after, a pronoun after a long quotation, a name with a
//! relative clause between it and the cue. Sentences of our own with made-up names.

mod common;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;
use EntityKind::*;

fn read(lang: &str, text: &str, mentions: &[M]) -> Extraction {
    let mut ex = extraction("doc", lang, None, text, mentions, &[]);
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    ex
}

/// The speaker entities of the quotations whose message holds `words`.
fn speakers<'a>(ex: &'a Extraction, words: &str) -> Vec<Option<&'a str>> {
    let found: Vec<Option<&str>> = ex
        .quotes
        .iter()
        .filter(|q| q.message_text.contains(words))
        .map(|q| q.speaker.as_ref().and_then(|s| s.entity.as_deref()))
        .collect();
    assert!(!found.is_empty(), "no quote with {words}: {:#?}", ex.quotes);
    found
}

#[test]
fn a_surname_speaker_is_the_person_named_in_full_before() {
    let ex = read(
        "en",
        "Marta Kovalenko arrived in the capital on Monday. Kovalenko said that the vote would be held in May.",
        &[m("Marta Kovalenko", "person:marta-kovalenko", Person)],
    );
    assert_eq!(
        speakers(&ex, "vote would be held"),
        vec![Some("person:marta-kovalenko")]
    );
}

#[test]
fn a_surname_speaker_takes_a_full_name_the_recogniser_missed() {
    // No mention at all: the capitalised run `Ivo Brandt` earlier is the name.
    let ex = read(
        "en",
        "Ivo Brandt opened the meeting in the capital on Tuesday. Brandt said that the talks would go on until the spring.",
        &[],
    );
    assert_eq!(
        speakers(&ex, "talks would go on"),
        vec![Some("person:ivo-brandt")]
    );
}

#[test]
fn a_word_the_text_also_writes_in_lower_case_is_no_name_part() {
    // `Police` is written in lower case too: not a part of `Police Chief Ivo Brandt`.
    let ex = read(
        "en",
        "Ivo Brandt met the police on Tuesday. Police said that the road would stay closed until the spring.",
        &[],
    );
    assert!(
        speakers(&ex, "road would stay closed")
            .iter()
            .all(|s| *s != Some("person:ivo-brandt")),
        "{:#?}",
        ex.quotes
    );
}

#[test]
fn he_after_a_long_quotation_is_the_speaker_before_it() {
    // The pronoun's quotation opens two sentences after `Brandt said`; its own three sentences
    // do not count against the look-back.
    let ex = read(
        "en",
        "Ivo Brandt opened the meeting on Tuesday. Brandt said that the talks would go on. Later he visited the port. \"We will stay here. The ships are ready. Nobody will leave the harbour,\" he said.",
        &[],
    );
    assert_eq!(
        speakers(&ex, "Nobody will leave"),
        vec![Some("person:ivo-brandt")]
    );
}

#[test]
fn a_relative_clause_between_name_and_cue_keeps_the_cue() {
    let ex = read(
        "en",
        "Ivo Brandt opened the meeting on Tuesday. \"The bridge will be open again before the winter,\" Brandt, who arrived in the city on Monday, said.",
        &[],
    );
    assert_eq!(
        speakers(&ex, "The bridge will be open"),
        vec![Some("person:ivo-brandt")]
    );
}
