//! Russian event coding on the news dev split (issue 12, stop 25, docs/notes/news-eval.md):
//! sides joined in a genitive attribute (`министры А и Б`), reciprocal acts coded as dyads,
//! a verb with its object noun further on (`возложила на … ответственность`), arms supplies
//! that name materiel, battles read by the declined forms of `бой`, sentences passed by a
//! court. Sentences of our own with made-up states; each word's part of speech, features and
//! lemma are written by hand (so the reading is tested, not the tagger); the shipped rule
//! files are read as they are.

mod common;
mod shipped;

use armsgraph_model::*;
use common::*;
use shipped::*;
use EntityKind::*;

fn one(ex: &Extraction, t: EventType) -> &Event {
    let found = events_of_type(ex, t);
    assert_eq!(found.len(), 1, "{:#?}", ex.events);
    found[0]
}

#[test]
fn ministers_of_two_states_hold_talks_as_a_dyad() {
    // `России и Турции` is one genitive attribute of `Министры`: both are its subject, and
    // talks between them are coded first side → second side.
    let ex = read_shipped(
        "ru",
        "Министры обороны Аркадии и Борении провели в столице переговоры о перемирии.",
        &[m("Аркадии", "XAR", State), m("Борении", "XBO", State)],
        "Министры/NOUN/Case=Nom/министр обороны/NOUN/Case=Gen/оборона Аркадии/PROPN/Case=Gen/аркадия и/CCONJ/_/и Борении/PROPN/Case=Gen/борения провели/VERB/Aspect=Perf|Tense=Past/провести в/ADP/_/в столице/NOUN/Case=Loc/столица переговоры/NOUN/Case=Acc/переговоры о/ADP/_/о перемирии/NOUN/Case=Loc/перемирие ./PUNCT/_/.",
    );
    let talks = one(&ex, EventType::Consult);
    assert_eq!(ids(&talks.actors), ["XAR"]);
    assert_eq!(ids(&talks.recipients), ["XBO"]);
}

#[test]
fn a_genitive_conjunct_shares_the_subject_case_of_its_head() {
    // `Борении` follows `и`, not its head noun: it is still the genitive of `Министры`, so the
    // subject of `встретились` with `Аркадии`.
    let ex = read_shipped(
        "ru",
        "Министры обороны Аркадии и Борении встретились в столице.",
        &[m("Аркадии", "XAR", State), m("Борении", "XBO", State)],
        "Министры/NOUN/Case=Nom/министр обороны/NOUN/Case=Gen/оборона Аркадии/PROPN/Case=Gen/аркадия и/CCONJ/_/и Борении/PROPN/Case=Gen/борения встретились/VERB/Aspect=Perf|Tense=Past/встретиться в/ADP/_/в столице/NOUN/Case=Loc/столица ./PUNCT/_/.",
    );
    let meeting = one(&ex, EventType::Consult);
    assert_eq!(ids(&meeting.actors), ["XAR"]);
    assert_eq!(ids(&meeting.recipients), ["XBO"]);
}

#[test]
fn coordinated_subjects_agree_as_a_dyad_and_a_lone_subject_keeps_its_partner_prep() {
    let ex = read_shipped(
        "ru",
        "Аркадия и Борения договорились о продлении перемирия.",
        &[m("Аркадия", "XAR", State), m("Борения", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия и/CCONJ/_/и Борения/PROPN/Case=Nom/борения договорились/VERB/Aspect=Perf|Tense=Past/договориться о/ADP/_/о продлении/NOUN/Case=Loc/продление перемирия/NOUN/Case=Gen/перемирие ./PUNCT/_/.",
    );
    let deal = one(&ex, EventType::Agree);
    assert_eq!(ids(&deal.actors), ["XAR"]);
    assert_eq!(ids(&deal.recipients), ["XBO"]);
    // Coordinated sides of an attack are not a dyad: both attacked.
    let ex = read_shipped(
        "ru",
        "Аркадия и Борения атаковали Целению.",
        &[
            m("Аркадия", "XAR", State),
            m("Борения", "XBO", State),
            m("Целению", "XCE", State),
        ],
        "Аркадия/PROPN/Case=Nom/аркадия и/CCONJ/_/и Борения/PROPN/Case=Nom/борения атаковали/VERB/Aspect=Perf|Tense=Past/атаковать Целению/PROPN/Case=Acc/целения ./PUNCT/_/.",
    );
    // Stop 30: one attack per coordinated attacker (`extract::distribute_conjuncts`).
    let attacks: Vec<(Vec<&str>, Vec<&str>)> = events_of_type(&ex, EventType::Assault)
        .into_iter()
        .map(|e| (ids(&e.actors), ids(&e.recipients)))
        .collect();
    assert_eq!(
        attacks,
        [(vec!["XAR"], vec!["XCE"]), (vec!["XBO"], vec!["XCE"])]
    );
}

#[test]
fn laying_the_blame_reads_its_object_noun_further_on() {
    let ex = read_shipped(
        "ru",
        "Аркадия возложила на Борению ответственность за срыв переговоров.",
        &[m("Аркадия", "XAR", State), m("Борению", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия возложила/VERB/Aspect=Perf|Tense=Past/возложить на/ADP/_/на Борению/PROPN/Case=Acc/борения ответственность/NOUN/Case=Acc/ответственность за/ADP/_/за срыв/NOUN/Case=Acc/срыв переговоров/NOUN/Case=Gen/переговоры ./PUNCT/_/.",
    );
    let blame = one(&ex, EventType::Accuse);
    assert_eq!(ids(&blame.actors), ["XAR"]);
    assert_eq!(ids(&blame.recipients), ["XBO"]);
    // Without the noun `возложить` is laying flowers, no accusation.
    let ex = read_shipped(
        "ru",
        "Президент Аркадии возложил венок к памятнику.",
        &[m("Аркадии", "XAR", State)],
        "Президент/NOUN/Case=Nom/президент Аркадии/PROPN/Case=Gen/аркадия возложил/VERB/Aspect=Perf|Tense=Past/возложить венок/NOUN/Case=Acc/венок к/ADP/_/к памятнику/NOUN/Case=Dat/памятник ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Accuse).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn supplies_are_arms_aid_only_with_materiel_in_their_clause() {
    let ex = read_shipped(
        "ru",
        "Аркадия ограничила поставки газа в Борению.",
        &[m("Аркадия", "XAR", State), m("Борению", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия ограничила/VERB/Aspect=Perf|Tense=Past/ограничить поставки/NOUN/Case=Acc/поставка газа/NOUN/Case=Gen/газ в/ADP/_/в Борению/PROPN/Case=Acc/борения ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Aid).is_empty(),
        "{:#?}",
        ex.events
    );
    let ex = read_shipped(
        "ru",
        "Аркадия поставила оружие в Борению.",
        &[m("Аркадия", "XAR", State), m("Борению", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия поставила/VERB/Aspect=Perf|Tense=Past/поставить оружие/NOUN/Case=Acc/оружие в/ADP/_/в Борению/PROPN/Case=Acc/борения ./PUNCT/_/.",
    );
    let aid = one(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["XAR"]);
    assert_eq!(ids(&aid.recipients), ["XBO"]);
}

#[test]
fn battles_are_read_by_the_forms_of_boi_not_by_any_word_starting_bo() {
    let ex = read_shipped(
        "ru",
        "Участие Аркадии в большой встрече более невозможно.",
        &[m("Аркадии", "XAR", State)],
        "Участие/NOUN/Case=Nom/участие Аркадии/PROPN/Case=Gen/аркадия в/ADP/_/в большой/ADJ/Case=Loc/большой встрече/NOUN/Case=Loc/встреча более/ADV/_/более невозможно/ADV/_/невозможно ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Assault).is_empty(),
        "{:#?}",
        ex.events
    );
    let ex = read_shipped(
        "ru",
        "Войска Аркадии вели бои с армией Борении.",
        &[m("Аркадии", "XAR", State), m("Борении", "XBO", State)],
        "Войска/NOUN/Case=Nom/войско Аркадии/PROPN/Case=Gen/аркадия вели/VERB/Aspect=Imp|Tense=Past/вести бои/NOUN/Case=Acc/бой с/ADP/_/с армией/NOUN/Case=Ins/армия Борении/PROPN/Case=Gen/борения ./PUNCT/_/.",
    );
    assert_eq!(
        events_of_type(&ex, EventType::Assault).len(),
        1,
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_sentence_passed_by_a_court_is_its_states_act() {
    let ex = read_shipped(
        "ru",
        "Судом Аркадии оппозиционер Иван Орлов был приговорен к пяти годам.",
        &[
            m("Аркадии", "XAR", State),
            m("Иван Орлов", "person:ivan-orlov", Person),
        ],
        "Судом/NOUN/Case=Ins/суд Аркадии/PROPN/Case=Gen/аркадия оппозиционер/NOUN/Case=Nom/оппозиционер Иван/PROPN/Case=Nom/иван Орлов/PROPN/Case=Nom/орлов был/AUX/_/быть приговорен/VERB/Voice=Pass/приговорить к/ADP/_/к пяти/NUM/Case=Dat/пять годам/NOUN/Case=Dat/год ./PUNCT/_/.",
    );
    let sentence = one(&ex, EventType::Coerce);
    assert_eq!(ids(&sentence.actors), ["XAR"]);
    assert_eq!(ids(&sentence.recipients), ["person:ivan-orlov"]);
}

#[test]
fn the_sides_are_the_parties_named_before() {
    let ex = read_shipped(
        "ru",
        "Аркадия и Борения провели переговоры в столице. Стороны договорились о продлении перемирия.",
        &[m("Аркадия", "XAR", State), m("Борения", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия и/CCONJ/_/и Борения/PROPN/Case=Nom/борения провели/VERB/Aspect=Perf|Tense=Past/провести переговоры/NOUN/Case=Acc/переговоры в/ADP/_/в столице/NOUN/Case=Loc/столица ./PUNCT/_/. Стороны/NOUN/Case=Nom|Number=Plur/сторона договорились/VERB/Aspect=Perf|Tense=Past/договориться о/ADP/_/о продлении/NOUN/Case=Loc/продление перемирия/NOUN/Case=Gen/перемирие ./PUNCT/_/.",
    );
    let deal = one(&ex, EventType::Agree);
    assert_eq!(ids(&deal.actors), ["XAR"]);
    assert_eq!(ids(&deal.recipients), ["XBO"]);
    // `со стороны` is an agent phrase, not the sides: nothing is borrowed.
    let ex = read_shipped(
        "ru",
        "Аркадия и Борения провели переговоры в столице. Со стороны гостей договорились о встрече.",
        &[m("Аркадия", "XAR", State), m("Борения", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия и/CCONJ/_/и Борения/PROPN/Case=Nom/борения провели/VERB/Aspect=Perf|Tense=Past/провести переговоры/NOUN/Case=Acc/переговоры в/ADP/_/в столице/NOUN/Case=Loc/столица ./PUNCT/_/. Со/ADP/_/со стороны/NOUN/Case=Gen/сторона гостей/NOUN/Case=Gen/гость договорились/VERB/Aspect=Perf|Tense=Past/договориться о/ADP/_/о встрече/NOUN/Case=Loc/встреча ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Agree).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn an_office_holder_read_as_their_state_is_named_as_the_person_too() {
    let text = "Премьер Аркадии Иван Орлов осудил Борению.";
    let mut ex = with_morphology(
        extraction(
            "doc",
            "ru",
            None,
            text,
            &[
                m("Аркадии", "XAR", State),
                m("Иван Орлов", "person:ivan-orlov", Person),
                m("Борению", "XBO", State),
            ],
            &[],
        ),
        "Премьер/NOUN/Case=Nom/премьер Аркадии/PROPN/Case=Gen/аркадия Иван/PROPN/Case=Nom/иван Орлов/PROPN/Case=Nom/орлов осудил/VERB/Aspect=Perf|Tense=Past/осудить Борению/PROPN/Case=Acc/борения ./PUNCT/_/.",
    );
    // The NLP stage's office-holder mention: the state on the person's span.
    let person = ex
        .entities
        .iter()
        .find(|e| e.entity == "person:ivan-orlov")
        .cloned()
        .expect("person mention");
    ex.entities.push(Mention {
        entity: "XAR".into(),
        kind: State,
        method: LinkMethod::OfficeHolder,
        antecedent: Some(person.span),
        ..person
    });
    ex.entities.sort_by_key(|e| e.span.start);
    shipped_reader().annotate(&mut ex);
    let blame = one(&ex, EventType::Accuse);
    assert_eq!(ids(&blame.actors), ["person:ivan-orlov", "XAR"]);
    assert_eq!(ids(&blame.recipients), ["XBO"]);
}

#[test]
fn a_threat_with_no_addressee_answers_the_act_of_the_sentence_before() {
    let words = "Аркадия/PROPN/Case=Nom/аркадия ввела/VERB/Aspect=Perf|Tense=Past/ввести санкции/NOUN/Case=Acc/санкция против/ADP/_/против Борении/PROPN/Case=Gen/борения ./PUNCT/_/.";
    let threat = "Борения/PROPN/Case=Nom/борения пригрозила/VERB/Aspect=Perf|Tense=Past/пригрозить ответными/ADJ/Case=Ins/ответный мерами/NOUN/Case=Ins/мера ./PUNCT/_/.";
    let ex = read_shipped(
        "ru",
        "Аркадия ввела санкции против Борении. Борения пригрозила ответными мерами.",
        &[
            m("Аркадия", "XAR", State),
            m("Борении", "XBO", State),
            m("Борения", "XBO", State),
        ],
        &format!("{words} {threat}"),
    );
    let t = one(&ex, EventType::Threaten);
    assert_eq!(ids(&t.actors), ["XBO"]);
    assert_eq!(ids(&t.recipients), ["XAR"]);
    // Only the sentence right before: a sentence between breaks the exchange.
    let ex = read_shipped(
        "ru",
        "Аркадия ввела санкции против Борении. Погода была хорошей. Борения пригрозила ответными мерами.",
        &[m("Аркадия", "XAR", State), m("Борении", "XBO", State), m("Борения", "XBO", State)],
        &format!("{words} Погода/NOUN/Case=Nom/погода была/AUX/_/быть хорошей/ADJ/Case=Ins/хороший ./PUNCT/_/. {threat}"),
    );
    let t = one(&ex, EventType::Threaten);
    assert!(t.recipients.is_empty(), "{:#?}", t.recipients);
}

#[test]
fn a_reply_is_addressed_to_the_other_side_not_to_a_second_party_of_its_own() {
    // Stop 26: the act before names the actor beside a second party of its own side (a
    // company and its head); the reply goes to that act's recipients, here none.
    let words = "Аркадгаз/PROPN/Case=Nom/аркадгаз и/CCONJ/_/и Ивлев/PROPN/Case=Nom/ивлев пообещали/VERB/Aspect=Perf|Tense=Past/пообещать ограничить/VERB/Aspect=Perf/ограничить поставки/NOUN/Case=Acc/поставка ./PUNCT/_/.";
    let threat = "Аркадгаз/PROPN/Case=Nom/аркадгаз пригрозил/VERB/Aspect=Perf|Tense=Past/пригрозить ответными/ADJ/Case=Ins/ответный мерами/NOUN/Case=Ins/мера ./PUNCT/_/.";
    let text =
        "Аркадгаз и Ивлев пообещали ограничить поставки. Аркадгаз пригрозил ответными мерами.";
    let mentions = [
        m("Аркадгаз", "XCO", Organisation),
        m("Ивлев", "person:ivan-ivlev", Person),
    ];
    let ex = read_shipped("ru", text, &mentions, &format!("{words} {threat}"));
    let threats = events_of_type(&ex, EventType::Threaten);
    let reply = threats
        .iter()
        .find(|t| ids(&t.actors) == ["XCO"])
        .unwrap_or_else(|| panic!("the reply in {threats:#?}"));
    assert!(
        !ids(&reply.recipients).contains(&"person:ivan-ivlev"),
        "{:#?}",
        reply.recipients
    );
}

#[test]
fn a_protest_that_took_place_is_its_places_protesters_one_named_in_passing_is_not() {
    let ex = read_shipped(
        "ru",
        "В Аркадии состоялась акция протеста против реформы.",
        &[m("Аркадии", "XAR", State)],
        "В/ADP/_/в Аркадии/PROPN/Case=Loc/аркадия состоялась/VERB/Aspect=Perf|Tense=Past/состояться акция/NOUN/Case=Nom/акция протеста/NOUN/Case=Gen/протест против/ADP/_/против реформы/NOUN/Case=Gen/реформа ./PUNCT/_/.",
    );
    let protest = one(&ex, EventType::Protest);
    assert_eq!(ids(&protest.actors), ["XAR.protesters"]);
    let ex = read_shipped(
        "ru",
        "В Аркадии обсуждали акцию протеста против реформы.",
        &[m("Аркадии", "XAR", State)],
        "В/ADP/_/в Аркадии/PROPN/Case=Loc/аркадия обсуждали/VERB/Aspect=Imp|Tense=Past/обсуждать акцию/NOUN/Case=Acc/акция протеста/NOUN/Case=Gen/протест против/ADP/_/против реформы/NOUN/Case=Gen/реформа ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Protest).is_empty(),
        "{:#?}",
        ex.events
    );
}

#[test]
fn a_promise_of_restriction_is_a_threat_other_promises_stay_pledges() {
    // Stop 26: PLOVER THREATEN covers a promised coercive act (CAMEO 13x); other promises are
    // AGREE as before. Made-up states.
    let ex = read_shipped(
        "ru",
        "Аркадия пообещала ограничить поставки газа в Борению.",
        &[m("Аркадия", "XAR", State), m("Борению", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия пообещала/VERB/Aspect=Perf|Tense=Past/пообещать ограничить/VERB/Aspect=Perf/ограничить поставки/NOUN/Case=Acc/поставка газа/NOUN/Case=Gen/газ в/ADP/_/в Борению/PROPN/Case=Acc/борения ./PUNCT/_/.",
    );
    assert_eq!(ids(&one(&ex, EventType::Threaten).actors), ["XAR"]);
    assert!(events_of_type(&ex, EventType::Agree).is_empty());
    let ex = read_shipped(
        "ru",
        "Аркадия пообещала помочь Борении.",
        &[m("Аркадия", "XAR", State), m("Борении", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия пообещала/VERB/Aspect=Perf|Tense=Past/пообещать помочь/VERB/Aspect=Perf/помочь Борении/PROPN/Case=Dat/борения ./PUNCT/_/.",
    );
    assert!(events_of_type(&ex, EventType::Threaten).is_empty());
}

#[test]
fn a_request_is_addressed_to_the_agent_of_the_act_it_demands() {
    // Stop 26: `настаивать на возвращении X-ом …`: the instrumental agent of the demanded
    // act's noun is the one asked. Made-up states.
    let ex = read_shipped(
        "ru",
        "Аркадия потребовала возвращения Боренией спорных островов.",
        &[m("Аркадия", "XAR", State), m("Боренией", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия потребовала/VERB/Aspect=Perf|Tense=Past/потребовать возвращения/NOUN/Case=Gen/возвращение Боренией/PROPN/Case=Ins/борения спорных/ADJ/Case=Gen/спорный островов/NOUN/Case=Gen/остров ./PUNCT/_/.",
    );
    let r = one(&ex, EventType::Request);
    assert_eq!(ids(&r.actors), ["XAR"]);
    assert_eq!(ids(&r.recipients), ["XBO"]);
}

#[test]
fn an_agreement_noun_is_an_act_only_where_its_clause_concludes_it() {
    // Stop 26: `подписали соглашение` is AGREE; a protest against an agreement names the
    // document, no act of agreeing. Made-up states.
    let ex = read_shipped(
        "ru",
        "Аркадия и Борения подписали соглашение.",
        &[m("Аркадия", "XAR", State), m("Борения", "XBO", State)],
        "Аркадия/PROPN/Case=Nom/аркадия и/CCONJ/_/и Борения/PROPN/Case=Nom/борения подписали/VERB/Aspect=Perf|Tense=Past/подписать соглашение/NOUN/Case=Acc/соглашение ./PUNCT/_/.",
    );
    assert!(!events_of_type(&ex, EventType::Agree).is_empty());
    let ex = read_shipped(
        "ru",
        "В Аркадии прошла акция протеста против соглашения с Боренией.",
        &[m("Аркадии", "XAR", State), m("Боренией", "XBO", State)],
        "В/ADP/_/в Аркадии/PROPN/Case=Loc/аркадия прошла/VERB/Aspect=Perf|Tense=Past/пройти акция/NOUN/Case=Nom/акция протеста/NOUN/Case=Gen/протест против/ADP/_/против соглашения/NOUN/Case=Gen/соглашение с/ADP/_/с Боренией/PROPN/Case=Ins/борения ./PUNCT/_/.",
    );
    assert!(
        events_of_type(&ex, EventType::Agree).is_empty(),
        "{:#?}",
        events_of_type(&ex, EventType::Agree)
    );
}

/// Stop 37: a weapon the pipeline named is what a giving verb hands over, though no arms word
/// of the rule's list stands there (`передаст … комплексы Patriot`); made-up states and system.
#[test]
fn a_named_weapon_is_the_object_of_a_transfer() {
    let ex = read_shipped(
        "ru",
        "Аркадия передаст Борении комплексы Зорька.",
        &[
            m("Аркадия", "XAR", State),
            m("Борении", "XBO", State),
            m("комплексы Зорька", "weapon:zorka", WeaponSystem),
        ],
        "Аркадия/PROPN/Case=Nom/аркадия передаст/VERB/Aspect=Perf|Tense=Fut|VerbForm=Fin/передать Борении/PROPN/Case=Dat/борения комплексы/NOUN/Case=Acc/комплекс Зорька/PROPN/Case=Nom/зорька ./PUNCT/_/.",
    );
    let aid = one(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["XAR"], "{aid:#?}");
    assert_eq!(ids(&aid.recipients), ["XBO"], "{aid:#?}");
}

/// Stop 37: people who go out to a protest (`вышли на акцию протеста`) protest, and the crowd
/// of civilians is coded as protesters, as PLOVER does. Made-up state.
#[test]
fn people_going_out_to_a_protest_are_protesters() {
    let ex = read_shipped(
        "ru",
        "Тысячи людей вышли на акцию протеста против правительства Аркадии.",
        &[m("людей", "XAR.civilians", Agent), m("Аркадии", "XAR", State)],
        "Тысячи/NOUN/Case=Nom/тысяча людей/NOUN/Case=Gen/человек вышли/VERB/Aspect=Perf|Tense=Past|VerbForm=Fin/выйти на/ADP/_/на акцию/NOUN/Case=Acc/акция протеста/NOUN/Case=Gen/протест против/ADP/_/против правительства/NOUN/Case=Gen/правительство Аркадии/PROPN/Case=Gen/аркадия ./PUNCT/_/.",
    );
    let protest = one(&ex, EventType::Protest);
    assert_eq!(ids(&protest.actors), ["XAR.protesters"], "{protest:#?}");
}
