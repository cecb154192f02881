//! Claims of responsibility (issue 12, stop 36), on sentences of our own with made-up states
//! and groups: the claimant is the author of the act claimed, the act is `claimed`, and a
//! claim naming no target takes the target of the act reported before it. Words of taking
//! responsibility are claims only for an act of violence.

mod common;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;
use EntityKind::*;

/// The one ASSAULT whose actors are `actor`.
fn claim_by<'e>(ex: &'e Extraction, actor: &str) -> &'e Event {
    events_of_type(ex, EventType::Assault)
        .into_iter()
        .find(|e| ids(&e.actors) == [actor])
        .unwrap_or_else(|| panic!("no assault by {actor}: {:?}", summaries(ex)))
}

#[test]
fn an_english_claim_takes_the_target_of_the_attack_reported_before() {
    let ex = read(
        "en",
        "Gunmen attacked Ruritania on Monday. The Bordurian Front claimed responsibility.",
        &[
            m("Ruritania", "RUR", State),
            m("Bordurian Front", "group:bordurian-front", Organisation),
        ],
    );
    let claim = claim_by(&ex, "group:bordurian-front");
    assert_eq!(claim.factuality, Factuality::Claimed);
    assert_eq!(ids(&claim.recipients), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn a_german_claim_with_the_subject_after_the_verb() {
    let ex = read(
        "de",
        "Zu dem Anschlag auf Ruritanien bekannte sich die Bordurische Front.",
        &[
            m("Ruritanien", "RUR", State),
            m("Bordurische Front", "group:bordurian-front", Organisation),
        ],
    );
    let claim = claim_by(&ex, "group:bordurian-front");
    assert_eq!(claim.factuality, Factuality::Claimed);
    assert_eq!(ids(&claim.recipients), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn a_russian_claim_with_the_responsibility_first() {
    // The subject after the verb is read by its case (the tagger's `Case=Nom`).
    let text = "Ответственность за теракт взял на себя Бордурский фронт.";
    let mut ex = with_morphology(
        extraction(
            "doc",
            "ru",
            None,
            text,
            &[m("Бордурский фронт", "group:bordurian-front", Organisation)],
            &[],
        ),
        "Ответственность/NOUN/Case=Acc|Gender=Fem|Number=Sing/ответственность за/ADP/_/за теракт/NOUN/Case=Acc|Gender=Masc|Number=Sing/теракт взял/VERB/Gender=Masc|Number=Sing|Tense=Past|VerbForm=Fin/взять на/ADP/_/на себя/PRON/Case=Acc|Reflex=Yes/себя Бордурский/ADJ/Case=Nom|Gender=Masc|Number=Sing/бордурский фронт/NOUN/Case=Nom|Gender=Masc|Number=Sing/фронт ./PUNCT/_/.",
    );
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    let claim = claim_by(&ex, "group:bordurian-front");
    assert_eq!(claim.factuality, Factuality::Claimed);
}

#[test]
fn a_french_claim_in_the_passive_names_its_author_by_par() {
    let ex = read(
        "fr",
        "L'attentat a été revendiqué par le Front bordurien.",
        &[m("Front bordurien", "group:bordurian-front", Organisation)],
    );
    let claim = claim_by(&ex, "group:bordurian-front");
    assert_eq!(claim.factuality, Factuality::Claimed);
}

#[test]
fn taking_responsibility_for_a_defeat_is_no_attack() {
    let en = read(
        "en",
        "The Ruritanian minister took responsibility for the defeat.",
        &[m("Ruritanian", "RUR", State)],
    );
    assert!(
        events_of_type(&en, EventType::Assault).is_empty(),
        "{:?}",
        summaries(&en)
    );
    let de = read(
        "de",
        "Der ruritanische Minister übernahm die Verantwortung für die Niederlage.",
        &[m("ruritanische", "RUR", State)],
    );
    assert!(
        events_of_type(&de, EventType::Assault).is_empty(),
        "{:?}",
        summaries(&de)
    );
}

#[test]
fn a_claim_never_takes_the_claimant_as_its_target() {
    let ex = read(
        "en",
        "Ruritania shelled the Bordurian Front. The Bordurian Front claimed responsibility for a bombing.",
        &[
            m("Ruritania", "RUR", State),
            m("Bordurian Front", "group:bordurian-front", Organisation),
        ],
    );
    let claim = claim_by(&ex, "group:bordurian-front");
    assert!(
        !ids(&claim.recipients).contains(&"group:bordurian-front"),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn a_claim_takes_no_target_of_an_attack_another_named_party_made() {
    let ex = read(
        "en",
        "Ruritania shelled Zembla on Monday. The Bordurian Front claimed responsibility.",
        &[
            m("Ruritania", "RUR", State),
            m("Zembla", "ZEM", State),
            m("Bordurian Front", "group:bordurian-front", Organisation),
        ],
    );
    let claim = claim_by(&ex, "group:bordurian-front");
    assert!(claim.recipients.is_empty(), "{:?}", summaries(&ex));
}
