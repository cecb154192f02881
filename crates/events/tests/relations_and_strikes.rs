//! Stop 43, on sentences of our own with made-up states and an organisation, and hand-written
//! parses shaped like the ones our parsers give: leaving an organisation breaks relations with
//! it (SANCTION), leaving a room does not; what hits a place is a strike when a projectile is
//! the subject of German `treffen`, a meeting when a person is; an event noun that is another
//! verb's object (the parse says so whatever case the tagger gave) has no author in that
//! verb's subject; a supply noun's dative is its recipient; a trigger of several words is
//! read at its head (`military exercises`); a refusal that holds its negation (`will not
//! accept`) is neither denied nor future; continuing an act (`verlängerte die Sanktionen`,
//! `ввёл`, lemmatised with `ё`) keeps its author; recalling an envoy is a sanction in German;
//! a place right after what an attack hits (`struck targets in …`) gives its target; violating
//! a ceasefire is a use of force (CAMEO 196), by the accused where someone is accused of it.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_parsed_shipped;
use EntityKind::*;

fn parties() -> Vec<M<'static>> {
    vec![
        m("Ruritania", "RUR", State),
        m("Ruritanien", "RUR", State),
        m("Руритания", "RUR", State),
        m("Руритании", "RUR", State),
        m("Borduria", "BOR", State),
        m("Bordurien", "BOR", State),
        m("Бордурия", "BOR", State),
        m("Бордурии", "BOR", State),
        m("Northern Pact", "PACT", Organisation),
        m("Nordpakt", "PACT", Organisation),
        m("Северного пакта", "PACT", Organisation),
    ]
}

#[test]
fn leaving_an_organisation_is_a_break_of_relations_with_it() {
    let ex = read_parsed_shipped(
        "en",
        "Ruritania will leave the Northern Pact.",
        &parties(),
        "Ruritania/PROPN/3/nsubj will/AUX/3/aux leave/VERB/0/root/VerbForm=Inf/leave the/DET/6/det Northern/PROPN/6/compound Pact/PROPN/3/obj ./PUNCT/3/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["PACT"], "{:?}", summaries(&ex));
    assert_eq!(sanction.factuality, Factuality::Future);

    // Leaving a place or a meeting is no break of relations.
    let ex = read_parsed_shipped(
        "en",
        "The Ruritanian minister left the meeting in Borduria.",
        &[
            m("Ruritanian", "RUR", State),
            m("Borduria", "BOR", State),
        ],
        "The/DET/3/det Ruritanian/ADJ/3/amod minister/NOUN/4/nsubj left/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/leave the/DET/6/det meeting/NOUN/4/obj in/ADP/8/case Borduria/PROPN/6/nmod ./PUNCT/4/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Sanction).is_empty(),
        "{:?}",
        summaries(&ex)
    );

    let ex = read_parsed_shipped(
        "de",
        "Ruritanien wird den Nordpakt verlassen.",
        &parties(),
        "Ruritanien/PROPN/5/nsubj/Case=Nom wird/AUX/5/aux/Mood=Ind|Tense=Pres|VerbForm=Fin/werden den/DET/4/det/Case=Acc Nordpakt/PROPN/5/obj/Case=Acc verlassen/VERB/0/root/VerbForm=Inf/verlassen ./PUNCT/5/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["PACT"], "{:?}", summaries(&ex));

    let ex = read_parsed_shipped(
        "ru",
        "Руритания вышла из Северного пакта.",
        &parties(),
        "Руритания/PROPN/2/nsubj/Case=Nom вышла/VERB/0/root/Aspect=Perf|Mood=Ind|Tense=Past|VerbForm=Fin/выйти из/ADP/5/case Северного/ADJ/5/amod/Case=Gen пакта/NOUN/2/obl/Case=Gen/пакт ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["PACT"], "{:?}", summaries(&ex));
}

#[test]
fn a_projectile_that_hits_a_place_strikes_it_and_a_person_meets() {
    let ex = read_parsed_shipped(
        "de",
        "Ruritanische Drohnen trafen Bordurien in der Nacht.",
        &[
            m("Ruritanische", "RUR", State),
            m("Bordurien", "BOR", State),
        ],
        "Ruritanische/ADJ/2/amod/Case=Nom Drohnen/NOUN/3/nsubj/Case=Nom|Number=Plur/Drohne trafen/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/treffen Bordurien/PROPN/3/obj/Case=Acc in/ADP/7/case der/DET/7/det/Case=Dat Nacht/NOUN/3/obl/Case=Dat ./PUNCT/3/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&assault.recipients), ["BOR"], "{:?}", summaries(&ex));
    assert!(events_of_type(&ex, EventType::Consult).is_empty());

    let ex = read_parsed_shipped(
        "de",
        "Ruritanien traf Bordurien in der Hauptstadt.",
        &parties(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom traf/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/treffen Bordurien/PROPN/2/obj/Case=Acc in/ADP/6/case der/DET/6/det/Case=Dat Hauptstadt/NOUN/2/obl/Case=Dat ./PUNCT/2/punct",
    );
    of_type(&ex, EventType::Consult);
    assert!(
        events_of_type(&ex, EventType::Assault).is_empty(),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn an_accusation_rejected_is_not_made_by_who_rejects_it() {
    // The tagger calls `Vorwürfe` a nominative; the parse makes it the object of `wies zurück`.
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien wies die Vorwürfe zurück.",
        &parties(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom wies/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/weisen die/DET/4/det/Case=Nom Vorwürfe/NOUN/2/obj/Case=Nom|Number=Plur/Vorwurf zurück/ADV/2/compound:prt ./PUNCT/2/punct",
    );
    of_type(&ex, EventType::Reject);
    assert!(
        events_of_type(&ex, EventType::Accuse)
            .iter()
            .all(|e| !ids(&e.actors).contains(&"RUR")),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn a_supply_condemned_is_not_the_condemners_and_keeps_its_dative_recipient() {
    let ex = read_parsed_shipped(
        "ru",
        "Бордурия осудила поставки оружия Руритании.",
        &parties(),
        "Бордурия/PROPN/2/nsubj/Case=Nom осудила/VERB/0/root/Aspect=Perf|Mood=Ind|Tense=Past|VerbForm=Fin/осудить поставки/NOUN/2/obj/Case=Gen|Number=Sing/поставка оружия/NOUN/3/nmod/Case=Gen/оружие Руритании/PROPN/3/nmod/Case=Dat ./PUNCT/2/punct",
    );
    let aid = of_type(&ex, EventType::Aid);
    assert!(aid.actors.is_empty(), "{:?}", summaries(&ex));
    assert_eq!(ids(&aid.recipients), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn a_trigger_of_several_words_is_read_at_its_head() {
    // `military` is an adjective; the act is the object noun `exercises` of `held`.
    let ex = read_parsed_shipped(
        "en",
        "Ruritania held military exercises near Borduria.",
        &parties(),
        "Ruritania/PROPN/2/nsubj held/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/hold military/ADJ/4/amod exercises/NOUN/2/obj/Number=Plur/exercise near/ADP/6/case Borduria/PROPN/4/nmod ./PUNCT/2/punct",
    );
    let mobilize = of_type(&ex, EventType::Mobilize);
    assert_eq!(ids(&mobilize.actors), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn a_refusal_that_holds_its_negation_is_neither_denied_nor_to_come() {
    let ex = read_parsed_shipped(
        "en",
        "Ruritania will not accept any limits on its army.",
        &parties(),
        "Ruritania/PROPN/4/nsubj will/AUX/4/aux not/PART/4/advmod accept/VERB/0/root/VerbForm=Inf/accept any/DET/6/det limits/NOUN/4/obj/Number=Plur/limit on/ADP/9/case its/PRON/9/nmod:poss army/NOUN/6/nmod ./PUNCT/4/punct",
    );
    let reject = of_type(&ex, EventType::Reject);
    assert_eq!(ids(&reject.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(
        reject.factuality,
        Factuality::Asserted,
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn continuing_an_act_keeps_its_author() {
    let ex = read_parsed_shipped(
        "de",
        "Bordurien verlängerte die Sanktionen gegen Ruritanien.",
        &parties(),
        "Bordurien/PROPN/2/nsubj/Case=Nom verlängerte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/verlängern die/DET/4/det/Case=Nom Sanktionen/NOUN/2/obj/Case=Nom|Number=Plur/Sanktion gegen/ADP/6/case Ruritanien/PROPN/4/nmod/Case=Acc ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["RUR"], "{:?}", summaries(&ex));

    // The lemmatiser keeps `ё` (`ввёсти`); the support verb is `ввести`.
    let ex = read_parsed_shipped(
        "ru",
        "Бордурия ввёл санкции против Руритании.",
        &parties(),
        "Бордурия/PROPN/2/nsubj/Case=Nom ввёл/VERB/0/root/Aspect=Perf|Mood=Ind|Tense=Past|VerbForm=Fin/ввёсти санкции/NOUN/2/obj/Case=Nom|Number=Plur/санкция против/ADP/5/case Руритании/PROPN/3/nmod/Case=Gen ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn recalling_an_ambassador_is_a_sanction_in_german() {
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien rief seinen Botschafter aus Bordurien zurück.",
        &parties(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom rief/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/rufen seinen/DET/4/det/Case=Acc|Poss=Yes Botschafter/NOUN/2/obj/Case=Acc/Botschafter aus/ADP/6/case Bordurien/PROPN/2/obl/Case=Dat zurück/ADV/2/compound:prt ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["BOR"], "{:?}", summaries(&ex));
}

#[test]
fn a_place_after_what_is_hit_locates_the_target_not_the_scene() {
    // A real place: its state comes from the knowledge base.
    let mut mentions = parties();
    mentions.push(m("Ruritanian", "RUR", State));
    mentions.push(m("Kharkiv", "place:kharkiv", Place));
    let ex = read_parsed_shipped(
        "en",
        "Ruritanian jets struck targets in Kharkiv on Tuesday.",
        &mentions,
        "Ruritanian/ADJ/2/amod jets/NOUN/3/nsubj/Number=Plur/jet struck/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/strike targets/NOUN/3/obj/Number=Plur/target in/ADP/6/case Kharkiv/PROPN/3/obl on/ADP/8/case Tuesday/PROPN/3/obl ./PUNCT/3/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&assault.recipients), ["UKR"], "{:?}", summaries(&ex));

    // The scene of a war is no target.
    let ex = read_parsed_shipped(
        "en",
        "Ruritanian jets struck during the war in Kharkiv.",
        &mentions,
        "Ruritanian/ADJ/2/amod jets/NOUN/3/nsubj/Number=Plur/jet struck/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/strike during/ADP/6/case the/DET/6/det war/NOUN/3/obl/Number=Sing/war in/ADP/8/case Kharkiv/PROPN/6/nmod ./PUNCT/3/punct",
    );
    assert!(
        ex.events
            .iter()
            .all(|e| !ids(&e.recipients).contains(&"UKR")),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn violating_a_ceasefire_is_a_use_of_force() {
    let ex = read_parsed_shipped(
        "en",
        "Ruritania violated the ceasefire.",
        &parties(),
        "Ruritania/PROPN/2/nsubj violated/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/violate the/DET/4/det ceasefire/NOUN/2/obj/Number=Sing/ceasefire ./PUNCT/2/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert!(events_of_type(&ex, EventType::Reject).is_empty());

    // German: the accused broke it (a perfect infinitive the parser coordinated with the
    // accusing verb); the ceasefire noun, tagged nominative, is the object and no truce.
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien warf Bordurien vor, die Waffenruhe gebrochen zu haben.",
        &parties(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom warf/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/werfen Bordurien/PROPN/2/obj/Case=Dat vor/ADP/2/compound:prt ,/PUNCT/8/punct die/DET/7/det/Case=Nom Waffenruhe/NOUN/8/obj/Case=Nom/Waffenruhe gebrochen/VERB/2/conj/VerbForm=Part/brechen zu/PART/8/mark haben/AUX/8/aux/VerbForm=Inf/haben ./PUNCT/2/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(
        assault.factuality,
        Factuality::Claimed,
        "{:?}",
        summaries(&ex)
    );
    assert!(
        events_of_type(&ex, EventType::Retreat).is_empty(),
        "{:?}",
        summaries(&ex)
    );

    let ex = read_parsed_shipped(
        "ru",
        "Руритания нарушила перемирие.",
        &parties(),
        "Руритания/PROPN/2/nsubj/Case=Nom нарушила/VERB/0/root/Aspect=Perf|Mood=Ind|Tense=Past|VerbForm=Fin/нарушить перемирие/NOUN/2/obj/Case=Acc/перемирие ./PUNCT/2/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    assert!(events_of_type(&ex, EventType::Retreat).is_empty());
}

#[test]
fn russian_crowd_control_demands_and_leaving_by_noun() {
    let mut mentions = parties();
    mentions.push(m("полиция", "RUR", Agent));
    mentions.push(m("демонстрантов", "RUR.protesters", Agent));
    let ex = read_parsed_shipped(
        "ru",
        "Руритания применила слезоточивый газ против демонстрантов.",
        &mentions,
        "Руритания/PROPN/2/nsubj/Case=Nom применила/VERB/0/root/Aspect=Perf|Mood=Ind|Tense=Past|VerbForm=Fin/применить слезоточивый/ADJ/4/amod/Case=Acc газ/NOUN/2/obj/Case=Acc/газ против/ADP/6/case демонстрантов/NOUN/2/obl/Case=Gen/демонстрант ./PUNCT/2/punct",
    );
    let coerce = of_type(&ex, EventType::Coerce);
    assert_eq!(ids(&coerce.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(
        ids(&coerce.recipients),
        ["RUR.protesters"],
        "{:?}",
        summaries(&ex)
    );

    // The addressee of a demand after `от`.
    let ex = read_parsed_shipped(
        "ru",
        "Руритания потребовала от Бордурии вывести войска.",
        &parties(),
        "Руритания/PROPN/2/nsubj/Case=Nom потребовала/VERB/0/root/Aspect=Perf|Mood=Ind|Tense=Past|VerbForm=Fin/потребовать от/ADP/4/case Бордурии/PROPN/2/obl/Case=Gen вывести/VERB/2/xcomp/Aspect=Perf|VerbForm=Inf/вывести войска/NOUN/5/obj/Case=Acc/войско ./PUNCT/2/punct",
    );
    let request = of_type(&ex, EventType::Request);
    assert_eq!(ids(&request.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&request.recipients), ["BOR"], "{:?}", summaries(&ex));

    // The genitive of a leaving noun is who leaves.
    let ex = read_parsed_shipped(
        "ru",
        "Выход Руритании из Северного пакта стал неожиданностью.",
        &parties(),
        "Выход/NOUN/6/nsubj/Case=Nom/выход Руритании/PROPN/1/nmod/Case=Gen из/ADP/5/case Северного/ADJ/5/amod/Case=Gen пакта/NOUN/1/nmod/Case=Gen/пакт стал/VERB/0/root/Aspect=Perf|Mood=Ind|Tense=Past|VerbForm=Fin/стать неожиданностью/NOUN/6/obl/Case=Ins/неожиданность ./PUNCT/6/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["PACT"], "{:?}", summaries(&ex));
}

#[test]
fn warning_a_party_against_an_act_is_a_threat_that_holds_the_act() {
    // English: the warned party would act; the act is the warning's, not asserted.
    let ex = read_parsed_shipped(
        "en",
        "Ruritania warned Borduria against supplying missiles to Syldavia.",
        &[
            m("Ruritania", "RUR", State),
            m("Borduria", "BOR", State),
            m("Syldavia", "SYL", State),
        ],
        "Ruritania/PROPN/2/nsubj warned/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/warn Borduria/PROPN/2/obj against/ADP/5/mark supplying/VERB/2/advcl/VerbForm=Ger/supply missiles/NOUN/5/obj/Number=Plur/missile to/ADP/8/case Syldavia/PROPN/5/obl ./PUNCT/2/punct",
    );
    let threat = of_type(&ex, EventType::Threaten);
    assert_eq!(ids(&threat.actors), ["RUR"], "{:?}", summaries(&ex));
    assert!(
        events_of_type(&ex, EventType::Aid).is_empty(),
        "{:?}",
        summaries(&ex)
    );

    // German: a party warned is threatened; a danger warned of is no threat.
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien warnte Bordurien vor der Lieferung von Raketen.",
        &parties(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom warnte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/warnen Bordurien/PROPN/2/obj/Case=Acc vor/ADP/6/case der/DET/6/det/Case=Dat Lieferung/NOUN/2/obl/Case=Dat/Lieferung von/ADP/8/case Raketen/NOUN/6/nmod/Case=Dat/Rakete ./PUNCT/2/punct",
    );
    let threat = of_type(&ex, EventType::Threaten);
    assert_eq!(ids(&threat.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&threat.recipients), ["BOR"], "{:?}", summaries(&ex));
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien warnte vor einem Anschlag in Bordurien.",
        &parties(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom warnte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/warnen vor/ADP/5/case einem/DET/5/det/Case=Dat Anschlag/NOUN/2/obl/Case=Dat/Anschlag in/ADP/7/case Bordurien/PROPN/5/nmod/Case=Dat ./PUNCT/2/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Threaten).is_empty(),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn a_clause_hung_on_a_date_belongs_to_the_verb() {
    // The parser hangs `shelling` on `Monday`; the accused shells.
    let text = "Ruritania accused Borduria on Monday of shelling Syldavia.";
    let mentions = [
        m("Ruritania", "RUR", State),
        m("Borduria", "BOR", State),
        m("Syldavia", "SYL", State),
    ];
    let mut ex = with_parses(
        extraction(
            "doc",
            "en",
            None,
            text,
            &mentions,
            &[t("Monday", "2024-03-04", "2024-03-04")],
        ),
        &[("", "Ruritania/PROPN/2/nsubj accused/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/accuse Borduria/PROPN/2/obj on/ADP/5/case Monday/PROPN/3/obl of/ADP/7/mark shelling/VERB/5/acl/VerbForm=Ger/shell Syldavia/PROPN/7/obj ./PUNCT/2/punct")],
    );
    shipped::shipped_reader().annotate(&mut ex);
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&assault.recipients), ["SYL"], "{:?}", summaries(&ex));
    assert_eq!(assault.factuality, Factuality::Claimed);
}

#[test]
fn an_event_noun_before_a_passive_verb_is_not_that_verbs_patient_or_agent() {
    // `von der Nato` is the agent of `verurteilt`, not of the attack noun before the auxiliary.
    let ex = read_parsed_shipped(
        "de",
        "Der Angriff wurde vom Nordpakt verurteilt.",
        &parties(),
        "Der/DET/2/det/Case=Nom Angriff/NOUN/5/nsubj:pass/Case=Nom/Angriff wurde/AUX/5/aux:pass/Mood=Ind|Tense=Past|VerbForm=Fin/werden vom/ADP/4/case Nordpakt/PROPN/5/obl:agent/Case=Dat verurteilt/VERB/0/root/VerbForm=Part/verurteilen ./PUNCT/5/punct",
    );
    let accuse = of_type(&ex, EventType::Accuse);
    assert_eq!(ids(&accuse.actors), ["PACT"], "{:?}", summaries(&ex));
    assert!(
        ex.events
            .iter()
            .filter(|e| e.event_type == EventType::Assault)
            .all(|e| !ids(&e.actors).contains(&"PACT") && !ids(&e.recipients).contains(&"PACT")),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn a_quoted_speaker_after_a_role_of_several_words_and_a_comma() {
    // The parse as our parser gives it: the speaker hung on the quotation, not on `said`.
    let ex = read_parsed_shipped(
        "en",
        "“We will respond,” a foreign ministry spokesman, Oleg Testov, said on Monday.",
        &[m("Oleg Testov", "person:oleg-testov", Person)],
        "“/PUNCT/4/punct We/PRON/4/nsubj will/AUX/4/aux respond/VERB/15/ccomp/VerbForm=Inf/respond ,/PUNCT/4/punct ”/PUNCT/4/punct a/DET/10/det foreign/ADJ/10/amod ministry/ADJ/10/amod spokesman/NOUN/4/obj ,/PUNCT/13/punct Oleg/PROPN/13/compound Testov/PROPN/4/obl ,/PUNCT/4/punct said/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/say on/ADP/17/case Monday/PROPN/15/obl ./PUNCT/15/punct",
    );
    assert_eq!(
        speakers(&ex, "We will respond"),
        [Some("person:oleg-testov")],
        "{:#?}",
        ex.quotes
    );
}

#[test]
fn a_russian_past_verb_agrees_with_its_subject_in_gender() {
    // `Нападение` (neuter) cannot be the subject of `осудила` (feminine): Ruritania condemns.
    let ex = read_parsed_shipped(
        "ru",
        "Нападение осудила Руритания.",
        &parties(),
        "Нападение/NOUN/2/nsubj/Case=Nom|Gender=Neut|Number=Sing/нападение осудила/VERB/0/root/Aspect=Perf|Gender=Fem|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin/осудить Руритания/PROPN/2/obj/Case=Nom|Gender=Fem|Number=Sing ./PUNCT/2/punct",
    );
    let accuse = of_type(&ex, EventType::Accuse);
    assert_eq!(ids(&accuse.actors), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn lives_claimed_are_the_attacks_outcome_not_a_demand() {
    let mut mentions = parties();
    mentions.push(m("Rebellen", "rebels", Agent));
    let ex = read_parsed_shipped(
        "de",
        "Der Angriff von Rebellen forderte zehn Tote.",
        &mentions,
        "Der/DET/2/det/Case=Nom Angriff/NOUN/5/nsubj/Case=Nom/Angriff von/ADP/4/case Rebellen/NOUN/2/nmod/Case=Dat/Rebell forderte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/fordern zehn/NUM/7/nummod Tote/NOUN/5/obj/Case=Acc|Number=Plur/Tote ./PUNCT/5/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Request).is_empty(),
        "{:?}",
        summaries(&ex)
    );
    assert_eq!(
        events_of_type(&ex, EventType::Assault).len(),
        1,
        "{:?}",
        summaries(&ex)
    );
    // Casualties named in another phrase: a demand.
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien forderte Aufklärung über die Toten.",
        &parties(),
        "Ruritanien/PROPN/2/nsubj/Case=Nom forderte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/fordern Aufklärung/NOUN/2/obj/Case=Acc/Aufklärung über/ADP/6/case die/DET/6/det/Case=Acc Toten/NOUN/3/nmod/Case=Acc/Tote ./PUNCT/2/punct",
    );
    let request = of_type(&ex, EventType::Request);
    assert_eq!(ids(&request.actors), ["RUR"], "{:?}", summaries(&ex));
}
