//! Stop 44, on sentences of our own with made-up states and hand-written parses shaped like
//! the ones our parsers give: an act noun hung on a noun that bundles acts (`a package of
//! sanctions`, `ein Paket von Sanktionen`) has the author of the support verb the bundle is
//! the object of; a German participle whose lemma keeps `ge` after its particle
//! (`abgeschossen` → `abgeschießen`) is read as the particle verb; the state named on the
//! materiel of a transfer (`the sale of Ruritanian weapons`) is the supplier, not whoever
//! condemns the sale, and receives nothing.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::read_parsed_shipped;
use EntityKind::*;

#[test]
fn a_package_of_sanctions_has_the_author_of_the_verb_that_imposes_it() {
    let parties = [m("Ruritania", "RUR", State), m("Borduria", "BOR", State)];
    let ex = read_parsed_shipped(
        "en",
        "Ruritania imposed a new package of sanctions on Borduria.",
        &parties,
        "Ruritania/PROPN/2/nsubj imposed/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/impose a/DET/5/det new/ADJ/5/amod package/NOUN/2/obj of/ADP/7/case sanctions/NOUN/5/nmod/Number=Plur/sanction on/ADP/9/case Borduria/PROPN/7/nmod ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["BOR"], "{:?}", summaries(&ex));

    let parties = [m("Ruritanien", "RUR", State), m("Bordurien", "BOR", State)];
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien beschloss ein neues Paket von Sanktionen gegen Bordurien.",
        &parties,
        "Ruritanien/PROPN/2/nsubj/Case=Nom beschloss/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/beschließen ein/DET/5/det/Case=Acc neues/ADJ/5/amod/Case=Acc Paket/NOUN/2/obj/Case=Acc/Paket von/ADP/7/case Sanktionen/NOUN/5/nmod/Case=Dat|Number=Plur/Sanktion gegen/ADP/9/case Bordurien/PROPN/7/nmod/Case=Acc ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["BOR"], "{:?}", summaries(&ex));

    // A compound bundle with its own possessor: the possessor imposes, the blocker does not.
    let ex = read_parsed_shipped(
        "en",
        "Syldavia blocked Ruritania's new sanctions package against Borduria.",
        &[
            m("Syldavia", "SYL", State),
            m("Ruritania", "RUR", State),
            m("Borduria", "BOR", State),
        ],
        "Syldavia/PROPN/2/nsubj blocked/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/block Ruritania/PROPN/7/nmod:poss 's/PART/3/case new/ADJ/6/amod sanctions/NOUN/7/compound/Number=Plur/sanction package/NOUN/2/obj against/ADP/9/case Borduria/PROPN/7/nmod ./PUNCT/2/punct",
    );
    let sanction = of_type(&ex, EventType::Sanction);
    assert_eq!(ids(&sanction.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&sanction.recipients), ["BOR"], "{:?}", summaries(&ex));

    // An act noun under a noun that is no bundle of acts keeps no author from the verb:
    // opening an inquiry into an attack is not attacking.
    let ex = read_parsed_shipped(
        "en",
        "Ruritania opened an inquiry into the attack on Borduria.",
        &[m("Ruritania", "RUR", State), m("Borduria", "BOR", State)],
        "Ruritania/PROPN/2/nsubj opened/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/open an/DET/4/det inquiry/NOUN/2/obj into/ADP/7/case the/DET/7/det attack/NOUN/4/nmod on/ADP/9/case Borduria/PROPN/7/nmod ./PUNCT/2/punct",
    );
    assert!(
        ex.events
            .iter()
            .filter(|e| e.event_type == EventType::Assault)
            .all(|e| !ids(&e.actors).contains(&"RUR")),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn a_german_participle_lemmatised_with_its_prefix_is_read_as_the_particle_verb() {
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien hat zwanzig Drohnen aus Bordurien abgeschossen.",
        &[m("Ruritanien", "RUR", State), m("Bordurien", "BOR", State)],
        "Ruritanien/PROPN/7/nsubj/Case=Nom hat/AUX/7/aux/Mood=Ind|Tense=Pres|VerbForm=Fin/haben zwanzig/NUM/4/nummod Drohnen/NOUN/7/obj/Case=Acc|Number=Plur/Drohne aus/ADP/6/case Bordurien/PROPN/4/nmod/Case=Dat abgeschossen/VERB/0/root/VerbForm=Part/abgeschießen ./PUNCT/7/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn the_state_named_on_the_materiel_supplies_it() {
    // The condemner is not the seller; the seller is where the weapons come from.
    let ex = read_parsed_shipped(
        "de",
        "Bordurien kritisierte den Verkauf ruritanischer Waffen an Syldavien.",
        &[
            m("Bordurien", "BOR", State),
            m("ruritanischer", "RUR", State),
            m("Syldavien", "SYL", State),
        ],
        "Bordurien/PROPN/2/nsubj/Case=Nom kritisierte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/kritisieren den/DET/4/det/Case=Acc Verkauf/NOUN/2/obj/Case=Acc/Verkauf ruritanischer/ADJ/6/amod/Case=Gen Waffen/NOUN/4/nmod/Case=Gen|Number=Plur/Waffe an/ADP/8/case Syldavien/PROPN/6/nmod/Case=Acc ./PUNCT/2/punct",
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&aid.recipients), ["SYL"], "{:?}", summaries(&ex));

    // Russian: the dative recipient after the adjective in another case.
    let ex = read_parsed_shipped(
        "ru",
        "Бордурия осудила продажу руританского оружия Сильдавии.",
        &[
            m("Бордурия", "BOR", State),
            m("руританского", "RUR", State),
            m("Сильдавии", "SYL", State),
        ],
        "Бордурия/PROPN/2/nsubj/Case=Nom осудила/VERB/0/root/Aspect=Perf|Mood=Ind|Tense=Past|VerbForm=Fin/осудить продажу/NOUN/2/obj/Case=Acc/продажа руританского/ADJ/5/amod/Case=Gen оружия/NOUN/3/nmod/Case=Gen/оружие Сильдавии/PROPN/5/nmod/Case=Dat ./PUNCT/2/punct",
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&aid.recipients), ["SYL"], "{:?}", summaries(&ex));

    // A supplier named as subject keeps the act; the origin of what it hands over receives
    // nothing.
    let ex = read_parsed_shipped(
        "en",
        "Borduria delivered Ruritanian tanks to Syldavia.",
        &[
            m("Borduria", "BOR", State),
            m("Ruritanian", "RUR", State),
            m("tanks", "weapon:tank", WeaponCategory),
            m("Syldavia", "SYL", State),
        ],
        "Borduria/PROPN/2/nsubj delivered/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/deliver Ruritanian/ADJ/4/amod tanks/NOUN/2/obj/Number=Plur/tank to/ADP/6/case Syldavia/PROPN/2/obl ./PUNCT/2/punct",
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&aid.recipients), ["SYL"], "{:?}", summaries(&ex));
}

#[test]
fn an_agency_named_with_a_locative_adjective_after_the_cue_speaks() {
    // `сообщили в военном ведомстве Руритании`: the adjective's locative `-ом` ended the
    // source's phrase at the preposition, so the quote had no speaker (stop 44).
    let ex = shipped::read_shipped(
        "ru",
        "Удар был нанесён по столице, сообщили в военном ведомстве Руритании.",
        &[m("Руритании", "RUR", State)],
        "Удар/NOUN/Case=Nom/удар был/AUX/Tense=Past/быть нанесён/VERB/VerbForm=Part/нанести по/ADP/_/по столице/NOUN/Case=Dat/столица ,/PUNCT/_/, сообщили/VERB/Aspect=Perf|Tense=Past/сообщить в/ADP/_/в военном/ADJ/Case=Loc/военный ведомстве/NOUN/Case=Loc/ведомство Руритании/PROPN/Case=Gen/руритания ./PUNCT/_/.",
    );
    assert_eq!(speakers(&ex, "Удар был"), [Some("RUR")], "{:#?}", ex.quotes);

    let ex = shipped::read_shipped(
        "uk",
        "Удару було завдано по столиці, повідомили у військовому відомстві Руританії.",
        &[m("Руританії", "RUR", State)],
        "Удару/NOUN/Case=Gen/удар було/AUX/Tense=Past/бути завдано/VERB/VerbForm=Part/завдати по/ADP/_/по столиці/NOUN/Case=Loc/столиця ,/PUNCT/_/, повідомили/VERB/Aspect=Perf|Tense=Past/повідомити у/ADP/_/у військовому/ADJ/Case=Loc/військовий відомстві/NOUN/Case=Loc/відомство Руританії/PROPN/Case=Gen/руританія ./PUNCT/_/.",
    );
    assert_eq!(
        speakers(&ex, "Удару було"),
        [Some("RUR")],
        "{:#?}",
        ex.quotes
    );
}

#[test]
fn a_german_modal_with_a_perfect_infinitive_reports_the_act() {
    // `soll … geliefert haben`: reportedly delivered, not a delivery to come (stop 44).
    let words = |participle: &str| {
        format!(
            "Ruritanien/PROPN/Case=Nom/Ruritanien soll/AUX/Mood=Ind|Tense=Pres|VerbForm=Fin/sollen Bordurien/PROPN/Case=Dat/Bordurien Waffen/NOUN/Case=Acc|Number=Plur/Waffe {participle} ./PUNCT/_/."
        )
    };
    let ex = shipped::read_shipped(
        "de",
        "Ruritanien soll Bordurien Waffen geliefert haben.",
        &[m("Ruritanien", "RUR", State), m("Bordurien", "BOR", State)],
        &words("geliefert/VERB/VerbForm=Part/liefern haben/AUX/VerbForm=Inf/haben"),
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(aid.factuality, Factuality::Reported, "{:?}", summaries(&ex));
    assert_eq!(ids(&aid.actors), ["RUR"], "{:?}", summaries(&ex));

    // With a plain infinitive the modal still plans it.
    let ex = shipped::read_shipped(
        "de",
        "Ruritanien soll Bordurien Waffen liefern.",
        &[m("Ruritanien", "RUR", State), m("Bordurien", "BOR", State)],
        &words("liefern/VERB/VerbForm=Inf/liefern"),
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(aid.factuality, Factuality::Future, "{:?}", summaries(&ex));
}

#[test]
fn a_sentence_to_prison_and_an_arrest_warrant_are_coercion() {
    // `verurteilte … zu zehn Jahren Haft`: a court's sentence, not a condemnation (stop 44).
    let ex = shipped::read_shipped(
        "de",
        "Ruritanien verurteilte den Journalisten aus Bordurien zu zehn Jahren Haft.",
        &[m("Ruritanien", "RUR", State), m("Bordurien", "BOR", State)],
        "Ruritanien/PROPN/Case=Nom/Ruritanien verurteilte/VERB/Mood=Ind|Tense=Past|VerbForm=Fin/verurteilen den/DET/Case=Acc/der Journalisten/NOUN/Case=Acc/Journalist aus/ADP/_/aus Bordurien/PROPN/Case=Dat/Bordurien zu/ADP/_/zu zehn/NUM/_/zehn Jahren/NOUN/Case=Dat/Jahr Haft/NOUN/Case=Dat/Haft ./PUNCT/_/.",
    );
    assert!(
        ex.events.iter().all(|e| e.event_type != EventType::Accuse),
        "{:?}",
        summaries(&ex)
    );
    let coerce = of_type(&ex, EventType::Coerce);
    assert_eq!(ids(&coerce.actors), ["RUR"], "{:?}", summaries(&ex));

    // Condemning an act stays an accusation, and the condemner is not the attacker: the
    // genitive after the attack noun no longer keeps the clause's subject as its author.
    let ex = read_parsed_shipped(
        "de",
        "Ruritanien verurteilte den Angriff Borduriens.",
        &[m("Ruritanien", "RUR", State), m("Borduriens", "BOR", State)],
        "Ruritanien/PROPN/2/nsubj/Case=Nom/Ruritanien verurteilte/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/verurteilen den/DET/4/det/Case=Acc/der Angriff/NOUN/2/obj/Case=Acc/Angriff Borduriens/PROPN/4/nmod/Case=Gen/Bordurien ./PUNCT/2/punct",
    );
    assert!(
        ex.events.iter().any(|e| e.event_type == EventType::Accuse),
        "{:?}",
        summaries(&ex)
    );
    assert!(
        ex.events
            .iter()
            .filter(|e| e.event_type == EventType::Assault)
            .all(|e| !ids(&e.actors).contains(&"RUR")),
        "{:?}",
        summaries(&ex)
    );

    // An arrest warrant names whom it is for.
    let ex = read_parsed_shipped(
        "en",
        "Ruritania issued an arrest warrant for the president of Borduria.",
        &[m("Ruritania", "RUR", State), m("Borduria", "BOR", State)],
        "Ruritania/PROPN/2/nsubj issued/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/issue an/DET/5/det arrest/NOUN/5/compound warrant/NOUN/2/obj for/ADP/8/case the/DET/8/det president/NOUN/5/nmod of/ADP/10/case Borduria/PROPN/8/nmod ./PUNCT/2/punct",
    );
    let coerce = of_type(&ex, EventType::Coerce);
    assert_eq!(ids(&coerce.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&coerce.recipients), ["BOR"], "{:?}", summaries(&ex));

    // `выдал ордер на арест` issues a warrant; it extradites no one.
    let ex = shipped::read_shipped(
        "ru",
        "Руритания выдала ордер на арест президента Бордурии.",
        &[m("Руритания", "RUR", State), m("Бордурии", "BOR", State)],
        "Руритания/PROPN/Case=Nom/руритания выдала/VERB/Aspect=Perf|Tense=Past/выдать ордер/NOUN/Case=Acc/ордер на/ADP/_/на арест/NOUN/Case=Acc/арест президента/NOUN/Case=Gen/президент Бордурии/PROPN/Case=Gen/бордурия ./PUNCT/_/.",
    );
    assert!(
        ex.events
            .iter()
            .all(|e| e.event_type != EventType::Cooperate),
        "{:?}",
        summaries(&ex)
    );
    assert!(
        ex.events.iter().any(|e| e.event_type == EventType::Coerce),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn a_relative_clause_after_a_comma_reports_nothing() {
    // `…, denen Spionage vorgeworfen wird`: no postposed report with `denen Spionage` as its
    // speaker (stop 44).
    let ex = shipped::read_shipped(
        "de",
        "Ruritanien hat zwei Diplomaten ausgewiesen, denen Spionage vorgeworfen wird.",
        &[m("Ruritanien", "RUR", State)],
        "Ruritanien/PROPN/Case=Nom/Ruritanien hat/AUX/Mood=Ind|Tense=Pres|VerbForm=Fin/haben zwei/NUM/_/zwei Diplomaten/NOUN/Case=Acc/Diplomat ausgewiesen/VERB/VerbForm=Part/ausweisen ,/PUNCT/_/, denen/PRON/Case=Dat|PronType=Rel/der Spionage/NOUN/Case=Nom/Spionage vorgeworfen/VERB/VerbForm=Part/vorwerfen wird/AUX/Mood=Ind|Tense=Pres|VerbForm=Fin/werden ./PUNCT/_/.",
    );
    assert!(
        ex.quotes
            .iter()
            .all(|q| !q.message_text.contains("Diplomaten ausgewiesen")),
        "{:#?}",
        ex.quotes
    );
}

#[test]
fn an_act_noun_someone_is_blamed_for_is_their_alleged_act() {
    // `blamed Borduria for the strike`: the blamed strikes, in the blamer's words (stop 44;
    // the gerund `accused … of shelling` was read so since stop 38).
    let ex = read_parsed_shipped(
        "en",
        "Ruritania blamed Borduria for the strike on the hospital.",
        &[m("Ruritania", "RUR", State), m("Borduria", "BOR", State)],
        "Ruritania/PROPN/2/nsubj blamed/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/blame Borduria/PROPN/2/obj for/ADP/6/case the/DET/6/det strike/NOUN/2/obl on/ADP/9/case the/DET/9/det hospital/NOUN/6/nmod ./PUNCT/2/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(
        assault.factuality,
        Factuality::Claimed,
        "{:?}",
        summaries(&ex)
    );

    // Hung on the object by the parser.
    let ex = read_parsed_shipped(
        "en",
        "Ruritania accused Borduria of the attack on the bridge.",
        &[m("Ruritania", "RUR", State), m("Borduria", "BOR", State)],
        "Ruritania/PROPN/2/nsubj accused/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/accuse Borduria/PROPN/2/obj of/ADP/6/case the/DET/6/det attack/NOUN/3/nmod on/ADP/9/case the/DET/9/det bridge/NOUN/6/nmod ./PUNCT/2/punct",
    );
    let assault = of_type(&ex, EventType::Assault);
    assert_eq!(ids(&assault.actors), ["BOR"], "{:?}", summaries(&ex));
}

#[test]
fn materiel_named_after_combat_is_no_fight() {
    // `a new battle tank` was a battle between the two developers (stop 44).
    let ex = read_parsed_shipped(
        "en",
        "Ruritania and Borduria agreed to develop a new battle tank.",
        &[m("Ruritania", "RUR", State), m("Borduria", "BOR", State)],
        "Ruritania/PROPN/4/nsubj and/CCONJ/3/cc Borduria/PROPN/1/conj agreed/VERB/0/root/Mood=Ind|Tense=Past|VerbForm=Fin/agree to/PART/6/mark develop/VERB/4/xcomp/VerbForm=Inf/develop a/DET/10/det new/ADJ/10/amod battle/NOUN/10/compound tank/NOUN/6/obj ./PUNCT/4/punct",
    );
    assert!(
        ex.events.iter().all(|e| e.event_type != EventType::Assault),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn russian_exercises_are_read_by_their_plural_and_a_military_adjective_is_no_party() {
    // `учения` is lemmatised `учение` (a teaching), so the vocabulary's lemma never matched;
    // `военные` before it is an adjective, not the military acting (stop 44).
    let ex = shipped::read_shipped(
        "ru",
        "Руритания и Бордурия провели совместные военные учения.",
        &[
            m("Руритания", "RUR", State),
            m("Бордурия", "BOR", State),
            m("военные", "military", Agent),
        ],
        "Руритания/PROPN/Case=Nom/руритания и/CCONJ/_/и Бордурия/PROPN/Case=Nom/бордурия провели/VERB/Aspect=Perf|Number=Plur|Tense=Past/провести совместные/ADJ/Case=Acc|Number=Plur/совместный военные/ADJ/Case=Acc|Number=Plur/военный учения/NOUN/Case=Acc|Number=Plur/учение ./PUNCT/_/.",
    );
    let cooperate = of_type(&ex, EventType::Cooperate);
    assert_eq!(ids(&cooperate.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&cooperate.recipients), ["BOR"], "{:?}", summaries(&ex));

    let ex = shipped::read_shipped(
        "ru",
        "Руритания провела военные учения.",
        &[m("Руритания", "RUR", State), m("военные", "military", Agent)],
        "Руритания/PROPN/Case=Nom/руритания провела/VERB/Aspect=Perf|Gender=Fem|Tense=Past/провести военные/ADJ/Case=Acc|Number=Plur/военный учения/NOUN/Case=Acc|Number=Plur/учение ./PUNCT/_/.",
    );
    let mobilize = of_type(&ex, EventType::Mobilize);
    assert_eq!(ids(&mobilize.actors), ["RUR"], "{:?}", summaries(&ex));
}
