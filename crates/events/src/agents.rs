//! Generic actors get the state the report places them in, as analysts code them (ACLED and
//! PLOVER code `police`, `protesters`, `government troops` with the country of the event).
//!
//! A generic actor whose own noun phrase names no state (`government troops`, `Demonstranten`,
//! `полиция`) takes, in this order: the state of a place named in its sentence (`in Hamburg`
//! → DEU), else the document's focus — the state its states and places name most often, when
//! one clearly leads. Nothing is invented when neither holds.

use std::collections::{HashMap, HashSet};

use armsgraph_kb::Kb;
use armsgraph_model::{EntityKind, EventType, LinkMethod, Participant};

use crate::extract::Found;
use crate::rules::LanguageRules;
use crate::text::DocView;

/// The state of a mention for counting the document's focus: a state itself, a place's or a
/// generic actor's state.
fn state_of_mention(
    kb: &Kb,
    kind: EntityKind,
    entity: &str,
    country: Option<&str>,
) -> Option<String> {
    match kind {
        EntityKind::State => Some(entity.to_string()),
        EntityKind::Place => kb
            .country_of(entity)
            .map(str::to_string)
            .or_else(|| country.map(str::to_string)),
        EntityKind::Agent => country.map(str::to_string),
        _ => None,
    }
}

/// The state a state or place mention stands for (a place's by the knowledge base, else as
/// the NLP stage located it); none for other kinds.
pub(crate) fn state_named(kb: &Kb, m: &armsgraph_model::Mention) -> Option<String> {
    match m.kind {
        EntityKind::State | EntityKind::Place => {
            state_of_mention(kb, m.kind, &m.entity, m.country.as_deref())
        }
        _ => None,
    }
}

/// The state the document is about: named most often by its states, places and located
/// generic actors, and at least twice as often as the runner-up (else none: a story about two
/// states has no single focus).
pub(crate) fn focus(view: &DocView, kb: &Kb) -> Option<String> {
    focus_at_least(view, kb, 2)
}

/// [`focus`], or the only state a short report names at all (`Tausende Menschen haben in
/// Tiflis demonstriert. Die Demonstranten forderten …`): where its unnamed actors are.
pub(crate) fn place_focus(view: &DocView, kb: &Kb) -> Option<String> {
    focus_at_least(view, kb, 1)
}

fn focus_at_least(view: &DocView, kb: &Kb, least: usize) -> Option<String> {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for (order, p) in view.placed.iter().enumerate() {
        if let Some(s) = state_of_mention(kb, p.m.kind, &p.m.entity, p.m.country.as_deref()) {
            let e = counts.entry(s).or_insert((0, order));
            e.0 += 1;
        }
    }
    let mut ranked: Vec<(String, (usize, usize))> = counts.into_iter().collect();
    // Most mentions first; ties by first mention.
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    let (top, (n, _)) = ranked.first()?.clone();
    let second = ranked.get(1).map(|r| r.1 .0).unwrap_or(0);
    (n >= least && n >= 2 * second).then_some(top)
}

/// A place opening its sentence in capitals (`AMMAN (Reuters) -`, `NINGBO, China —`) is where
/// the report was filed, not where the event happened.
fn dateline(view: &DocView, start: usize, sentence_start: usize) -> bool {
    start == sentence_start
        && view.toks.get(start).is_some_and(|t| {
            let text: String = view.chars[t.span.start..t.span.end.min(view.chars.len())]
                .iter()
                .collect();
            text.chars().count() > 1 && !text.chars().any(char::is_lowercase)
        })
}

/// Token index of the sentence holding a char offset.
fn sentence_of(view: &DocView, ch: usize) -> Option<(usize, usize)> {
    let t = crate::text::tok_at_or_after(&view.toks, ch);
    // Sentences are in text order: the last one starting at or before `t`.
    let k = view.sentences.partition_point(|(a, _)| *a <= t);
    view.sentences
        .get(k.checked_sub(1)?)
        .copied()
        .filter(|(_, b)| t < *b)
}

/// The generic actors the document names without a state (`military`, `militants`). A set:
/// every participant is looked up in it (a list made `locate` quadratic).
fn bare_agents<'v>(view: &DocView<'v>) -> HashSet<&'v str> {
    view.ex
        .entities
        .iter()
        .filter(|m| m.kind == EntityKind::Agent && !m.entity.contains('.'))
        .map(|m| m.entity.as_str())
        .collect()
}

/// Give each generic actor without a state the state of its sentence's place, else the
/// document's focus.
pub fn locate(found: &mut [Found], view: &DocView, kb: &Kb, lang: &LanguageRules) {
    let bare = bare_agents(view);
    if bare.is_empty() {
        return;
    }
    let doc_focus = place_focus(view, kb);
    let place_state = |span_start: usize| sentence_place_state(view, kb, lang, span_start);
    for f in found.iter_mut() {
        // The place of the event's own sentence (where its trigger is).
        let at = f.event.evidence.first().map(|e| e.trigger.start);
        let here = at.and_then(&place_state);
        let state = here
            .clone()
            .or_else(|| doc_focus.clone())
            .or_else(|| at.and_then(|ch| recent_place_state(view, kb, lang, ch)));
        // Each participant's own antecedent first: a force named with its state before
        // (`Israeli troops entered Jenin … gunmen fired at the troops`) is that state's, where
        // the scene would make it the place's.
        let place = |p: &mut Participant| {
            let own = p
                .span
                .filter(|_| here.is_none() || is_state_sector(sector_of(&p.entity)))
                .and_then(|sp| antecedent_state(view, &p.entity, sp.start));
            match own.as_deref().or(state.as_deref()) {
                Some(s) => locate_one(p, s, &bare),
                None => false,
            }
        };
        for p in f.event.actors.iter_mut() {
            place(p);
        }
        // A force behind a possessive of the subject (`withdrew its troops`, `zieht seine
        // Soldaten ab`) is the actor's own: it takes the actor's state before any place.
        let actor_state = f
            .event
            .actors
            .iter()
            .find_map(|a| a.entity.split('.').next().filter(|s| is_state_code(s)))
            .map(str::to_string);
        let located: Vec<bool> = f
            .event
            .recipients
            .iter_mut()
            .map(|p| match (&actor_state, p.span) {
                (Some(s), Some(sp)) if own_possessed(view, lang, sp.start) => {
                    locate_one(p, s, &bare)
                }
                _ => place(p),
            })
            .collect();
        // A state's own agent located in that state is the state: it is named once per
        // role, and a recipient it became is not also the actor (`police` of Pakistan acting
        // for Pakistan: PAK, not PAK → PAK).
        let actors: HashSet<String> = f.event.actors.iter().map(|a| a.entity.clone()).collect();
        let mut k = 0;
        f.event.recipients.retain(|r| {
            let keep = !(located[k] && actors.contains(&r.entity));
            k += 1;
            keep
        });
        dedup_entities(&mut f.event.actors);
        dedup_entities(&mut f.event.recipients);
    }
}

/// Give each quote spoken by a generic actor without a state (`the air force said`, `Die
/// Entführer teilten mit`, `medics said`) the state [`locate`] gives an event's: the same
/// force named with its state before, else the place of its sentence, the document's focus
/// or a recent sentence's place (stop 41).
pub fn locate_speakers(
    quotes: &mut [armsgraph_model::Quote],
    view: &DocView,
    kb: &Kb,
    lang: &LanguageRules,
) {
    let bare = bare_agents(view);
    if bare.is_empty() {
        return;
    }
    let mut doc_focus: Option<Option<String>> = None;
    for q in quotes.iter_mut() {
        let Some(sp) = q.speaker.as_mut() else {
            continue;
        };
        let (Some(entity), Some(span)) = (sp.entity.as_deref(), sp.span) else {
            continue;
        };
        if !bare.contains(entity) {
            continue;
        }
        let here = sentence_place_state(view, kb, lang, span.start);
        let own = (here.is_none() || is_state_sector(sector_of(entity)))
            .then(|| antecedent_state(view, entity, span.start))
            .flatten();
        let state = own.or(here).or_else(|| {
            doc_focus
                .get_or_insert_with(|| place_focus(view, kb))
                .clone()
                .or_else(|| recent_place_state(view, kb, lang, span.start))
        });
        let Some(state) = state else { continue };
        let mut p = Participant {
            entity: entity.to_string(),
            name: sp.name.clone(),
            span: Some(span),
            how: String::new(),
        };
        if locate_one(&mut p, &state, &bare) {
            sp.entity = Some(p.entity);
        }
    }
}

/// How many mentions back a generic actor looks for the same force named with its state.
const ANTECEDENT_MENTIONS: usize = 120;

/// The state of the nearest earlier mention of the same sector that names one (`the Israeli
/// army` … `the army`, `Georgian protesters` … `protesters`): news names a force with its
/// state once and without it after. Only a bare sector id (`military`) looks; the nearest
/// [`ANTECEDENT_MENTIONS`] mentions before `at` are read.
pub(crate) fn antecedent_state(view: &DocView, entity: &str, at: usize) -> Option<String> {
    if entity.contains('.') || !is_generic_actor(entity) {
        return None;
    }
    view.before(at)
        .take(ANTECEDENT_MENTIONS)
        .filter(|p| p.m.kind == EntityKind::Agent && p.m.span.end <= at)
        .find_map(|p| {
            let sector =
                p.m.sector
                    .as_deref()
                    .unwrap_or_else(|| sector_of(&p.m.entity));
            (sector == entity).then(|| p.m.country.clone()).flatten()
        })
}

/// Keep the first participant of each entity.
fn dedup_entities(list: &mut Vec<Participant>) {
    let mut seen: HashSet<String> = HashSet::new();
    list.retain(|p| seen.insert(p.entity.clone()));
}

/// The state of the first place named in the sentence holding char offset `ch` (a dateline
/// excluded). A state counts as a place where a location preposition governs it (`police in
/// Georgia`, `Demonstranten in Georgien`, `полиция в Грузии`): there it says where, not who.
pub(crate) fn sentence_place_state(
    view: &DocView,
    kb: &Kb,
    lang: &LanguageRules,
    ch: usize,
) -> Option<String> {
    let (a, b) = sentence_of(view, ch)?;
    view.mentions_in(a, b)
        .filter(|p| !dateline(view, p.start, a))
        .find_map(|p| match p.m.kind {
            EntityKind::Place => {
                state_of_mention(kb, p.m.kind, &p.m.entity, p.m.country.as_deref())
            }
            EntityKind::State if located_state(view, lang, p.start, a) => Some(p.m.entity.clone()),
            _ => None,
        })
}

/// How many sentences back a generic actor's place is looked for where neither its own
/// sentence nor a clear focus places it.
const RECENT_PLACE_SENTENCES: usize = 2;

/// The place of one of the [`RECENT_PLACE_SENTENCES`] sentences before the one holding char
/// offset `ch`, nearest first (stop 32: `Demonstranten blockierten … und forderten …` after
/// a sentence naming where the protest is, in a story naming several states): discourse
/// keeps the scene until another place is named.
pub(crate) fn recent_place_state(
    view: &DocView,
    kb: &Kb,
    lang: &LanguageRules,
    ch: usize,
) -> Option<String> {
    let t = crate::text::tok_at_or_after(&view.toks, ch);
    let k = view.sentences.partition_point(|(a, _)| *a <= t);
    let current = k.checked_sub(1)?;
    (current.saturating_sub(RECENT_PLACE_SENTENCES)..current)
        .rev()
        .find_map(|n| {
            let (a, _) = *view.sentences.get(n)?;
            let at = view.toks.get(a)?.span.start;
            sentence_place_state(view, kb, lang, at)
        })
}

/// A state mention starting at token `start` right after a location preposition of its
/// sentence (which starts at token `sentence_start`), a determiner allowed between (`in der
/// Ukraine`).
pub(crate) fn located_state(
    view: &DocView,
    lang: &LanguageRules,
    start: usize,
    sentence_start: usize,
) -> bool {
    let word = |i: usize| view.toks.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    let mut k = start;
    // One lower-case adjective may stand between (`in southern Lebanon`, `im benachbarten
    // Syrien`, `в соседней Сирии`; stop 41): a state's name is capitalised, so a lower-case
    // word before it is a modifier.
    if k > sentence_start + 1
        && view
            .toks
            .get(k - 1)
            .is_some_and(|t| t.is_word && !t.cap && !lang.location_preps.matches_word(&t.lower))
        && !lang.determiners.matches_word(word(k - 1))
    {
        k -= 1;
    }
    if k > sentence_start + 1 && lang.determiners.matches_word(word(k - 1)) {
        k -= 1;
    }
    k > sentence_start && lang.location_preps.matches_word(word(k - 1))
}

/// A state code (`DEU`, the `DEU` of `DEU.military`): three upper-case letters.
fn is_state_code(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Is the mention starting at char `start` behind a possessive of the subject, at most two
/// words (adjectives: `its last troops`, `своих оставшихся военных`) before it?
fn own_possessed(view: &DocView, lang: &LanguageRules, start: usize) -> bool {
    let t = crate::text::tok_at_or_after(&view.toks, start);
    let Some((a, _)) = view.sentence_of(t) else {
        return false;
    };
    (t.saturating_sub(3).max(a)..t).any(|k| {
        view.toks
            .get(k)
            .is_some_and(|w| lang.own_possessives.matches_word(&w.lower))
    })
}

/// Whether it located the participant.
fn locate_one(p: &mut Participant, state: &str, bare: &HashSet<&str>) -> bool {
    if p.entity.contains('.') || !bare.contains(&p.entity.as_str()) {
        return false;
    }
    p.entity = if is_state_sector(&p.entity) {
        state.to_string()
    } else {
        format!("{state}.{}", p.entity)
    };
    true
}

/// Sectors that are the state's own agents (PLOVER/ACLED code them as the state): its armed
/// forces, police and intelligence services. Rebels, militants, protesters, civilians … are not.
pub fn is_state_sector(sector: &str) -> bool {
    matches!(
        sector,
        "military" | "police" | "intelligence" | "government"
    )
}

/// The state an unnamed institution at token `i` serves (`die Regierung in Minsk` → BLR,
/// `правительство` in a story about Armenia → ARM): a state or place named right after it in
/// its phrase, else the place of its sentence, else the document's focus.
fn institution_state(
    view: &DocView,
    kb: &Kb,
    lang: &LanguageRules,
    i: usize,
    doc_focus: &mut Option<Option<String>>,
) -> Option<String> {
    let (a, b) = view.sentence_of(i)?;
    // `Regierung in Minsk`, `Regierung Griechenlands`, `правительства России`: a name within
    // two words after the noun.
    let named = view
        .starting_in(i + 1, (i + 3).min(b))
        .find_map(|p| state_named(kb, p.m));
    let at = view.toks.get(i.max(a))?.span.start;
    let state = named
        .or_else(|| sentence_place_state(view, kb, lang, at))
        .or_else(|| {
            doc_focus
                .get_or_insert_with(|| place_focus(view, kb))
                .clone()
        });
    // Every source above is a state mention or a place's state.
    state
}

/// Fill the roles that only an unnamed institution, an authority's passive or a protest's
/// crowd holds with the state it stands for, as PLOVER and ACLED code them: the government,
/// ministry or court as its state; an arrest with no agent as done by the state where it
/// happened; a protest with no named side as the protesters of the state where it happened.
pub fn resolve_unnamed(found: &mut [Found], view: &DocView, kb: &Kb, lang: &LanguageRules) {
    let mut doc_focus: Option<Option<String>> = None;
    let participant = |state: String, tok: Option<usize>, how: &str| {
        let span = tok.and_then(|i| view.toks.get(i)).map(|t| t.span);
        Participant {
            name: kb.name(&state).unwrap_or(&state).to_string(),
            entity: state,
            span,
            how: how.to_string(),
        }
    };
    for f in found.iter_mut() {
        if f.event.actors.is_empty() {
            if let Some(i) = f.institution_actor {
                // Never the state the act is aimed at (`die Regierung forderte Sanktionen gegen
                // Russland` in a story naming only Russia).
                if let Some(state) = institution_state(view, kb, lang, i, &mut doc_focus)
                    .filter(|s| !f.event.recipients.iter().any(|r| &r.entity == s))
                {
                    f.event
                        .actors
                        .push(participant(state, Some(i), "institution"));
                }
            }
        }
        if f.event.recipients.is_empty() {
            if let Some(i) = f.institution_recipient {
                if let Some(state) = institution_state(view, kb, lang, i, &mut doc_focus) {
                    if !f.event.actors.iter().any(|a| a.entity == state) {
                        f.event
                            .recipients
                            .push(participant(state, Some(i), "institution"));
                    }
                }
            }
        }
        let place = |doc_focus: &mut Option<Option<String>>| {
            let at = f.event.evidence.first().map(|e| e.trigger.start)?;
            sentence_place_state(view, kb, lang, at).or_else(|| {
                doc_focus
                    .get_or_insert_with(|| place_focus(view, kb))
                    .clone()
            })
        };
        if f.event.actors.is_empty() && f.authority_passive {
            if let Some(state) = place(&mut doc_focus) {
                f.event.actors.push(participant(state, None, "location"));
            }
        }
        // People who protest are its protesters (`Tausende Menschen demonstrierten`,
        // `Anwohner protestierten`): PLOVER and ACLED code a protest's side as protesters of
        // its state, whatever the word for the crowd (stop 27; `[grammar]
        // protest_side_protesters`).
        if lang.protest_side_protesters && f.event.event_type == armsgraph_model::EventType::Protest
        {
            for a in f.event.actors.iter_mut() {
                let crowd = match a.entity.strip_suffix("civilians") {
                    Some(state) if state.is_empty() || state.ends_with('.') => {
                        format!("{state}protesters")
                    }
                    _ => continue,
                };
                if a.name == a.entity {
                    a.name = crowd.clone();
                } else if a.name == "civilians" {
                    a.name = "protesters".to_string();
                }
                a.entity = crowd;
            }
        }
        // A protest noun is often named in passing (`die Kundgebung war genehmigt`, `über die
        // Demonstrationen berichtete`); a verb reports the act. A crowd already named in the
        // event (`students`) is its side.
        if f.event.actors.is_empty()
            && f.event.event_type == armsgraph_model::EventType::Protest
            && (f.verb_trigger || f.occurs)
            && !f.event.recipients.iter().any(|r| r.entity.contains('.'))
        {
            if let Some(state) = place(&mut doc_focus) {
                let entity = format!("{state}.protesters");
                f.event.actors.push(Participant {
                    name: entity.clone(),
                    entity,
                    span: None,
                    how: "location".to_string(),
                });
            }
        }
        // A protest naming no target is aimed at the government of the protesters' own state
        // (PLOVER and ACLED code the state where a crowd protests as its target): `S.protesters`
        // → S. Only for crowds located in a state, and where the language asks for it.
        if lang.protest_target_from_crowd
            && f.event.event_type == armsgraph_model::EventType::Protest
            && f.event.recipients.is_empty()
        {
            let crowd_state = f.event.actors.iter().find_map(|a| {
                let (state, sector) = a.entity.split_once('.')?;
                (!is_state_sector(sector) && kb.kind(state) == Some(EntityKind::State))
                    .then(|| state.to_string())
            });
            if let Some(state) = crowd_state {
                f.event
                    .recipients
                    .push(participant(state, None, "location"));
            }
        }
    }
    if lang.arrest_target_from_crowd {
        crowd_targets(found, view, kb);
    }
}

/// How many events back an arrest naming nobody looks for the protest it policed.
const POLICED_REACH: usize = 16;

/// `Elf Personen wurden festgenommen`, `die Polizei löste eine Demonstration auf`: an arrest or
/// crackdown (COERCE) by a state's authorities that names no one it was aimed at, right after
/// a protest by that state's crowd (`S.protesters`), or any protest when the authorities'
/// state is one the knowledge base knows, is aimed at that crowd: PLOVER and ACLED code
/// protest policing so. Only where the language asks for it (`[grammar]
/// arrest_target_from_crowd`).
///
/// The protest must be reported in the arrest's own sentence or the one before, or one of
/// these sentences must name a crowd (`Demonstranten`, `Protestierende`): a protest elsewhere in
/// the story says nothing of who an arrest was aimed at (a coup story with pro-coup rallies
/// and the president's capture; stop 26).
///
/// Further back than that sentence, an arrest takes the crowd of the nearest protest or
/// policing of its state within [`POLICED_REACH`] events before it (stop 40).
fn crowd_targets(found: &mut [Found], view: &DocView, kb: &Kb) {
    let state_of = |entity: &str| -> String {
        match entity.split_once('.') {
            Some((state, sector)) if is_state_sector(sector) => state.to_string(),
            Some(_) => String::new(),
            None => entity.to_string(),
        }
    };
    let crowds: HashSet<String> = found
        .iter()
        .filter(|f| f.event.event_type == EventType::Protest)
        .flat_map(|f| f.event.actors.iter())
        .filter(|a| a.entity.ends_with(".protesters"))
        .map(|a| a.entity.clone())
        .collect();
    let sentence_no = |f: &Found| sentence_number(view, f);
    // Every protest the story names, with a side or not (`die Krawalle`, `die Kundgebung war
    // genehmigt`), by sentence: the crowd it reports is the one the authorities police next.
    let protest_sentences: HashSet<usize> = found
        .iter()
        .filter(|f| f.event.event_type == EventType::Protest)
        .filter_map(sentence_no)
        .collect();
    // A sentence naming a crowd (a generic actor of the protesters' sector).
    let names_crowd = |n: usize| -> bool {
        view.sentences.get(n).is_some_and(|&(a, b)| {
            view.mentions_in(a, b).any(|p| {
                p.m.kind == EntityKind::Agent
                    && (p.m.entity == "protesters" || p.m.entity.ends_with(".protesters"))
            })
        })
    };
    for i in 0..found.len() {
        let f = &found[i];
        if f.event.event_type != EventType::Coerce || !f.event.recipients.is_empty() {
            continue;
        }
        let Some(own) = sentence_no(f) else { continue };
        let protests = protest_sentences.contains(&own)
            || (own > 0 && protest_sentences.contains(&(own - 1)))
            || names_crowd(own)
            || (own > 0 && names_crowd(own - 1));
        if !protests {
            // Further back, an arrest (not a crackdown of another kind) takes the crowd of
            // the nearest protest or policing before it whose state is the arresting one's,
            // or any where it names no agent (`41 Verhaftungen` in a story of riots; stop 40).
            if !matches!(f.event.mode.as_deref(), Some("arrest")) {
                continue;
            }
            let authorities: Vec<String> =
                f.event.actors.iter().map(|a| state_of(&a.entity)).collect();
            let crowd = found[i.saturating_sub(POLICED_REACH)..i]
                .iter()
                .rev()
                .find_map(|p| {
                    let side = match p.event.event_type {
                        EventType::Protest => &p.event.actors,
                        // `löste eine Demonstration auf`: the crowd it policed.
                        EventType::Coerce => &p.event.recipients,
                        _ => return None,
                    };
                    side.iter().find(|a| {
                        a.entity.strip_suffix(".protesters").is_some_and(|state| {
                            authorities.is_empty() || authorities.iter().any(|s| s == state)
                        })
                    })
                })
                .cloned();
            if let Some(crowd) = crowd {
                found[i].event.recipients.push(Participant {
                    how: "coreference".to_string(),
                    ..crowd
                });
            }
            continue;
        }
        let f = &mut found[i];
        let target = f.event.actors.iter().find_map(|a| {
            let state = state_of(&a.entity);
            let crowd = format!("{state}.protesters");
            // A crowd reported in the story is a located one; a protest with no located side
            // only counts for an actor the knowledge base knows as a state.
            (crowds.contains(&crowd) || (protests && kb.kind(&state) == Some(EntityKind::State)))
                .then_some(crowd)
        });
        if let Some(entity) = target {
            f.event.recipients.push(Participant {
                name: entity.clone(),
                entity,
                span: None,
                how: "coreference".to_string(),
            });
        }
    }
}

/// The number of an event's sentence in the document (`view.sentences` is in text order).
fn sentence_number(view: &DocView, f: &Found) -> Option<usize> {
    let (a, _) = sentence_of(view, f.event.evidence.first()?.sentence.start)?;
    Some(view.sentences.partition_point(|&(s, _)| s < a))
}

/// `UN-Generalsekretär Kofi Annan fordert … Neben … prangert der UN-Generalsekretär … an`: a
/// party read from a hyphenated compound (`LinkMethod::Compound`) with a determiner right
/// before it and no person right after it is a definite description; it stands for the person
/// an earlier use of the same compound stood before (an apposition), not for the organisation
/// in the compound. Only where the language asks for it (`[grammar]
/// role_compound_antecedents`).
pub fn role_compound_antecedents(found: &mut [Found], view: &DocView, lang: &LanguageRules) {
    let word = |i: usize| view.toks.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    let person_at = |tok: usize| {
        view.placed
            .iter()
            .skip(view.placed.partition_point(|q| q.start < tok))
            .take_while(|q| q.start == tok)
            .any(|q| q.m.kind == EntityKind::Person)
    };
    // Every hyphenated mention right before a person (only blanks between), by its lower-cased
    // text, with where it ends, in text order: the uses that introduced someone. Built once,
    // so the pass stays near-linear in the document (it was a scan of all mention pairs per
    // participant, which took minutes on a 300 KB document).
    let mentions = &view.ex.entities;
    let mut person_starting: HashMap<usize, &armsgraph_model::Mention> = HashMap::new();
    for r in mentions.iter().filter(|r| r.kind == EntityKind::Person) {
        person_starting.entry(r.span.start).or_insert(r);
    }
    let mut introduced: HashMap<String, Vec<(usize, &armsgraph_model::Mention)>> = HashMap::new();
    for q in mentions {
        let text = view.text(q.span);
        if !text.contains('-') {
            continue;
        }
        let mut at = q.span.end;
        while view.chars.get(at).is_some_and(|c| c.is_whitespace()) {
            at += 1;
        }
        if at == q.span.end {
            continue;
        }
        if let Some(person) = person_starting.get(&at) {
            introduced
                .entry(text.to_lowercase())
                .or_default()
                .push((q.span.end, person));
        }
    }
    if introduced.is_empty() {
        return;
    }
    for uses in introduced.values_mut() {
        uses.sort_by_key(|&(end, _)| end);
    }
    for f in found.iter_mut() {
        for p in f
            .event
            .actors
            .iter_mut()
            .chain(f.event.recipients.iter_mut())
        {
            let Some(span) = p.span else { continue };
            let Some(own) = view
                .placed
                .iter()
                .skip(view.placed.partition_point(|q| q.m.span.start < span.start))
                .take_while(|q| q.m.span.start == span.start)
                .find(|q| q.m.span == span && q.m.method == armsgraph_model::LinkMethod::Compound)
            else {
                continue;
            };
            let text = view.text(span).to_lowercase();
            if !text.contains('-')
                || own.start == 0
                || !lang.determiners.matches_word(word(own.start - 1))
                || person_at(own.end)
            {
                continue;
            }
            // The last earlier use of the same compound right before a person (the view
            // drops such an office mention as the person's affiliation, so the document's
            // mentions were indexed above).
            let antecedent = introduced.get(&text).and_then(|uses| {
                let n = uses.partition_point(|&(end, _)| end <= span.start);
                n.checked_sub(1).map(|k| uses[k].1)
            });
            if let Some(person) = antecedent {
                *p = Participant {
                    entity: person.entity.clone(),
                    name: view.text(person.span),
                    span: Some(person.span),
                    how: "coreference".to_string(),
                };
            }
        }
    }
}

/// `Министры А и Б провели переговоры. Стороны договорились …`: an event whose subject is a
/// word for the sides (`[grammar] party_anaphors`) and that names no actor takes the parties
/// of the last event of an earlier sentence that named two or more, in their roles.
pub fn resolve_sides(found: &mut [Found]) {
    let sentence_start = |f: &Found| f.event.evidence.first().map(|e| e.sentence.start);
    let two_sides = |f: &Found| f.event.actors.len() + f.event.recipients.len() >= 2;
    // The last event naming two or more parties in a sentence before the current one, and in
    // the current sentence so far: kept as the walk goes (`found` is in text order), so the
    // pass is linear rather than a walk back per anaphor.
    let mut current: Option<Option<usize>> = None;
    let mut last_before: Option<usize> = None;
    let mut last_in_current: Option<usize> = None;
    for i in 0..found.len() {
        let own = sentence_start(&found[i]);
        if current != Some(own) {
            if last_in_current.is_some() {
                last_before = last_in_current.take();
            }
            current = Some(own);
        }
        let anaphor = found[i].sides_anaphor && found[i].event.actors.is_empty();
        if anaphor {
            if let Some(j) = last_before {
                take_sides(found, i, j);
            }
        }
        if two_sides(&found[i]) {
            last_in_current = Some(i);
        }
    }
}

/// Event `i` takes the parties of event `j` (an earlier one) as coreferent, in their roles.
fn take_sides(found: &mut [Found], i: usize, j: usize) {
    let sides = &found[j];
    let as_anaphor = |ps: &[Participant]| -> Vec<Participant> {
        ps.iter()
            .map(|p| Participant {
                how: "coreference".to_string(),
                ..p.clone()
            })
            .collect()
    };
    let actors = as_anaphor(&sides.event.actors);
    let recipients = as_anaphor(&sides.event.recipients);
    let event = &mut found[i].event;
    event.actors = actors;
    if event.recipients.is_empty() {
        event.recipients = recipients;
    } else {
        event
            .recipients
            .retain(|r| !event.actors.iter().any(|a| a.entity == r.entity));
    }
}

/// A reaction with no addressee (`Минск … пригрозил ответными мерами`, `Токио потребовал
/// прекратить учения`) answers the other side of the act its actor took part in in the
/// sentence right before (`Евросоюз ввёл санкции против …`, `Япония выразила протест
/// России`): requests, threats, accusations and rejections only, and only from the adjacent
/// sentence (`[grammar] reply_recipients`).
pub fn reply_recipients(found: &mut [Found], view: &DocView) {
    // Each event's sentence number, once (a binary search, not a scan per comparison).
    let sentence_no: Vec<Option<usize>> = found.iter().map(|f| sentence_number(view, f)).collect();
    for i in 0..found.len() {
        let f = &found[i];
        let reaction = matches!(
            f.event.event_type,
            EventType::Request | EventType::Threaten | EventType::Accuse | EventType::Reject
        );
        if !reaction
            || !f.takes_recipient
            || f.nominal
            || f.addressee_named
            || f.event.actors.is_empty()
            || !f.event.recipients.is_empty()
        {
            continue;
        }
        let Some(own) = sentence_no[i] else { continue };
        let actors: Vec<&str> = f.event.actors.iter().map(|a| a.entity.as_str()).collect();
        if own == 0 {
            continue;
        }
        // `found` is in text order, so the walk back stops at the first event before the
        // previous sentence: each reaction looks at two sentences, not at the whole document.
        let before = (0..i)
            .rev()
            .take_while(|&j| sentence_no[j].is_none_or(|n| n + 1 >= own))
            .find(|&j| {
                sentence_no[j] == Some(own - 1)
                    && found[j]
                        .event
                        .actors
                        .iter()
                        .chain(&found[j].event.recipients)
                        .any(|p| actors.contains(&p.entity.as_str()))
            });
        let Some(before) = before.map(|j| &found[j]) else {
            continue;
        };
        // The other side is the other role of that act: its recipients when the actor acted
        // there too, else its actors. A second party on the actor's own side (`глава «Газпрома»
        // Миллер` beside the company) is no addressee (stop 26).
        let own_side = before
            .event
            .actors
            .iter()
            .any(|p| actors.contains(&p.entity.as_str()));
        let side = if own_side {
            &before.event.recipients
        } else {
            &before.event.actors
        };
        let others: Vec<Participant> = side
            .iter()
            // Not the actor itself nor its own people (`IRN.protesters` for IRN): they are no
            // other side.
            .filter(|p| {
                !actors.iter().any(|a| {
                    p.entity == *a
                        || p.entity
                            .strip_prefix(a)
                            .is_some_and(|rest| rest.starts_with('.'))
                })
            })
            .map(|p| Participant {
                how: "coreference".to_string(),
                ..p.clone()
            })
            .collect();
        let mut recipients: Vec<Participant> = Vec::new();
        for p in others {
            if !recipients.iter().any(|q| q.entity == p.entity) {
                recipients.push(p);
            }
        }
        found[i].event.recipients = recipients;
    }
}

/// A request that names no addressee but the agent of the act it demands (`настаивать на
/// возвращении Россией островов`: an instrumental right after the act's noun, as a passive's
/// agent) is addressed to that agent: it is the one asked to act (PLOVER REQUEST's target).
/// Only words of the trigger's own clause after it, up to a comma or the sentence end
/// (`[grammar] demanded_act_agent_cases`; stop 26).
pub fn demanded_act_addressee(
    found: &mut [Found],
    view: &DocView,
    cases: &[String],
    endings: &[String],
) {
    let morph = view.morphology();
    for f in found.iter_mut() {
        if f.event.event_type != EventType::Request
            || !f.takes_recipient
            || f.nominal
            || f.event.actors.is_empty()
            || !f.event.recipients.is_empty()
        {
            continue;
        }
        let Some(start) = f.event.evidence.first().map(|e| e.sentence.start) else {
            continue;
        };
        let Some((_, end)) = sentence_of(view, start) else {
            continue;
        };
        let stop = (f.trigger_tok + 1..end)
            .find(|&k| {
                matches!(
                    view.toks[k].lower.as_str(),
                    "," | ";" | ":" | "." | "—" | "–"
                )
            })
            .unwrap_or(end);
        // Only the mentions between the trigger and the stop (`placed` is in text order).
        let agent = view.starting_in(f.trigger_tok + 2, stop).find(|p| {
            p.start < stop
                && p.is_party()
                && (morph
                    .get(p.start)
                    .and_then(|m| m.feature("Case"))
                    .is_some_and(|c| cases.iter().any(|x| x == c))
                    || morph.get(p.end - 1).is_some_and(|m| m.is_noun())
                        && endings
                            .iter()
                            .any(|e| view.toks[p.end - 1].lower.ends_with(e.as_str())))
                && morph.get(p.start - 1).is_some_and(|m| m.upos == "NOUN")
                && !f.event.actors.iter().any(|a| a.entity == p.m.entity)
        });
        if let Some(p) = agent {
            f.event.recipients = crate::extract::participant(p);
        }
    }
}

/// Most sides a reciprocal act is split between (news names two, now and then a few more).
const MAX_RECIPROCAL_SIDES: usize = 8;

/// The sides among an act's actors: an office holder read on its state's span (`name_office_holders`
/// puts the person beside the state, same span) is one side with that state; every other
/// actor is a side of its own (the members of `both sides`, coordinated names).
fn actor_sides(actors: &[Participant]) -> Vec<Vec<Participant>> {
    let mut sides: Vec<Vec<Participant>> = Vec::new();
    for a in actors {
        let person = a.entity.starts_with("person:");
        let with = sides.iter_mut().find(|side| {
            side.iter().any(|b| {
                a.span.is_some() && b.span == a.span && person != b.entity.starts_with("person:")
            })
        });
        match with {
            Some(side) => side.push(a.clone()),
            None => sides.push(vec![a.clone()]),
        }
    }
    sides
}

/// `The government and the rebels accused each other`, `beide Seiten beschuldigten sich
/// gegenseitig`, `стороны обвиняют друг друга`: a directed act with a reciprocal marker
/// (`Found::reciprocal`) and two or more sides as actors is one act per side, each side the
/// actor and the others its recipients (as PLOVER codes a reciprocal accusation: two events,
/// the roles swapped). Whatever else the clause offered as recipient was a guess: the marker
/// says whom the act is aimed at. One pass, each event copied at most once per side.
pub fn reciprocal_acts(found: &mut Vec<Found>) {
    if !found.iter().any(|f| f.reciprocal) {
        return;
    }
    let mut out: Vec<Found> = Vec::with_capacity(found.len() + 2);
    for f in found.drain(..) {
        let sides = if f.reciprocal {
            actor_sides(&f.event.actors)
        } else {
            Vec::new()
        };
        // A list of dozens of sides "accusing each other" is no dyadic act to split: the copies
        // would grow with the square of the list.
        if sides.len() < 2 || sides.len() > MAX_RECIPROCAL_SIDES {
            out.push(f);
            continue;
        }
        for (k, side) in sides.iter().enumerate() {
            let mut g = f.clone();
            g.event.actors = side.clone();
            // `each other` is an anaphor for the sides: coreference.
            g.event.recipients = crate::extract::as_coreference(
                sides
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .flat_map(|(_, s)| s.iter().cloned())
                    .collect(),
            );
            out.push(g);
        }
    }
    *found = out;
}

/// How many events back a claim of responsibility looks for the act it claims.
const CLAIM_REACH: usize = 32;

/// A capital read as its state (`Government forces shelled Damascus`) is the ground of an
/// attack by that state's own side, not its target: fighting inside one state names its sides
/// (as `target_from_place` never takes the author's own state). Once generic actors have their
/// state (`locate`), an attack whose every author is of the state a metonymic capital stands
/// for loses that recipient (stop 42).
pub fn own_ground(found: &mut [Found], view: &DocView, kb: &Kb) {
    for f in found.iter_mut() {
        if f.event.event_type != EventType::Assault || f.event.actors.is_empty() {
            continue;
        }
        let states: Vec<Option<&str>> = f
            .event
            .actors
            .iter()
            .map(|a| kb.country_of(&a.entity))
            .collect();
        let Some(Some(own)) = states.first().copied() else {
            continue;
        };
        if states.iter().any(|s| *s != Some(own)) {
            continue;
        }
        let metonymic = |r: &Participant| {
            r.entity == own
                && r.span.is_some_and(|sp| {
                    let k = crate::text::tok_at_or_after(&view.toks, sp.start);
                    view.starting_in(k, k)
                        .any(|p| p.m.span == sp && p.m.method == LinkMethod::Metonymy)
                })
        };
        f.event.recipients.retain(|r| !metonymic(r));
    }
}

/// A claim of responsibility that names no target (`The Taliban claimed responsibility`,
/// `Zu den Anschlägen bekannten sich …`) claims the act of its type reported before it in
/// the document: it takes that act's targets, and its place where it names none (stop 36).
/// The nearest such act that names a target and is not itself a claim; never one after it
/// (a claim answers the report, it does not announce one), and never a target that is the
/// claimant itself.
pub fn claimed_targets(found: &mut [Found]) {
    for i in 0..found.len() {
        if !found[i].claim || !found[i].event.recipients.is_empty() {
            continue;
        }
        let kind = found[i].event.event_type;
        let actors: Vec<String> = found[i]
            .event
            .actors
            .iter()
            .map(|a| a.entity.clone())
            .collect();
        // What is claimed is an act whose author the report left open or gave only as a
        // generic actor (`gunmen`, `a suicide bomber`): not one another named party did.
        let open_author = |f: &Found| {
            f.event
                .actors
                .iter()
                .all(|a| is_generic_actor(&a.entity) || actors.contains(&a.entity))
        };
        let claimed = (i.saturating_sub(CLAIM_REACH)..i).rev().find(|&j| {
            !found[j].claim
                && found[j].event.event_type == kind
                && !found[j].event.recipients.is_empty()
                && open_author(&found[j])
        });
        let Some(j) = claimed else { continue };
        let targets: Vec<Participant> = found[j]
            .event
            .recipients
            .iter()
            .filter(|p| !actors.contains(&p.entity))
            .map(|p| Participant {
                how: "coreference".to_string(),
                ..p.clone()
            })
            .collect();
        let locations = found[j].event.locations.clone();
        let f = &mut found[i];
        f.event.recipients = targets;
        if f.event.locations.is_empty() {
            f.event.locations = locations;
        }
    }
}

/// The sector part of an id: `civilians` of `LKA.civilians`; the id itself without a state.
pub(crate) fn sector_of(entity: &str) -> &str {
    entity.split_once('.').map_or(entity, |(_, s)| s)
}

/// A generic actor's id: a sector (`militants`), or a state's sector (`AFG.militants`).
fn is_generic_actor(entity: &str) -> bool {
    let sector = sector_of(entity);
    !sector.is_empty()
        && sector
            .chars()
            .all(|c| c.is_lowercase() || c == '-' || c == '_')
}
