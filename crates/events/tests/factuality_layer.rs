//! The factuality layer over the parse (issue 12, stop 26), on sentences of our own with
//! made-up states and hand-written parses (lemmas in the sixth field): an act governed by a
//! threat or demand is no event of its own, by a refusal is denied, by a plan is to come, by
//! a consideration is possible.

mod common;

use armsgraph_events::EventReader;
use armsgraph_kb::DataFiles;
use armsgraph_model::*;
use common::*;
use EntityKind::*;

fn read(text: &str, parse: &str) -> Extraction {
    let mentions = [m("Ruritania", "RUR", State), m("Borduria", "BOR", State)];
    let mut ex = with_parses(
        extraction("doc", "en", None, text, &mentions, &[]),
        &[("", parse)],
    );
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    ex
}

#[test]
fn a_threatened_strike_is_the_threat_only() {
    let ex = read(
        "Ruritania threatened to attack Borduria.",
        "Ruritania/PROPN/2/nsubj threatened/VERB/0/root/_/threaten to/PART/4/mark attack/VERB/2/xcomp/_/attack Borduria/PROPN/4/obj ./PUNCT/2/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Assault).is_empty(),
        "{:?}",
        summaries(&ex)
    );
    assert_eq!(ids(&of_type(&ex, EventType::Threaten).actors), ["RUR"]);
}

#[test]
fn a_threatened_attack_as_a_noun_is_the_threat_only() {
    let ex = read(
        "Ruritania threatened an attack on Borduria.",
        "Ruritania/PROPN/2/nsubj threatened/VERB/0/root/_/threaten an/DET/4/det attack/NOUN/2/obj/_/attack on/ADP/6/case Borduria/PROPN/4/nmod ./PUNCT/2/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Assault).is_empty(),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn a_refused_act_is_denied_a_planned_one_future_a_considered_one_hypothetical() {
    let refused = read(
        "Ruritania refused to attack Borduria.",
        "Ruritania/PROPN/2/nsubj refused/VERB/0/root/_/refuse to/PART/4/mark attack/VERB/2/xcomp/_/attack Borduria/PROPN/4/obj ./PUNCT/2/punct",
    );
    let e = of_type(&refused, EventType::Assault);
    assert_eq!(
        e.factuality,
        Factuality::Denied,
        "{:?}",
        summaries(&refused)
    );
    let planned = read(
        "Ruritania plans to attack Borduria.",
        "Ruritania/PROPN/2/nsubj plans/VERB/0/root/_/plan to/PART/4/mark attack/VERB/2/xcomp/_/attack Borduria/PROPN/4/obj ./PUNCT/2/punct",
    );
    assert_eq!(
        of_type(&planned, EventType::Assault).factuality,
        Factuality::Future
    );
    let considered = read(
        "Ruritania is considering attacking Borduria.",
        "Ruritania/PROPN/3/nsubj is/AUX/3/aux considering/VERB/0/root/_/consider attacking/VERB/3/xcomp/_/attack Borduria/PROPN/4/obj ./PUNCT/3/punct",
    );
    assert_eq!(
        of_type(&considered, EventType::Assault).factuality,
        Factuality::Hypothetical
    );
}

#[test]
fn an_obligation_is_no_act() {
    // `Ruritania must withdraw`: what one must do has not been done (a demand, if anyone's).
    let ex = read(
        "Ruritania must attack Borduria.",
        "Ruritania/PROPN/3/nsubj must/AUX/3/aux attack/VERB/0/root/_/attack Borduria/PROPN/3/obj ./PUNCT/3/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Assault).is_empty(),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn an_asserted_attack_stays_asserted() {
    let ex = read(
        "Ruritania attacked Borduria.",
        "Ruritania/PROPN/2/nsubj attacked/VERB/0/root/_/attack Borduria/PROPN/2/obj ./PUNCT/2/punct",
    );
    let e = of_type(&ex, EventType::Assault);
    assert_eq!(e.factuality, Factuality::Asserted);
    assert_eq!(ids(&e.recipients), ["BOR"]);
}

fn read_two(text: &str, parses: &[(&str, &str)]) -> Extraction {
    let mentions = [
        m("Ruritania", "RUR", State),
        m("Borduria", "BOR", State),
        m("Bordurian protesters", "BOR.protesters", Group),
    ];
    let mut ex = with_parses(extraction("doc", "en", None, text, &mentions, &[]), parses);
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    ex
}

#[test]
fn a_reaction_answers_the_other_side_of_the_act_before_not_the_reactors_own_people() {
    // `[grammar] reply_recipients` (en, stop 26): the condemnation answers Ruritania.
    let ex = read_two(
        "Ruritania imposed sanctions on Borduria and Bordurian protesters. Borduria condemned the decision.",
        &[
            ("Ruritania", "Ruritania/PROPN/2/nsubj imposed/VERB/0/root/_/impose sanctions/NOUN/2/obj/_/sanction on/ADP/5/case Borduria/PROPN/2/obl and/CCONJ/8/cc Bordurian/ADJ/8/amod protesters/NOUN/5/conj ./PUNCT/2/punct"),
            ("Borduria condemned", "Borduria/PROPN/2/nsubj condemned/VERB/0/root/_/condemn the/DET/4/det decision/NOUN/2/obj ./PUNCT/2/punct"),
        ],
    );
    let accuse = of_type(&ex, EventType::Accuse);
    assert_eq!(ids(&accuse.actors), ["BOR"], "{:?}", summaries(&ex));
    assert_eq!(ids(&accuse.recipients), ["RUR"], "{:?}", summaries(&ex));
}

#[test]
fn a_request_with_an_object_of_its_own_answers_no_one_before() {
    // `asked allies to …`: the addressee is named (though no known party).
    let ex = read_two(
        "Ruritania imposed sanctions on Borduria. Borduria asked allies to help.",
        &[
            ("Ruritania", "Ruritania/PROPN/2/nsubj imposed/VERB/0/root/_/impose sanctions/NOUN/2/obj/_/sanction on/ADP/5/case Borduria/PROPN/2/obl ./PUNCT/2/punct"),
            ("Borduria asked", "Borduria/PROPN/2/nsubj asked/VERB/0/root/_/ask allies/NOUN/2/obj/_/ally to/PART/5/mark help/VERB/2/xcomp ./PUNCT/2/punct"),
        ],
    );
    let request = of_type(&ex, EventType::Request);
    assert!(request.recipients.is_empty(), "{:?}", summaries(&ex));
}

#[test]
fn a_pledged_act_is_the_event_to_come_and_the_pledge_gives_way() {
    // The parser hung the infinitive on the pledge as an adverbial clause (as it does on
    // `pledged in turn to supply …`): it is still the pledge's complement.
    let ex = read(
        "Ruritania pledged in turn to supply weapons to Borduria.",
        "Ruritania/PROPN/2/nsubj pledged/VERB/0/root/_/pledge in/ADP/4/case turn/NOUN/2/obl to/PART/6/mark supply/VERB/2/advcl/VerbForm=Inf/supply weapons/NOUN/6/obj/_/weapon to/ADP/9/case Borduria/PROPN/6/obl ./PUNCT/2/punct",
    );
    assert!(
        events_of_type(&ex, EventType::Agree).is_empty(),
        "{:?}",
        summaries(&ex)
    );
    let aid = of_type(&ex, EventType::Aid);
    assert_eq!(ids(&aid.actors), ["RUR"], "{:?}", summaries(&ex));
    assert_eq!(aid.factuality, Factuality::Future, "{:?}", summaries(&ex));
}

#[test]
fn a_pledge_of_nothing_coded_is_still_an_agreement() {
    let ex = read(
        "Ruritania pledged to rebuild its ties with Borduria.",
        "Ruritania/PROPN/2/nsubj pledged/VERB/0/root/_/pledge to/PART/4/mark rebuild/VERB/2/xcomp/VerbForm=Inf/rebuild its/PRON/6/nmod:poss ties/NOUN/4/obj/_/tie with/ADP/8/case Borduria/PROPN/6/nmod ./PUNCT/2/punct",
    );
    assert!(
        !events_of_type(&ex, EventType::Agree).is_empty(),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn states_that_pledge_an_act_each_commit_to_it_also_after_a_dotted_abbreviation() {
    // `The U.S., China and Japan pledged …`: the name is `U.S` (its period closes the
    // abbreviation); the list is still one coordination, each state an AID of its own.
    let text = "The R.U., Borduria and Zembla pledged to supply weapons.";
    let mentions = [
        m("R.U", "RUR", State),
        m("Borduria", "BOR", State),
        m("Zembla", "ZEM", State),
    ];
    let mut ex = extraction("doc", "en", None, text, &mentions, &[]);
    // One sentence, as the segmenter reads it (a dotted abbreviation's period is inside it).
    ex.sentences = vec![Sentence {
        span: Span::new(0, text.chars().count()),
        paragraph: 0,
    }];
    let mut ex = with_parses(
        ex,
        &[("", "The/DET/2/det R.U./PROPN/7/nsubj ,/PUNCT/4/punct Borduria/PROPN/2/conj and/CCONJ/6/cc Zembla/PROPN/2/conj pledged/VERB/0/root/_/pledge to/PART/9/mark supply/VERB/7/xcomp/VerbForm=Inf/supply weapons/NOUN/9/obj/_/weapon ./PUNCT/7/punct")],
    );
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    let aid = events_of_type(&ex, EventType::Aid);
    let mut actors: Vec<Vec<&str>> = aid.iter().map(|e| ids(&e.actors)).collect();
    actors.sort();
    assert_eq!(actors, [["BOR"], ["RUR"], ["ZEM"]], "{:?}", summaries(&ex));
    assert!(aid.iter().all(|e| e.factuality == Factuality::Future));
    assert!(
        events_of_type(&ex, EventType::Agree).is_empty(),
        "{:?}",
        summaries(&ex)
    );
}

#[test]
fn civilians_are_never_the_authors_of_force() {
    // A victim read as the subject (`our women do not fight`, a clause's other party) is no
    // attacker: the act keeps its target (`[grammar] noncombatant_sectors`, stop 35).
    let text = "Bordurian civilians attacked Ruritania.";
    let mentions = [
        m("Bordurian civilians", "BOR.civilians", Agent),
        m("Ruritania", "RUR", State),
    ];
    let mut ex = with_parses(
        extraction("doc", "en", None, text, &mentions, &[]),
        &[("", "Bordurian/ADJ/2/amod civilians/NOUN/3/nsubj/_/civilian attacked/VERB/0/root/_/attack Ruritania/PROPN/3/obj ./PUNCT/3/punct")],
    );
    EventReader::load(&DataFiles::Embedded)
        .expect("rules")
        .annotate(&mut ex);
    for e in events_of_type(&ex, EventType::Assault) {
        assert!(e.actors.is_empty(), "{:?}", summaries(&ex));
        assert_eq!(ids(&e.recipients), ["RUR"], "{:?}", summaries(&ex));
    }
    assert!(!events_of_type(&ex, EventType::Assault).is_empty());
}
