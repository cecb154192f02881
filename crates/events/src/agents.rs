//! Generic actors get the state the report places them in, as analysts code them (ACLED and
//! PLOVER code `police`, `protesters`, `government troops` with the country of the event).
//!
//! A generic actor whose own noun phrase names no state (`government troops`, `Demonstranten`,
//! `полиция`) takes, in this order: the state of a place named in its sentence (`in Hamburg`
//! → DEU), else the document's focus — the state its states and places name most often, when
//! one clearly leads. Nothing is invented when neither holds.

use std::collections::HashMap;

use armsgraph_kb::Kb;
use armsgraph_model::{EntityKind, Participant};

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

/// The state the document is about: named most often by its states, places and located
/// generic actors, and at least twice as often as the runner-up (else none: a story about two
/// states has no single focus).
pub(crate) fn focus(view: &DocView, kb: &Kb) -> Option<String> {
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
    (n >= 2 && n >= 2 * second).then_some(top)
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

/// Give each generic actor without a state the state of its sentence's place, else the
/// document's focus.
pub fn locate(found: &mut [Found], view: &DocView, kb: &Kb, lang: &LanguageRules) {
    let bare: Vec<&str> = view
        .ex
        .entities
        .iter()
        .filter(|m| m.kind == EntityKind::Agent && !m.entity.contains('.'))
        .map(|m| m.entity.as_str())
        .collect();
    if bare.is_empty() {
        return;
    }
    let doc_focus = focus(view, kb);
    let place_state = |span_start: usize| sentence_place_state(view, kb, lang, span_start);
    for f in found.iter_mut() {
        // The place of the event's own sentence (where its trigger is).
        let at = f.event.evidence.first().map(|e| e.trigger.start);
        let state = at.and_then(&place_state).or_else(|| doc_focus.clone());
        let Some(state) = state else { continue };
        for p in f
            .event
            .actors
            .iter_mut()
            .chain(f.event.recipients.iter_mut())
        {
            locate_one(p, &state, &bare);
        }
    }
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
    if k > sentence_start + 1 && lang.determiners.matches_word(word(k - 1)) {
        k -= 1;
    }
    k > sentence_start && lang.location_preps.matches_word(word(k - 1))
}

fn locate_one(p: &mut Participant, state: &str, bare: &[&str]) {
    if p.entity.contains('.') || !bare.contains(&p.entity.as_str()) {
        return;
    }
    p.entity = if is_state_sector(&p.entity) {
        state.to_string()
    } else {
        format!("{state}.{}", p.entity)
    };
}

/// Sectors that are the state's own agents (PLOVER/ACLED code them as the state): its armed
/// forces, police and intelligence services. Rebels, militants, protesters, civilians … are not.
pub fn is_state_sector(sector: &str) -> bool {
    matches!(
        sector,
        "military" | "police" | "intelligence" | "government"
    )
}
