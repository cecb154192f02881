//! Quote speakers on unseen-style news (stop 28, issue 12 class 10): a person named in full
//! once and by one part of the name after, a pronoun after a long quotation, a name with a
//! relative clause between it and the cue. Sentences of our own with made-up names.

mod common;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;
use EntityKind::*;

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

#[test]
fn typewriter_single_quotes_with_a_cue_are_a_quotation() {
    let ex = read(
        "en",
        "'We will not leave the square until the vote is counted again,' opposition leader Ivo Brandt told reporters.",
        &[m("Ivo Brandt", "person:ivo-brandt", Person)],
    );
    assert_eq!(
        speakers(&ex, "We will not leave the square"),
        vec![Some("person:ivo-brandt")]
    );
}

#[test]
fn typewriter_single_quotes_without_a_cue_and_apostrophes_are_no_quotation() {
    let ex = read(
        "en",
        "The soldiers' families waited outside. It wasn't clear when the 'new rules for the border crossing at the river' would apply.",
        &[],
    );
    assert!(ex.quotes.is_empty(), "{:#?}", ex.quotes);
}

#[test]
fn the_one_quoted_as_saying_speaks_not_the_outlet() {
    let ex = read(
        "en",
        "\"The border will stay closed for another month,\" the Daily Courier quoted army chief Ivo Brandt as saying.",
        &[m("Ivo Brandt", "person:ivo-brandt", Person)],
    );
    assert_eq!(
        speakers(&ex, "The border will stay closed"),
        vec![Some("person:ivo-brandt")]
    );
    // A name the recogniser missed: the id it gives unknown people.
    let ex = read(
        "en",
        "\"The border will stay closed for another month,\" the newspaper quoted army chief Tomas Verhoef as saying.",
        &[],
    );
    assert_eq!(
        speakers(&ex, "The border will stay closed"),
        vec![Some("person:tomas-verhoef")]
    );
}

#[test]
fn a_speech_form_the_tagger_reads_as_a_noun_is_no_cue() {
    // `states` is in the list of speech forms; here it is a noun.
    let ex = with_morphology(
        extraction(
            "doc",
            "en",
            None,
            "The ministry sold arms to several Gulf states that fear the rebels.",
            &[],
            &[],
        ),
        "The/DET ministry/NOUN sold/VERB arms/NOUN to/ADP several/ADJ Gulf/PROPN states/NOUN that/PRON fear/VERB the/DET rebels/NOUN",
    );
    let mut ex = ex;
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    assert!(
        ex.quotes
            .iter()
            .all(|q| q.cue_text.as_deref() != Some("states")),
        "{:#?}",
        ex.quotes
    );
}
