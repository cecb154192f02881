//! Stop 45, on sentences of our own with made-up states and hand-written parses: a ban on
//! trade is an embargo (SANCTION), not a restriction of civil liberties (COERCE), in English
//! and German; storming a building is an assault; an ambassador recalled from a state names
//! that state as the sanction's recipient; a pledge of aid is the pledger's aid to come.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_parsed_shipped;
use EntityKind::*;

fn no_coerce(ex: &Extraction) {
    assert!(
        !ex.events.iter().any(|e| e.event_type == EventType::Coerce),
        "{:?}",
        summaries(ex)
    );
}

#[test]
fn a_ban_on_imports_is_a_sanction() {
    let parties = [m("Ruritania", "RUR", State), m("Borduria", "BOR", State)];
    let ex = read_parsed_shipped(
        "en",
        "Ruritania banned imports from Borduria.",
        &parties,
        "Ruritania/PROPN/2/nsubj banned/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/ban imports/NOUN/2/obj/Number=Plur/import from/ADP/5/case Borduria/PROPN/3/nmod ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["BOR"], "{:?}", summaries(&ex));
    no_coerce(&ex);

    let ex = read_parsed_shipped(
        "en",
        "Ruritania imposed a ban on imports from Borduria.",
        &parties,
        "Ruritania/PROPN/2/nsubj imposed/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/impose a/DET/4/det ban/NOUN/2/obj/Number=Sing/ban on/ADP/6/case imports/NOUN/4/nmod/Number=Plur/import from/ADP/8/case Borduria/PROPN/6/nmod ./PUNCT/2/punct",
    );
    of_type(&ex, EventType::Sanction);
    no_coerce(&ex);

    let parties = [m("Ruritanien", "RUR", State), m("Bordurien", "BOR", State)];
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien verbot die Einfuhr von Öl aus Bordurien.",
        &parties,
        "Ruritanien/PROPN/2/nsubj/Case=Nom verbot/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/verbieten die/DET/4/det/Case=Acc Einfuhr/NOUN/2/obj/Case=Acc|Number=Sing/Einfuhr von/ADP/6/case/_/von Öl/NOUN/4/nmod/Case=Dat/Öl aus/ADP/8/case/_/aus Bordurien/PROPN/4/nmod/Case=Dat ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    no_coerce(&ex);

    let ex = read_parsed_shipped(
        "de",
        "Ruritanien verhängte ein Einfuhrverbot gegen Bordurien.",
        &parties,
        "Ruritanien/PROPN/2/nsubj/Case=Nom verhängte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/verhängen ein/DET/4/det/Case=Acc Einfuhrverbot/NOUN/2/obj/Case=Acc|Number=Sing/Einfuhrverbot gegen/ADP/6/case/_/gegen Bordurien/PROPN/4/nmod/Case=Acc ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["BOR"], "{:?}", summaries(&ex));
    no_coerce(&ex);
}

#[test]
fn storming_is_an_assault_and_a_recalled_ambassador_names_the_state() {
    let parties = [m("Ruritanian", "RUR", State), m("Borduria", "BOR", State)];
    let ex = read_parsed_shipped(
        "en",
        "Ruritanian troops stormed the village in Borduria.",
        &parties,
        "Ruritanian/ADJ/2/amod troops/NOUN/3/nsubj/Number=Plur/troops stormed/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/storm the/DET/5/det village/NOUN/3/obj/Number=Sing/village in/ADP/7/case Borduria/PROPN/5/nmod ./PUNCT/3/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));

    let parties = [m("Ruritania", "RUR", State), m("Borduria", "BOR", State)];
    let ex = read_parsed_shipped(
        "en",
        "Ruritania recalled its ambassador from Borduria.",
        &parties,
        "Ruritania/PROPN/2/nsubj recalled/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/recall its/PRON/4/nmod:poss/Person=3|Poss=Yes|PronType=Prs ambassador/NOUN/2/obj/Number=Sing/ambassador from/ADP/6/case Borduria/PROPN/2/obl ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["BOR"], "{:?}", summaries(&ex));
}

#[test]
fn pledged_aid_is_the_pledgers_aid_to_come() {
    let parties = [m("Ruritania", "RUR", State), m("Borduria", "BOR", State)];
    let ex = read_parsed_shipped(
        "en",
        "Ruritania pledged more military aid to Borduria.",
        &parties,
        "Ruritania/PROPN/2/nsubj pledged/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/pledge more/ADJ/5/amod military/ADJ/5/amod aid/NOUN/2/obj/Number=Sing/aid to/ADP/7/case Borduria/PROPN/2/obl ./PUNCT/2/punct",
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(aid.factuality, Factuality::Future, "{:?}", summaries(&ex));

    let ex = read_parsed_shipped(
        "ru",
        "Руритания пообещала Бордурии военную помощь.",
        &[m("Руритания", "RUR", State), m("Бордурии", "BOR", State)],
        "Руритания/PROPN/2/nsubj/Case=Nom пообещала/VERB/0/root/Aspect=Perf|Tense=Past|VerbForm=Fin/пообещать Бордурии/PROPN/2/iobj/Case=Dat/Бордурия военную/ADJ/5/amod/Case=Acc помощь/NOUN/2/obj/Case=Acc|Number=Sing/помощь ./PUNCT/2/punct",
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&aid.recipients), ["BOR"], "{:?}", summaries(&ex));
}
