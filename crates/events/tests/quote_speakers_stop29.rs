//! Quote speakers on unseen-style news (stop 29, issue 12 class 10): verbs of saying in every
//! aspect and tense, `по мнению` sources, offices that speak for their state, a person named
//! again by the title given with the name, a name after a multiword title. Sentences of our
//! own with made-up names.

mod common;

use armsgraph_model::*;
use common::*;
use EntityKind::*;

#[test]
fn a_russian_verb_of_reminding_is_a_cue_in_either_aspect() {
    // `напомнил` (perfective) by its lemma: every tense and aspect of the verb is a cue.
    let text = "Иван Петров напомнил, что переговоры продолжатся в мае.";
    let ex = annotate(with_morphology(
        extraction(
            "doc",
            "ru",
            None,
            text,
            &[m("Иван Петров", "person:ivan-petrov", Person)],
            &[],
        ),
        "Иван/PROPN Петров/PROPN напомнил/VERB/_/напомнить что/SCONJ переговоры/NOUN \
         продолжатся/VERB/_/продолжиться",
    ));
    assert_eq!(
        speakers(&ex, "переговоры продолжатся"),
        vec![Some("person:ivan-petrov")]
    );
}

#[test]
fn po_mneniyu_names_its_source_as_po_slovam_does() {
    let ex = read(
        "ru",
        "По мнению Ивана Петрова, переговоры продолжатся в мае.",
        &[m("Ивана Петрова", "person:ivan-petrov", Person)],
    );
    assert_eq!(
        speakers(&ex, "переговоры продолжатся"),
        vec![Some("person:ivan-petrov")]
    );
}

#[test]
fn a_federal_prosecution_office_speaks_for_its_state() {
    // `Bundesanwaltschaft` is an office of the state, as `Staatsanwaltschaft` is.
    let ex = read(
        "de",
        "Ein Tatverdacht gegen den Mann in Deutschland bestehe nach Angaben der Bundesanwaltschaft nicht mehr.",
        &[m("Deutschland", "DEU", State)],
    );
    assert_eq!(speakers(&ex, "Tatverdacht"), vec![Some("DEU")]);
}

#[test]
fn a_title_alone_is_the_person_introduced_with_it_not_the_last_person_named() {
    // Marta Kovalenko is named last, but `the defence secretary` is the title Ivo Brandt was
    // given.
    let ex = read(
        "en",
        "Defence Secretary Ivo Brandt met Marta Kovalenko in the capital on Monday. \
         \"The ceasefire is over,\" the defence secretary said.",
        &[
            m("Ivo Brandt", "person:ivo-brandt", Person),
            m("Marta Kovalenko", "person:marta-kovalenko", Person),
        ],
    );
    assert_eq!(
        speakers(&ex, "ceasefire is over"),
        vec![Some("person:ivo-brandt")]
    );
}

#[test]
fn a_title_with_a_state_is_the_person_introduced_with_both() {
    // Two presidents named: `президент Франции` is the one given France in his title.
    let ex = read(
        "ru",
        "Президент Франции Иван Петров встретился в Женеве с президентом Германии Марком Соколовым. \
         Президент Франции подчеркнул, что переговоры продолжатся в мае.",
        &[
            m("Франции", "FRA", State),
            m("Иван Петров", "person:ivan-petrov", Person),
            m("Германии", "DEU", State),
            m("Марком Соколовым", "person:mark-sokolov", Person),
            m("Франции", "FRA", State),
        ],
    );
    assert_eq!(
        speakers(&ex, "переговоры продолжатся"),
        vec![Some("person:ivan-petrov")]
    );
}

#[test]
fn a_title_with_another_state_is_not_the_person_introduced() {
    let ex = read(
        "ru",
        "Президент Франции Иван Петров прибыл в Женеву. \
         Президент Германии подчеркнул, что переговоры продолжатся в мае.",
        &[
            m("Франции", "FRA", State),
            m("Иван Петров", "person:ivan-petrov", Person),
            m("Германии", "DEU", State),
        ],
    );
    assert!(speakers(&ex, "переговоры продолжатся")
        .iter()
        .all(|s| *s != Some("person:ivan-petrov")));
}

#[test]
fn the_name_after_a_title_with_of_is_the_speaker() {
    // No mention: `State` ends the title `Assistant Secretary of State`, the name is the two
    // words after it, here and when the surname alone speaks later.
    let ex = read(
        "en",
        "Assistant Secretary of State Ivo Brandt told reporters that the talks would resume in May. \
         The port stays closed, Brandt said on Tuesday.",
        &[],
    );
    assert_eq!(
        speakers(&ex, "talks would resume"),
        vec![Some("person:ivo-brandt")]
    );
    assert_eq!(
        speakers(&ex, "port stays closed"),
        vec![Some("person:ivo-brandt")]
    );
}

#[test]
fn a_konjunktiv_i_sentence_after_a_report_goes_on_with_its_speaker() {
    // `Es gehe …` has no verb of saying: its present subjunctive reports Ivo Brandt's words on.
    let text = "Ivo Brandt sagte, dass die Gespräche weitergehen. Es gehe nicht um Geld.";
    let ex = annotate(with_morphology(
        extraction(
            "doc",
            "de",
            None,
            text,
            &[m("Ivo Brandt", "person:ivo-brandt", Person)],
            &[],
        ),
        "sagte/VERB/Mood=Ind|Tense=Past/sagen weitergehen/VERB/Mood=Ind|Tense=Pres/weitergehen \
         gehe/VERB/Mood=Sub|Tense=Pres/gehen",
    ));
    assert_eq!(
        speakers(&ex, "nicht um Geld"),
        vec![Some("person:ivo-brandt")]
    );
}

#[test]
fn a_konjunktiv_ii_sentence_is_no_report() {
    // `wäre` is a conditional (Konjunktiv II), not reported speech.
    let text = "Ivo Brandt sagte, dass die Gespräche weitergehen. Ohne sie wäre alles verloren.";
    let ex = annotate(with_morphology(
        extraction(
            "doc",
            "de",
            None,
            text,
            &[m("Ivo Brandt", "person:ivo-brandt", Person)],
            &[],
        ),
        "sagte/VERB/Mood=Ind|Tense=Past/sagen weitergehen/VERB/Mood=Ind|Tense=Pres/weitergehen \
         wäre/AUX/Mood=Sub|Tense=Past/sein",
    ));
    assert!(ex
        .quotes
        .iter()
        .all(|q| !q.message_text.contains("alles verloren")));
}

#[test]
fn a_first_person_form_with_no_first_person_in_sight_is_a_konjunktiv_i() {
    // Stop 39: the tagger reads `gehe` as a first person indicative (the forms are the same);
    // with no `ich` in the sentence it is the subjunctive of a report going on.
    let text = "Ivo Brandt sagte, dass die Gespräche weitergehen. Es gehe nicht um Geld.";
    let read = |feats: &str| {
        annotate(with_morphology(
            extraction(
                "doc",
                "de",
                None,
                text,
                &[m("Ivo Brandt", "person:ivo-brandt", Person)],
                &[],
            ),
            &format!(
                "sagte/VERB/Mood=Ind|Tense=Past/sagen weitergehen/VERB/Mood=Ind|Tense=Pres/weitergehen gehe/VERB/{feats}/gehen"
            ),
        ))
    };
    let ex = read("Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin");
    assert_eq!(
        speakers(&ex, "nicht um Geld"),
        vec![Some("person:ivo-brandt")]
    );
    // A third person indicative is no report.
    let ex = read("Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin");
    assert!(ex
        .quotes
        .iter()
        .all(|q| !q.message_text.contains("nicht um Geld")));
    // Nor is a first person with `ich` in the sentence.
    let text_ich = "Ivo Brandt sagte, dass die Gespräche weitergehen. Ich gehe nicht.";
    let ex = annotate(with_morphology(
        extraction(
            "doc",
            "de",
            None,
            text_ich,
            &[m("Ivo Brandt", "person:ivo-brandt", Person)],
            &[],
        ),
        "sagte/VERB/Mood=Ind|Tense=Past/sagen weitergehen/VERB/Mood=Ind|Tense=Pres/weitergehen gehe/VERB/Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin/gehen",
    ));
    assert!(ex
        .quotes
        .iter()
        .all(|q| !q.message_text.contains("Ich gehe nicht")));
}
