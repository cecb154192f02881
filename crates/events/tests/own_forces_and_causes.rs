//! Stop 41, on sentences of our own with made-up states and hand-written parses shaped like
//! the ones our parsers give: a force behind a possessive of the subject is the actor's own
//! (`withdrew its troops`); a verb's own future inflection makes its act future (`выведет`);
//! an English `nsubj:pass` with no passive auxiliary and a direct object acts (`troops killed
//! three villagers`, `killed` tagged as a participle); a force named as a body goes on as `it`;
//! the sanctioned act in what a sanction's cause phrase names; a generic speaker takes the
//! state of its scene; an institution compound (`Armeesprecher`) speaks for its state; a comma
//! after a verbless subject and its apposition opens no postposed report; a verb of naming
//! reports what was said; a killing in an accident is no assault, and a German killing needs
//! no military word; a state behind an adjective after a location preposition is the scene;
//! a party inside the act a request asks for is not its addressee; an infinitive has no subject
//! of its own; German `Kämpfer` are people; receiving arms names the supplier after `from`; the
//! head of a state (`Глава … государства`) is the head of state introduced before.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::{read_parsed_shipped, shipped_reader};
use EntityKind::*;

/// `text` with its mentions and no syntax layer, read by the shipped rules.
fn read_plain(lang: &str, text: &str, mentions: &[M]) -> Extraction {
    let mut ex = extraction("doc", lang, None, text, mentions, &[]);
    shipped_reader().annotate(&mut ex);
    ex
}

fn parties() -> Vec<M<'static>> {
    vec![
        m("Ruritania", "RUR", State),
        m("Ruritanian", "RUR", State),
        m("Ruritanien", "RUR", State),
        m("Руритания", "RUR", State),
        m("Borduria", "BOR", State),
        m("Bordurien", "BOR", State),
        m("Бордурии", "BOR", State),
        m("Бордурию", "BOR", State),
        m("Syldavia", "SYL", State),
        m("Сылдавии", "SYL", State),
        m("EU", "EU", Organisation),
        m("Евросоюз", "EU", Organisation),
    ]
}

#[test]
fn a_force_behind_the_subjects_possessive_is_its_own_not_a_recipient() {
    let mut mentions = parties();
    mentions.push(m("troops", "military", Agent));
    let ex = read_parsed_shipped(
        "en",
        "Ruritania withdrew its troops from Borduria.",
        &mentions,
        "Ruritania/PROPN/2/nsubj withdrew/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/withdraw its/PRON/4/nmod:poss/Poss=Yes troops/NOUN/2/obj/Number=Plur/troop from/ADP/6/case Borduria/PROPN/2/obl ./PUNCT/2/punct",
    );
    let retreat = of_type(&ex, EventType::Retreat);
    assert_eq!(ids(&retreat.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&retreat.recipients), ["BOR"], "{:?}", summaries(&ex));
}

#[test]
fn a_russian_perfective_non_past_is_future() {
    let mut mentions = parties();
    mentions.push(m("военных", "military", Agent));
    let ex = read_parsed_shipped(
        "ru",
        "Руритания выведет своих военных из Бордурии.",
        &mentions,
        "Руритания/PROPN/2/nsubj/Case=Nom выведет/VERB/0/root/Aspect=Perf|Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin|Voice=Act/вывести своих/DET/4/det/Case=Gen военных/NOUN/2/obj/Case=Gen из/ADP/6/case Бордурии/PROPN/2/obl/Case=Gen ./PUNCT/2/punct",
    );
    let retreat = of_type(&ex, EventType::Retreat);
    assert_eq!(
        retreat.factuality,
        Factuality::Future,
        "{:?}",
        summaries(&ex)
    );
    assert_eq!(ids(&retreat.recipients), ["BOR"], "{:?}", summaries(&ex));
    // The past is asserted.
    let past = read_parsed_shipped(
        "ru",
        "Руритания вывела своих военных из Бордурии.",
        &mentions,
        "Руритания/PROPN/2/nsubj/Case=Nom вывела/VERB/0/root/Aspect=Perf|Mood=Ind|Number=Sing|Tense=Past|VerbForm=Fin|Voice=Act/вывести своих/DET/4/det/Case=Gen военных/NOUN/2/obj/Case=Gen из/ADP/6/case Бордурии/PROPN/2/obl/Case=Gen ./PUNCT/2/punct",
    );
    assert_eq!(
        of_type(&past, EventType::Retreat).factuality,
        Factuality::Asserted,
        "{:?}",
        summaries(&past)
    );
}

#[test]
fn a_passive_subject_with_no_auxiliary_and_an_object_acts() {
    let mut mentions = parties();
    mentions.push(m("troops", "RUR.military", Agent));
    mentions.push(m("villagers", "civilians", Agent));
    let ex = read_parsed_shipped(
        "en",
        "Ruritanian troops killed three villagers in Borduria.",
        &mentions,
        "Ruritanian/ADJ/2/amod troops/NOUN/3/nsubj:pass/Number=Ptan/troop killed/VERB/0/root/Tense=Past|VerbForm=Part|Voice=Pass/kill three/NUM/5/nummod villagers/NOUN/3/obj/Number=Plur/villager in/ADP/7/case Borduria/PROPN/3/obl ./PUNCT/3/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
    // A true passive keeps its subject as the one it is done to.
    let passive = read_parsed_shipped(
        "en",
        "Three villagers were killed by Ruritanian troops.",
        &mentions,
        "Three/NUM/2/nummod villagers/NOUN/4/nsubj:pass/Number=Plur/villager were/AUX/4/aux:pass killed/VERB/0/root/Tense=Past|VerbForm=Part|Voice=Pass/kill by/ADP/7/case Ruritanian/ADJ/7/amod troops/NOUN/4/obl:agent/Number=Plur/troop ./PUNCT/4/punct",
    );
    let assault = of_type(&passive, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&passive));
}

#[test]
fn a_force_named_as_a_body_goes_on_as_it() {
    let mut mentions = parties();
    mentions.push(m("army", "RUR.military", Agent));
    mentions.push(m("militants", "militants", Agent));
    let ex = read_parsed_shipped(
        "en",
        "Ruritania's army said it killed eight militants in Borduria.",
        &mentions,
        "Ruritania/PROPN/3/nmod:poss 's/PART/1/case army/NOUN/4/nsubj said/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/say it/PRON/6/nsubj/Number=Sing|Person=3|PronType=Prs killed/VERB/4/ccomp/Mood=Ind|Tense=Past|VerbForm=Fin/kill eight/NUM/8/nummod militants/NOUN/6/obj/Number=Plur/militant in/ADP/10/case Borduria/PROPN/6/obl ./PUNCT/4/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn the_sanctioned_act_in_the_sanctions_cause() {
    let ex = read_parsed_shipped(
        "ru",
        "Евросоюз ввел санкции против Бордурии за поставки дронов Сылдавии.",
        &parties(),
        "Евросоюз/PROPN/2/nsubj/Case=Nom ввел/VERB/0/root/Aspect=Perf|Mood=Ind|Tense=Past|VerbForm=Fin/ввести санкции/NOUN/2/obj/Case=Acc/санкция против/ADP/5/case Бордурии/PROPN/3/nmod/Case=Gen за/ADP/7/case поставки/NOUN/3/nmod/Case=Acc/поставка дронов/NOUN/7/nmod/Case=Gen/дрон Сылдавии/PROPN/8/nmod/Case=Gen ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.recipients), ["BOR"], "{:?}", summaries(&ex));
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&aid.recipients), ["SYL"], "{:?}", summaries(&ex));
    assert_eq!(aid.factuality, Factuality::Claimed, "{:?}", summaries(&ex));
}

#[test]
fn an_english_cause_clause_hung_on_the_sanctioned() {
    let mut mentions = parties();
    mentions.push(m("Ruritanian companies", "RUR", State));
    let ex = read_parsed_shipped(
        "en",
        "Syldavia imposed sanctions on two Ruritanian companies for supplying drone parts to Borduria.",
        &mentions,
        "Syldavia/PROPN/2/nsubj imposed/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/impose sanctions/NOUN/2/obj/Number=Plur/sanction on/ADP/7/case two/NUM/7/nummod Ruritanian/ADJ/7/amod companies/NOUN/2/obl/Number=Plur/company for/SCONJ/9/mark supplying/VERB/7/acl/VerbForm=Ger/supply drone/NOUN/11/compound parts/NOUN/9/obj/Number=Plur/part to/ADP/13/case Borduria/PROPN/9/obl ./PUNCT/2/punct",
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn a_generic_speaker_takes_the_state_of_its_scene() {
    let mut mentions = parties();
    mentions.push(m("Entführer", "militants", Agent));
    let ex = read_plain(
        "de",
        "In Ruritanien wurden zwei Ingenieure entführt. Die Entführer teilten mit, dass die Geiseln in ihrer Hand blieben.",
        &mentions,
    );
    assert_eq!(
        speakers(&ex, "Geiseln in ihrer Hand"),
        [Some("RUR.militants")],
        "{:#?}",
        ex.quotes
    );
}

#[test]
fn an_institution_compound_speaks_for_its_state() {
    // A state the knowledge base holds: an institution speaks only for a known state.
    let ex = read_plain(
        "de",
        "In Syrien kam es zu Kämpfen. Ein Armeesprecher erklärte, die Rebellen hätten die Stadt verlassen.",
        &[m("Syrien", "SYR", State)],
    );
    assert_eq!(
        speakers(&ex, "die Stadt verlassen"),
        [Some("SYR")],
        "{:#?}",
        ex.quotes
    );
}

#[test]
fn a_verbless_apposition_before_a_comma_is_no_postposed_report() {
    let mut mentions = parties();
    mentions.push(m("Liga", "LIGA", Group));
    let ex = read_parsed_shipped(
        "de",
        "Die Regierungspartei Ruritaniens, die Liga, bezeichnete die Anschläge als Selbstverteidigung.",
        &mentions,
        "Die/DET/2/det Regierungspartei/NOUN/7/nsubj/Case=Nom/Regierungspartei Ruritaniens/PROPN/2/nmod/Case=Gen ,/PUNCT/6/punct die/DET/6/det Liga/PROPN/2/appos/Case=Nom ,/PUNCT/6/punct bezeichnete/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/bezeichnen die/DET/10/det Anschläge/NOUN/8/obj/Case=Acc/Anschlag als/ADP/12/case Selbstverteidigung/NOUN/8/obl/Case=Nom/Selbstverteidigung ./PUNCT/8/punct",
    );
    assert!(
        !ex.quotes.iter().any(|q| q.rule.ends_with("postposed")),
        "{:#?}",
        ex.quotes
    );
    // The subject between that comma and the cue speaks.
    assert_eq!(
        speakers(&ex, "als Selbstverteidigung"),
        [Some("LIGA")],
        "{:#?}",
        ex.quotes
    );
    // The verb of naming reports what the subject called the attacks.
    let plain = read_parsed_shipped(
        "de",
        "Die Liga bezeichnete die Anschläge als Selbstverteidigung.",
        &mentions,
        "Die/DET/2/det Liga/PROPN/3/nsubj/Case=Nom bezeichnete/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/bezeichnen die/DET/5/det Anschläge/NOUN/3/obj/Case=Acc/Anschlag als/ADP/7/case Selbstverteidigung/NOUN/3/obl/Case=Nom/Selbstverteidigung ./PUNCT/3/punct",
    );
    assert_eq!(
        speakers(&plain, "als Selbstverteidigung"),
        [Some("LIGA")],
        "{:#?}",
        plain.quotes
    );
}

#[test]
fn killed_in_an_accident_is_no_assault_but_a_killing_needs_no_military_word() {
    let mut mentions = parties();
    mentions.push(m("Journalisten", "civilians", Agent));
    mentions.push(m("Menschen", "civilians", Agent));
    // The German parser's reading of a fronted place: the passive subject after the auxiliary.
    let ex = read_parsed_shipped(
        "de",
        "In Ruritanien wurden drei Journalisten getötet.",
        &mentions,
        "In/ADP/2/case Ruritanien/PROPN/6/obl/Case=Dat wurden/AUX/6/aux:pass/Mood=Ind|Tense=Past|VerbForm=Fin|Voice=Pass/werden drei/NUM/5/nummod Journalisten/NOUN/6/nsubj:pass/Case=Acc/Journalist getötet/VERB/0/root/VerbForm=Part/töten ./PUNCT/6/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(
        ids(&assault.recipients),
        ["RUR.civilians"],
        "{:?}",
        summaries(&ex)
    );
    let crash = read_parsed_shipped(
        "de",
        "In Ruritanien wurden drei Menschen bei einem Verkehrsunfall getötet.",
        &mentions,
        "In/ADP/2/case Ruritanien/PROPN/9/obl/Case=Dat wurden/AUX/9/aux:pass/Mood=Ind|Tense=Past|VerbForm=Fin|Voice=Pass/werden drei/NUM/5/nummod Menschen/NOUN/9/nsubj:pass/Case=Nom/Mensch bei/ADP/8/case einem/DET/8/det Verkehrsunfall/NOUN/9/obl/Case=Dat/Verkehrsunfall getötet/VERB/0/root/VerbForm=Part/töten ./PUNCT/9/punct",
    );
    assert!(
        events_of_type(&crash, EventType::Assault).is_empty(),
        "{:?}",
        summaries(&crash)
    );
}

#[test]
fn a_state_behind_an_adjective_after_a_location_preposition_is_the_scene() {
    let mut mentions = parties();
    mentions.push(m("journalists", "civilians", Agent));
    let ex = read_parsed_shipped(
        "en",
        "Ruritanian strikes killed three journalists in southern Borduria.",
        &mentions,
        "Ruritanian/ADJ/2/amod strikes/NOUN/3/nsubj/Number=Plur/strike killed/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/kill three/NUM/5/nummod journalists/NOUN/3/obj/Number=Plur/journalist in/ADP/8/case southern/ADJ/8/amod Borduria/PROPN/3/obl ./PUNCT/3/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert!(
        ids(&assault.recipients).contains(&"BOR.civilians"),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn a_party_inside_the_requested_act_is_not_the_addressee() {
    let ex = read_parsed_shipped(
        "en",
        "Ruritania urged Borduria to stop arming Syldavia.",
        &parties(),
        "Ruritania/PROPN/2/nsubj urged/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/urge Borduria/PROPN/2/iobj to/PART/5/mark stop/VERB/2/xcomp/VerbForm=Inf/stop arming/VERB/5/xcomp/VerbForm=Ger/arm Syldavia/PROPN/6/obj ./PUNCT/2/punct",
    );
    let request = of_type(&ex, EventType::Request);
    assert_eq!(ids(&request.recipients), ["BOR"], "{:?}", summaries(&ex));
}

#[test]
fn an_infinitive_has_no_subject_of_its_own() {
    // As the German parser reads it: the subject of `bestreitet` made its object, the
    // infinitive an `advcl`; the window took the name inside the infinitive as its subject.
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien bestreitet, Bordurien mit Drohnen zu beliefern.",
        &parties(),
        "Ruritanien/PROPN/2/obj/Case=Nom bestreitet/VERB/0/root/VerbForm=Part/bestreiten ,/PUNCT/8/punct Bordurien/PROPN/8/obj/Case=Dat mit/ADP/6/case Drohnen/NOUN/8/obl/Case=Dat/Drohne zu/PART/8/mark beliefern/VERB/2/advcl/VerbForm=Inf/beliefern ./PUNCT/2/punct",
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&aid.recipients), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(aid.factuality, Factuality::Denied, "{:?}", summaries(&ex));
}

#[test]
fn german_fighters_are_people_not_fighting() {
    let ex = read_parsed_shipped(
        "de",
        "Die Armee Ruritaniens wurde von Kämpfern der Liga angegriffen.",
        &[m("Ruritaniens", "RUR", State), m("Liga", "LIGA", Group)],
        "Die/DET/2/det Armee/NOUN/8/nsubj:pass/Case=Nom/Armee Ruritaniens/PROPN/2/nmod/Case=Gen wurde/AUX/8/aux:pass/Mood=Ind|Tense=Past|VerbForm=Fin|Voice=Pass/werden von/ADP/6/case Kämpfern/NOUN/8/obl:agent/Case=Dat/Kämpfer der/DET/7/det Liga/PROPN/6/nmod/Case=Gen angegriffen/VERB/0/root/VerbForm=Part/angreifen ./PUNCT/8/punct",
    );
    let assaults = events_of_type(&ex, EventType::Assault);
    assert_eq!(assaults.len(), 1, "{:?}", summaries(&ex));
    assert_eq!(ids(&assaults[0].actors), ["LIGA"], "{:?}", summaries(&ex));
}

#[test]
fn receiving_arms_names_the_supplier_after_from() {
    let mut mentions = parties();
    mentions.push(m("tanks", "weapon:tank", WeaponCategory));
    let ex = read_parsed_shipped(
        "en",
        "Ruritania received 14 tanks from Borduria.",
        &mentions,
        "Ruritania/PROPN/2/nsubj received/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/receive 14/NUM/4/nummod tanks/NOUN/2/obj/Number=Plur/tank from/ADP/6/case Borduria/PROPN/2/obl ./PUNCT/2/punct",
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&aid.recipients), ["RUR"], "{:?}", summaries(&ex));
    // A guest received is no transfer.
    let guest = read_parsed_shipped(
        "en",
        "Ruritania received a delegation from Borduria.",
        &parties(),
        "Ruritania/PROPN/2/nsubj received/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/receive a/DET/4/det delegation/NOUN/2/obj/Number=Sing/delegation from/ADP/6/case Borduria/PROPN/4/nmod ./PUNCT/2/punct",
    );
    assert!(
        events_of_type(&guest, EventType::Aid).is_empty(),
        "{:?}",
        summaries(&guest)
    );
}

#[test]
fn the_head_of_a_state_is_the_head_of_state_introduced_before() {
    let text = "Президент Руритании Иван Петров прибыл в Бордурию. Глава руританского государства напомнил, что договор не выполняется.";
    let mentions = [
        m("Руритании", "RUR", State),
        m("руританского", "RUR", State),
        m("Бордурию", "BOR", State),
        m("Иван Петров", "person:ivan-petrov", Person),
    ];
    let mut ex = with_parses(
        extraction("doc", "ru", None, text, &mentions, &[]),
        &[
            ("Президент", "Президент/NOUN/5/nsubj/Case=Nom/президент Руритании/PROPN/1/nmod/Case=Gen Иван/PROPN/1/appos/Case=Nom Петров/PROPN/3/flat/Case=Nom прибыл/VERB/0/root/Tense=Past|VerbForm=Fin/прибыть в/ADP/7/case Бордурию/PROPN/5/obl/Case=Acc ./PUNCT/5/punct"),
            ("Глава", "Глава/NOUN/4/nsubj/Case=Nom/глава руританского/ADJ/3/amod/Case=Gen/руританский государства/NOUN/1/nmod/Case=Gen/государство напомнил/VERB/0/root/Tense=Past|VerbForm=Fin/напомнить ,/PUNCT/10/punct что/SCONJ/10/mark договор/NOUN/10/nsubj/Case=Nom/договор не/PART/10/advmod/Polarity=Neg выполняется/VERB/4/ccomp/Tense=Pres|VerbForm=Fin/выполняться ./PUNCT/4/punct"),
        ],
    );
    shipped_reader().annotate(&mut ex);
    assert_eq!(
        speakers(&ex, "договор не выполняется"),
        [Some("person:ivan-petrov")],
        "{:#?}",
        ex.quotes
    );
}
