//! Stop 27 (issue 12, docs/notes/news-eval.md): German mechanisms that carry to unseen news —
//! the participle of a separable verb read by its stem when the lemmatiser misses it
//! (`an|ge|klagt` read as `anfragen`), the passive auxiliary after a verb-final participle
//! (`ist … gestellt worden`), the idiom `vor Gericht stellen`, and people of the civilians'
//! sector as a protest's protesters. Sentences of our own with made-up states; every word's
//! part of speech and features written by hand, so the reading is tested, not the tagger.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_shipped;
use EntityKind::*;

#[test]
fn a_separable_participle_the_lemmatiser_misread_is_read_by_its_stem() {
    // The lemmatiser's typical error is written in: `angeklagt` → `anfragen`.
    let ex = read_shipped(
        "de",
        "Rudolf Rassendyll wurde in Ruritanien wegen Betrugs angeklagt.",
        &[
            m("Rudolf Rassendyll", "person:rudolf-rassendyll", Person),
            m("Ruritanien", "RUR", State),
        ],
        "Rudolf/PROPN/Case=Nom Rassendyll/PROPN/Case=Nom wurde/AUX/VerbForm=Fin/werden in/ADP Ruritanien/PROPN/Case=Dat wegen/ADP Betrugs/NOUN/Case=Gen angeklagt/VERB/VerbForm=Part/anfragen ./PUNCT",
    );
    let e = of_type(&ex, EventType::Accuse);
    assert_eq!(ids(&e.recipients), ["person:rudolf-rassendyll"]);
}

#[test]
fn an_auxiliary_after_a_final_participle_makes_it_passive() {
    // `ist … vor Gericht gestellt worden`: before stop 27 only an auxiliary before the
    // participle made a passive, and the one put on trial became the actor.
    let ex = read_shipped(
        "de",
        "Rudolf Rassendyll ist in Ruritanien vor Gericht gestellt worden.",
        &[
            m("Rudolf Rassendyll", "person:rudolf-rassendyll", Person),
            m("Ruritanien", "RUR", State),
        ],
        "Rudolf/PROPN/Case=Nom Rassendyll/PROPN/Case=Nom ist/AUX/VerbForm=Fin/sein in/ADP Ruritanien/PROPN/Case=Dat vor/ADP Gericht/NOUN/Case=Dat gestellt/VERB/VerbForm=Part/stellen worden/AUX/VerbForm=Part/werden ./PUNCT",
    );
    let e = of_type(&ex, EventType::Accuse);
    assert_eq!(ids(&e.recipients), ["person:rudolf-rassendyll"]);
    assert!(!ids(&e.actors).contains(&"person:rudolf-rassendyll"));
}

#[test]
fn residents_who_protest_are_protesters() {
    let ex = read_shipped(
        "de",
        "Hunderte Anwohner protestierten am Sonntag in Ruritanien gegen den Flughafen.",
        &[m("Anwohner", "civilians", Agent), m("Ruritanien", "RUR", State)],
        "Hunderte/NUM Anwohner/NOUN/Case=Nom protestierten/VERB/VerbForm=Fin/protestieren am/ADP Sonntag/NOUN/Case=Dat in/ADP Ruritanien/PROPN/Case=Dat gegen/ADP den/DET/Case=Acc Flughafen/NOUN/Case=Acc ./PUNCT",
    );
    let e = of_type(&ex, EventType::Protest);
    assert!(
        ids(&e.actors).iter().all(|a| a.ends_with("protesters")),
        "{:?}",
        ids(&e.actors)
    );
}

#[test]
fn lifting_sanctions_is_a_concession() {
    let ex = read_shipped(
        "de",
        "Ruritanien hat die Sanktionen gegen Graustark aufgehoben.",
        &[m("Ruritanien", "RUR", State), m("Graustark", "GRS", State)],
        "Ruritanien/PROPN/Case=Nom hat/AUX/VerbForm=Fin/haben die/DET/Case=Acc Sanktionen/NOUN/Case=Acc gegen/ADP Graustark/PROPN/Case=Acc aufgehoben/VERB/VerbForm=Part/aufheben ./PUNCT",
    );
    assert!(ex.events.iter().any(|e| e.event_type == EventType::Concede));
    assert!(!ex.events.iter().any(|e| e.event_type == EventType::Retreat));
}

#[test]
fn expecting_something_of_a_state_is_a_request_of_it() {
    let ex = read_shipped(
        "de",
        "Ruritanien erwartet von Graustark eine rasche Lösung.",
        &[m("Ruritanien", "RUR", State), m("Graustark", "GRS", State)],
        "Ruritanien/PROPN/Case=Nom erwartet/VERB/VerbForm=Fin/erwarten von/ADP Graustark/PROPN/Case=Dat eine/DET/Case=Acc rasche/ADJ/Case=Acc Lösung/NOUN/Case=Acc ./PUNCT",
    );
    let e = of_type(&ex, EventType::Request);
    assert_eq!(ids(&e.actors), ["RUR"]);
    assert_eq!(ids(&e.recipients), ["GRS"]);
    // A forecast names no one asked.
    let ex = read_shipped(
        "de",
        "Ruritanien erwartet ein Wachstum der Wirtschaft.",
        &[m("Ruritanien", "RUR", State)],
        "Ruritanien/PROPN/Case=Nom erwartet/VERB/VerbForm=Fin/erwarten ein/DET/Case=Acc Wachstum/NOUN/Case=Acc der/DET/Case=Gen Wirtschaft/NOUN/Case=Gen ./PUNCT",
    );
    assert!(!ex.events.iter().any(|e| e.event_type == EventType::Request));
}

#[test]
fn a_name_apposed_between_commas_is_the_passives_subject() {
    // `Der frühere Präsident Ruritaniens, Rudolf Rassendyll, ist … vor Gericht gestellt
    // worden`: the commas end the clause before the verb, so its subject's apposition stood
    // outside it and the passive had no one acted on.
    let ex = read_shipped(
        "de",
        "Der frühere König, Rudolf Rassendyll, ist in Ruritanien vor Gericht gestellt worden.",
        &[
            m("Rudolf Rassendyll", "person:rudolf-rassendyll", Person),
            m("Ruritanien", "RUR", State),
        ],
        "Der/DET/Case=Nom frühere/ADJ/Case=Nom König/NOUN/Case=Nom ,/PUNCT Rudolf/PROPN/Case=Nom Rassendyll/PROPN/Case=Nom ,/PUNCT ist/AUX/VerbForm=Fin/sein in/ADP Ruritanien/PROPN/Case=Dat vor/ADP Gericht/NOUN/Case=Dat gestellt/VERB/VerbForm=Part/stellen worden/AUX/VerbForm=Part/werden ./PUNCT",
    );
    let e = of_type(&ex, EventType::Accuse);
    assert_eq!(ids(&e.recipients), ["person:rudolf-rassendyll"]);
}
