//! Refusals, exclusions, blocks and decisions over an act (issue 12, class 3; stop 39), on
//! sentences of our own with made-up states and hand-written parses (lemma in the sixth
//! field): a particle verb of refusal (`lehnt … ab`, `ruled out`) denies the act it governs;
//! a decision enacts an act named as its object and puts one in its complement clause ahead;
//! blocking an act is a rejection, blocking a road a protest.

mod common;

use armsgraph_model::*;
use common::*;
use EntityKind::*;

fn read(lang: &str, text: &str, parse: &str) -> Extraction {
    let mentions = [
        m("Ruritania", "RUR", State),
        m("Ruritanien", "RUR", State),
        m("Borduria", "BOR", State),
        m("Bordurien", "BOR", State),
        m("Protesters", "protesters", Agent),
    ];
    annotate(with_parses(
        extraction("doc", lang, None, text, &mentions, &[]),
        &[("", parse)],
    ))
}

#[test]
fn a_german_separable_refusal_denies_the_delivery_it_governs() {
    let ex = read(
        "de",
        "Ruritanien lehnt die Lieferung von Panzern an Bordurien ab.",
        "Ruritanien/PROPN/2/nsubj lehnt/VERB/0/root/_/lehnen die/DET/4/det Lieferung/NOUN/2/obj/_/Lieferung von/ADP/6/case Panzern/NOUN/4/nmod/_/Panzer an/ADP/8/case Bordurien/PROPN/4/nmod ab/ADP/2/compound:prt ./PUNCT/2/punct",
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(aid.factuality, Factuality::Denied, "{:?}", summaries(&ex));
}

#[test]
fn an_english_delivery_ruled_out_is_denied_also_when_out_hangs_on_the_noun() {
    // The English parser takes `out` for the object's preposition; the particle right after
    // the verb still makes `rule out`.
    let ex = read(
        "en",
        "Ruritania ruled out the delivery of tanks to Borduria.",
        "Ruritania/PROPN/2/nsubj ruled/VERB/0/root/_/rule out/ADP/5/case the/DET/5/det delivery/NOUN/2/obj/_/delivery of/ADP/7/case tanks/NOUN/5/nmod/_/tank to/ADP/9/case Borduria/PROPN/5/nmod ./PUNCT/2/punct",
    );
    assert_eq!(
        of_type(&ex, EventType::Aid).factuality,
        Factuality::Denied,
        "{:?}",
        summaries(&ex)
    );
    // `ruled` alone governs nothing: a ruling is no refusal.
    let ruled = read(
        "en",
        "Ruritania ruled that the delivery of tanks to Borduria was legal.",
        "Ruritania/PROPN/2/nsubj ruled/VERB/0/root/_/rule that/SCONJ/11/mark the/DET/5/det delivery/NOUN/11/nsubj/_/delivery of/ADP/7/case tanks/NOUN/5/nmod/_/tank to/ADP/9/case Borduria/PROPN/5/nmod was/AUX/11/cop legal/ADJ/2/ccomp ./PUNCT/2/punct",
    );
    for e in events_of_type(&ruled, EventType::Aid) {
        assert_ne!(e.factuality, Factuality::Denied, "{:?}", summaries(&ruled));
    }
}

#[test]
fn a_decision_enacts_its_object_and_puts_its_infinitive_ahead() {
    let object = read(
        "en",
        "Ruritania decided sanctions against Borduria.",
        "Ruritania/PROPN/2/nsubj decided/VERB/0/root/_/decide sanctions/NOUN/2/obj/_/sanction against/ADP/5/case Borduria/PROPN/3/nmod ./PUNCT/2/punct",
    );
    assert_eq!(
        of_type(&object, EventType::Sanction).factuality,
        Factuality::Asserted,
        "{:?}",
        summaries(&object)
    );
    let clause = read(
        "en",
        "Ruritania decided to impose sanctions against Borduria.",
        "Ruritania/PROPN/2/nsubj decided/VERB/0/root/_/decide to/PART/4/mark impose/VERB/2/xcomp/_/impose sanctions/NOUN/4/obj/_/sanction against/ADP/7/case Borduria/PROPN/5/nmod ./PUNCT/2/punct",
    );
    assert_eq!(
        of_type(&clause, EventType::Sanction).factuality,
        Factuality::Future,
        "{:?}",
        summaries(&clause)
    );
}

#[test]
fn blocking_aid_is_a_rejection_blocking_a_road_a_protest() {
    let aid = read(
        "en",
        "Ruritania blocked the aid package for Borduria.",
        "Ruritania/PROPN/2/nsubj blocked/VERB/0/root/_/block the/DET/5/det aid/NOUN/5/compound package/NOUN/2/obj/_/package for/ADP/7/case Borduria/PROPN/5/nmod ./PUNCT/2/punct",
    );
    assert_eq!(
        ids(&of_type(&aid, EventType::Reject).actors),
        ["RUR"],
        "{:?}",
        summaries(&aid)
    );
    assert!(
        events_of_type(&aid, EventType::Protest).is_empty(),
        "{:?}",
        summaries(&aid)
    );
    let road = read(
        "en",
        "Protesters blocked the road to the airport.",
        "Protesters/NOUN/2/nsubj blocked/VERB/0/root/_/block the/DET/4/det road/NOUN/2/obj to/ADP/7/case the/DET/7/det airport/NOUN/4/nmod ./PUNCT/2/punct",
    );
    assert!(
        events_of_type(&road, EventType::Reject).is_empty(),
        "{:?}",
        summaries(&road)
    );
    assert!(
        !events_of_type(&road, EventType::Protest).is_empty(),
        "{:?}",
        summaries(&road)
    );
}

#[test]
fn a_german_block_of_a_compound_aid_noun_is_a_rejection() {
    let ex = read(
        "de",
        "Ruritanien blockiert die Militärhilfe für Bordurien.",
        "Ruritanien/PROPN/2/nsubj blockiert/VERB/0/root/_/blockieren die/DET/4/det Militärhilfe/NOUN/2/obj/_/Militärhilfe für/ADP/6/case Bordurien/PROPN/4/nmod ./PUNCT/2/punct",
    );
    assert_eq!(
        ids(&of_type(&ex, EventType::Reject).actors),
        ["RUR"],
        "{:?}",
        summaries(&ex)
    );
    assert!(
        events_of_type(&ex, EventType::Protest).is_empty(),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn the_accused_acts_in_what_it_is_accused_of_and_the_act_is_claimed() {
    // German: `vorwerfen` is a particle verb (`warf … vor`); the accused is its dative.
    let de = read(
        "de",
        "Ruritanien warf Bordurien vor, Truppen angegriffen zu haben.",
        "Ruritanien/PROPN/2/nsubj warf/VERB/0/root/_/werfen Bordurien/PROPN/2/iobj vor/ADP/2/compound:prt ,/PUNCT/7/punct Truppen/NOUN/7/obj/_/Truppe angegriffen/VERB/2/xcomp/_/angreifen zu/PART/7/mark haben/AUX/7/aux ./PUNCT/2/punct",
    );
    let attack = of_type(&de, EventType::Assault);
    assert_eq!(ids(&attack.actors), ["BOR"], "{:?}", summaries(&de));
    assert_eq!(attack.factuality, Factuality::Claimed);
    // The parser's second subject is the accused (`Ruritanien beschuldigte Bordurien, …`
    // with two `nsubj`).
    let two_subjects = read(
        "de",
        "Ruritanien beschuldigte Bordurien, das Dorf angegriffen zu haben.",
        "Ruritanien/PROPN/2/nsubj beschuldigte/VERB/0/root/_/beschuldigen Bordurien/PROPN/2/nsubj ,/PUNCT/7/punct das/DET/6/det Dorf/NOUN/7/obj angegriffen/VERB/2/xcomp/_/angreifen zu/PART/7/mark haben/AUX/7/aux ./PUNCT/2/punct",
    );
    assert_eq!(
        ids(&of_type(&two_subjects, EventType::Assault).actors),
        ["BOR"],
        "{:?}",
        summaries(&two_subjects)
    );
    // Russian: the act is a noun in `в` + locative under the verb of accusation.
    let mentions = [m("Рурития", "RUR", State), m("Бордурию", "BOR", State)];
    let ru = annotate(with_parses(
        extraction(
            "doc",
            "ru",
            None,
            "Рурития обвинила Бордурию в поставках оружия.",
            &mentions,
            &[],
        ),
        &[(
            "",
            "Рурития/PROPN/2/nsubj обвинила/VERB/0/root/_/обвинить Бордурию/PROPN/2/obj в/ADP/5/case поставках/NOUN/2/obl/_/поставка оружия/NOUN/5/nmod/_/оружие ./PUNCT/2/punct",
        )],
    ));
    let aid = of_type(&ru, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["BOR"], "{:?}", summaries(&ru));
    assert_eq!(aid.factuality, Factuality::Claimed);
}

#[test]
fn two_states_exchanging_prisoners_cooperate_with_each_other() {
    let en = read(
        "en",
        "Ruritania and Borduria exchanged prisoners on Sunday.",
        "Ruritania/PROPN/4/nsubj and/CCONJ/3/cc Borduria/PROPN/1/conj exchanged/VERB/0/root/_/exchange prisoners/NOUN/4/obj/_/prisoner on/ADP/7/case Sunday/PROPN/4/obl ./PUNCT/4/punct",
    );
    let e = of_type(&en, EventType::Cooperate);
    assert_eq!(ids(&e.actors), ["RUR"], "{:?}", summaries(&en));
    assert_eq!(ids(&e.recipients), ["BOR"]);
}

#[test]
fn a_rejected_call_was_made_a_refused_delivery_was_not() {
    let ex = read(
        "en",
        "Ruritania rejected Borduria's calls for a ceasefire.",
        "Ruritania/PROPN/2/nsubj rejected/VERB/0/root/_/reject Borduria/PROPN/5/nmod:poss 's/PART/3/case calls/NOUN/2/obj/_/call for/ADP/8/case a/DET/8/det ceasefire/NOUN/5/nmod ./PUNCT/2/punct",
    );
    let request = of_type(&ex, EventType::Request);
    assert_ne!(
        request.factuality,
        Factuality::Denied,
        "{:?}",
        summaries(&ex)
    );
    assert!(!events_of_type(&ex, EventType::Reject).is_empty());
}
