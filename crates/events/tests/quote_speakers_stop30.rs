//! Quote speakers, stop 30: a news outlet reporting a sentence speaks for it
//! (`quotes::outlet_reports`: `…, сообщает «Интерфакс».`, `Между тем, пишет X, …`, `Die
//! Deutsche Welle berichtet …`, `…, the daily said`); English verbs of urging and vowing as
//! cues (data); a person in an oblique case after a postposed cue is an office's complement,
//! not the speaker. Sentences of our own with made-up people; the outlets are the knowledge
//! base's media organisations (the mechanism reads the base's `media` category).

mod common;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;
use EntityKind::*;

#[test]
fn a_postposed_outlet_reports_a_sentence_with_no_speech_verb_of_its_own() {
    let ex = read(
        "ru",
        "Между тем, сообщает «Интерфакс», число задержанных в городе достигло 40 человек.",
        &[m("Интерфакс", "INTERFAX", Organisation)],
    );
    assert_eq!(speakers(&ex, "число задержанных"), vec![Some("INTERFAX")]);
}

#[test]
fn the_outlet_reports_what_a_named_speaker_said_and_both_are_kept() {
    let ex = read(
        "ru",
        "Министерство обороны Эстляндии заявило, что учения завершены, передает «Интерфакс».",
        &[
            m("Эстляндии", "EST", State),
            m("Интерфакс", "INTERFAX", Organisation),
        ],
    );
    let found = speakers(&ex, "учения завершены");
    assert!(found.contains(&Some("INTERFAX")), "{found:?}");
    assert!(found.iter().any(|s| *s != Some("INTERFAX")), "{found:?}");
}

#[test]
fn an_outlet_opening_the_sentence_reports_it() {
    let ex = read(
        "de",
        "Die Deutsche Welle berichtet von 30 teilnehmenden Staaten.",
        &[m("Deutsche Welle", "DEUTSCHE-WELLE", Organisation)],
    );
    assert_eq!(
        speakers(&ex, "teilnehmenden Staaten"),
        vec![Some("DEUTSCHE-WELLE")]
    );
}

#[test]
fn a_described_outlet_points_back_to_the_last_outlet_named() {
    let ex = read(
        "en",
        "Dagbladet sent a reporter to the region. Its correspondent Lars Eikrem, 41, was wounded near the airport, the daily said.",
        &[
            m("Dagbladet", "DAGBLADET", Organisation),
            m("Lars Eikrem", "person:lars-eikrem", Person),
        ],
    );
    assert_eq!(speakers(&ex, "was wounded"), vec![Some("DAGBLADET")]);
}

#[test]
fn a_verb_of_reporting_without_an_outlet_changes_nothing() {
    // `сообщает` followed by a person is no outlet's report: no quotation is added for it.
    let ex = read(
        "ru",
        "Между тем, сообщает Иван Петров, переговоры продолжатся.",
        &[m("Иван Петров", "person:ivan-petrov", Person)],
    );
    assert!(
        ex.quotes.iter().all(|q| !q.rule.contains("outlet")),
        "{:#?}",
        ex.quotes
    );
}

#[test]
fn english_verbs_of_urging_and_vowing_introduce_what_is_said() {
    // Stop 30 (data): `urged`, `called on`, `vowed` are cues like `said`.
    let ex = read(
        "en",
        "\"Lay down your arms and go home,\" Ivo Brandt urged.",
        &[m("Ivo Brandt", "person:ivo-brandt", Person)],
    );
    assert_eq!(speakers(&ex, "Lay down"), vec![Some("person:ivo-brandt")]);
    let ex = read(
        "en",
        "\"We will answer in kind,\" Marta Kovalenko vowed.",
        &[m("Marta Kovalenko", "person:marta-kovalenko", Person)],
    );
    assert_eq!(
        speakers(&ex, "answer in kind"),
        vec![Some("person:marta-kovalenko")]
    );
}

#[test]
fn a_person_in_the_genitive_after_a_postposed_cue_is_the_office_not_the_speaker() {
    let text = "Переговоры с соседями продолжатся в мае, сообщил пресс-секретарь Ивана Петрова Олег Смирнов.";
    let ex = with_morphology(
        extraction(
            "doc",
            "ru",
            None,
            text,
            &[
                m("Ивана Петрова", "person:ivan-petrov", Person),
                m("Олег Смирнов", "person:oleg-smirnov", Person),
            ],
            &[],
        ),
        "Переговоры/NOUN/Case=Nom с/ADP соседями/NOUN/Case=Ins продолжатся/VERB в/ADP мае/NOUN/Case=Loc ,/PUNCT сообщил/VERB/_/сообщить пресс-секретарь/NOUN/Case=Nom Ивана/PROPN/Case=Gen Петрова/PROPN/Case=Gen Олег/PROPN/Case=Nom Смирнов/PROPN/Case=Nom ./PUNCT",
    );
    let mut ex = ex;
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    assert_eq!(
        speakers(&ex, "продолжатся в мае"),
        vec![Some("person:oleg-smirnov")]
    );
}

#[test]
fn a_name_in_the_genitive_after_a_report_noun_is_the_source() {
    // The name, not the report noun (`Artikel`, read by the recogniser as an organisation).
    let ex = read(
        "de",
        "Laut einem Artikel der Nachrichtenagentur Reuters kamen 300 Menschen bei den Kämpfen ums Leben.",
        &[
            m("Artikel", "org:artikel", Organisation),
            m("Reuters", "REUTERS", Organisation),
        ],
    );
    assert_eq!(speakers(&ex, "300 Menschen"), vec![Some("REUTERS")]);
    let ex = read(
        "de",
        "Nach Angaben des stellvertretenden Gouverneurs Karim Haddad kommen die Gespräche mit den Entführern gut voran.",
        &[m("Karim Haddad", "person:karim-haddad", Person)],
    );
    assert_eq!(
        speakers(&ex, "Gespräche mit den Entführern"),
        vec![Some("person:karim-haddad")]
    );
}

#[test]
fn a_cue_after_an_apposition_with_a_clause_after_it_reports_that_clause() {
    // `…, General Ivo Ban, said Borduria was …`: the comma before `said` closes the
    // subject's apposition; the parse gives `said` a clausal complement after it, so what
    // follows is the report and the general its source, not Borduria.
    let text =
        "The commander of Ruritania, General Ivo Ban, said Borduria was preparing an attack.";
    let mut ex = with_parses(
        extraction(
            "doc",
            "en",
            None,
            text,
            &[
                m("Ruritania", "RUR", State),
                m("Ivo Ban", "person:ivo-ban", Person),
                m("Borduria", "BOR", State),
            ],
            &[],
        ),
        &[("", "The/DET/2/det commander/NOUN/10/nsubj of/ADP/4/case Ruritania/PROPN/2/nmod ,/PUNCT/7/punct General/PROPN/7/compound Ivo/PROPN/2/appos Ban/PROPN/7/flat ,/PUNCT/7/punct said/VERB/0/root/_/say Borduria/PROPN/13/nsubj was/AUX/13/aux preparing/VERB/10/ccomp/_/prepare an/DET/15/det attack/NOUN/13/obj ./PUNCT/10/punct")],
    );
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    assert_eq!(
        speakers(&ex, "preparing an attack"),
        vec![Some("person:ivo-ban")]
    );
}

#[test]
fn a_german_description_of_an_organisation_is_the_one_named_before() {
    // German capitalises every noun, so `der Menschenrechtsorganisation` is a description,
    // not a name: the organisation named before speaks (stop 35).
    let ex = read(
        "de",
        "Die Gruppe Freie Stimme veröffentlichte am Montag einen Bericht über Borduria. Nach Angaben der Menschenrechtsorganisation wurden dort 40 Menschen festgenommen.",
        &[
            m("Freie Stimme", "org:freie-stimme", Organisation),
            m("Borduria", "BOR", State),
        ],
    );
    assert_eq!(
        speakers(&ex, "40 Menschen festgenommen"),
        vec![Some("org:freie-stimme")]
    );
}
