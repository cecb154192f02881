//! Document-level inference: fill a role the sentence leaves unnamed (`von einem Land
//! geliefert, das angeblich ein Verbündeter Armeniens ist`) from the alliance reference data
//! and what the rest of the document says, and show the candidates, the choice and why.

use std::collections::BTreeMap;

use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::Kb;
use armsgraph_model::{Candidate, EntityKind, Event, EventType, Participant, RoleInference};

use crate::extract::Found;
use crate::rules::LanguageRules;
use crate::text::{tokenize, DocView};

/// Reasons listed for one candidate: the score counts every piece of evidence, the list
/// names the first few, so a long document's inferences do not grow with its square.
const MAX_REASONS: usize = 8;

/// States the document names, with how often (text mentions, entity records, title).
pub fn states_in_document(view: &DocView, kb: &Kb) -> BTreeMap<String, usize> {
    let mut out: BTreeMap<String, usize> = BTreeMap::new();
    for p in &view.placed {
        let state = match p.m.kind {
            EntityKind::State => Some(p.m.entity.clone()),
            EntityKind::Person => kb.country_of(&p.m.entity).map(str::to_string),
            _ => None,
        };
        if let Some(s) = state {
            *out.entry(s).or_default() += 1;
        }
    }
    for r in &view.ex.actors {
        if r.kind == EntityKind::State {
            out.entry(r.id.clone()).or_insert(r.mentions.max(1));
        }
        if r.kind == EntityKind::Person {
            for a in &r.affiliations {
                if kb.kind(a) == Some(EntityKind::State) {
                    out.entry(a.clone()).or_insert(1);
                }
            }
        }
    }
    // The title is not part of the text, but it names actors too (`…, der Putin einen
    // Verbündeten kostete`).
    if let Some(title) = &view.ex.document.title {
        let lang = view.ex.document.language.as_deref();
        for t in tokenize(title).iter().filter(|t| t.is_word) {
            let word: String = title
                .chars()
                .skip(t.span.start)
                .take(t.span.len())
                .collect();
            for e in kb.lookup(&word, lang) {
                if let Some(s) = kb.country_of(&e.id) {
                    out.entry(s.to_string()).or_insert(1);
                }
            }
        }
    }
    out
}

fn is_state(kb: &Kb, id: &str) -> bool {
    !id.contains(':')
        && (kb.kind(id) == Some(EntityKind::State)
            || (id.len() == 3
                && id.chars().all(|c| c.is_ascii_uppercase())
                && kb.kind(id).is_none()))
}

/// Fill unnamed recipients, then unnamed suppliers, of arms transfers; then the unnamed users
/// of materiel in attacks.
pub fn infer_roles(
    found: &mut [Found],
    view: &DocView,
    lang: &LanguageRules,
    kb: &Kb,
    refs: &ReferenceData,
) {
    let states = states_in_document(view, kb);
    let published = view
        .ex
        .document
        .published
        .as_ref()
        .map(|d| d.value.chars().take(10).collect::<String>());
    for i in 0..found.len() {
        let is_transfer =
            found[i].event.event_type == EventType::Aid && found[i].event.arms.is_some();
        if !is_transfer {
            continue;
        }
        if found[i].event.recipients.is_empty() {
            infer_recipient(found, i, kb);
        }
        if found[i].event.actors.is_empty() {
            infer_supplier(
                found,
                i,
                view,
                lang,
                kb,
                refs,
                &states,
                published.as_deref(),
            );
        }
    }
    for i in 0..found.len() {
        let e = &found[i].event;
        // Only an act of using materiel (`eingesetzt`, `used`) says its user is the one who
        // used that materiel elsewhere; a crash or a downing in the same sentence does not.
        if e.event_type == EventType::Assault && e.actors.is_empty() && found[i].materiel_rule {
            infer_user(found, i, kb);
        }
    }
}

/// Parties the document names as the single user of materiel named by the words `words`
/// (`Ausrüstung …, die Aserbaidschan … eingesetzt hat`), except in event `i` itself. Inferred
/// actors do not count: one inference is not evidence for another.
fn users_of(found: &[Found], i: usize, words: &[String]) -> Vec<Candidate> {
    let mut scores: BTreeMap<String, (f32, Vec<String>)> = BTreeMap::new();
    for (j, f) in found.iter().enumerate() {
        if j == i || f.event.event_type != EventType::Assault {
            continue;
        }
        let shared: Vec<&String> = f
            .weapon_words
            .iter()
            .filter(|w| words.contains(w))
            .collect();
        // Two-sided fights say nothing about who used the weapons.
        if shared.is_empty() || f.event.actors.len() != 1 {
            continue;
        }
        for a in f.event.actors.iter().filter(|a| a.how != "inferred") {
            let e = scores.entry(a.entity.clone()).or_default();
            e.0 += 0.5;
            if e.1.len() >= MAX_REASONS {
                continue;
            }
            e.1.push(format!(
                "used the same materiel ({}) per {}",
                shared
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                f.event
                    .evidence
                    .first()
                    .map(|ev| ev.rule.as_str())
                    .unwrap_or("")
            ));
        }
    }
    let mut candidates: Vec<Candidate> = scores
        .into_iter()
        .map(|(entity, (score, reasons))| Candidate {
            entity,
            score: score.min(1.0),
            reasons,
        })
        .collect();
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
    candidates
}

/// The recipient of materiel nobody is named as receiving: whoever the document says used the
/// same materiel (`Ausrüstung …, die Aserbaidschan … eingesetzt hat`).
fn infer_recipient(found: &mut [Found], i: usize, kb: &Kb) {
    let words = found[i].weapon_words.clone();
    if words.is_empty() {
        return;
    }
    let candidates = users_of(found, i, &words);
    let Some(best) = candidates.first().cloned() else {
        return;
    };
    let ev = &mut found[i].event;
    ev.recipients.push(Participant {
        entity: best.entity.clone(),
        name: kb.name(&best.entity).unwrap_or(&best.entity).to_string(),
        span: None,
        how: "inferred".into(),
    });
    ev.inferences.push(RoleInference {
        role: "recipient".into(),
        cue: None,
        reason: format!(
            "{} is the only party the document says used this materiel",
            best.entity
        ),
        chosen: Some(best.entity),
        candidates,
    });
    ev.confidence = (ev.confidence - 0.1).max(0.3);
}

/// The unnamed user of materiel (`Diese Ausrüstung wurde … gegen armenische Truppen
/// eingesetzt`): the one party the document says used the same materiel elsewhere, when
/// exactly one party did and it is not the side attacked.
fn infer_user(found: &mut [Found], i: usize, kb: &Kb) {
    let words = found[i].weapon_words.clone();
    if words.is_empty() {
        return;
    }
    let targets: Vec<String> = found[i]
        .event
        .recipients
        .iter()
        .map(|r| r.entity.clone())
        .collect();
    let candidates: Vec<Candidate> = users_of(found, i, &words)
        .into_iter()
        .filter(|c| !targets.contains(&c.entity))
        .collect();
    let [only] = candidates.as_slice() else {
        return;
    };
    let chosen = only.entity.clone();
    let ev = &mut found[i].event;
    ev.actors.push(Participant {
        entity: chosen.clone(),
        name: kb.name(&chosen).unwrap_or(&chosen).to_string(),
        span: None,
        how: "inferred".into(),
    });
    ev.inferences.push(RoleInference {
        role: "actor".into(),
        cue: None,
        reason: format!("{chosen} is the only party the document says used this materiel"),
        chosen: Some(chosen),
        candidates,
    });
    ev.confidence = (ev.confidence - 0.1).max(0.3);
}

#[allow(clippy::too_many_arguments)]
fn infer_supplier(
    found: &mut [Found],
    i: usize,
    view: &DocView,
    lang: &LanguageRules,
    kb: &Kb,
    refs: &ReferenceData,
    states: &BTreeMap<String, usize>,
    published: Option<&str>,
) {
    let Some(cue) = found[i].unnamed_actor_cue else {
        return;
    };
    let recipients: Vec<String> = found[i]
        .event
        .recipients
        .iter()
        .map(|r| r.entity.clone())
        .collect();
    // The state the cue relates the unnamed party to (`Verbündeter Armeniens` → ARM).
    let cue_words: Vec<String> = tokenize(&view.text(cue))
        .into_iter()
        .map(|t| t.lower)
        .collect();
    let cue_refs: Vec<&str> = cue_words.iter().map(String::as_str).collect();
    let ally_cue = lang.ally_words.occurs_in(&cue_refs);
    let anchor = view
        .within(cue)
        .find(|p| p.m.kind == EntityKind::State)
        .map(|p| p.m.entity.clone());
    let date = found[i]
        .event
        .time
        .as_ref()
        .and_then(|t| t.start.clone())
        .or_else(|| published.map(str::to_string))
        .unwrap_or_default();
    let mut cands: BTreeMap<String, (f32, Vec<String>)> = BTreeMap::new();
    match (&anchor, ally_cue) {
        (Some(anchor), true) => {
            let date = if date.is_empty() {
                "2024".to_string()
            } else {
                date.clone()
            };
            for ally in refs.defence_allies(anchor, &date) {
                let Some(n) = states.get(&ally.ally) else {
                    continue;
                };
                if recipients.contains(&ally.ally) {
                    continue;
                }
                let sources: Vec<String> = ally.provenance.iter().map(|p| p.source()).collect();
                let e = cands.entry(ally.ally.clone()).or_default();
                e.0 += 0.3;
                e.1.push(format!(
                    "defence ally of {anchor} via {} ({}); named {n}× in the document",
                    ally.via,
                    sources.join(", ")
                ));
            }
        }
        _ => {
            for (s, n) in states {
                if !recipients.contains(s) && is_state(kb, s) && Some(s) != anchor.as_ref() {
                    cands
                        .entry(s.clone())
                        .or_default()
                        .1
                        .push(format!("state named {n}× in the document"));
                }
            }
        }
    }
    // Evidence in the document tying a candidate to the recipient or to the story.
    for (entity, (score, reasons)) in cands.iter_mut() {
        for (j, f) in found.iter().enumerate() {
            if j == i || !f.event.actors.iter().any(|a| &a.entity == entity) {
                continue;
            }
            // The analyst's words: the trigger as written, not a rule id or an offset (those
            // stay on the event's own evidence).
            let said = f
                .event
                .evidence
                .first()
                .map(|e| {
                    let from = e.trigger.start.saturating_sub(e.sentence.start);
                    let word: String = e.text.chars().skip(from).take(e.trigger.len()).collect();
                    format!("“{word}”")
                })
                .unwrap_or_default();
            if f.event
                .recipients
                .iter()
                .any(|r| recipients.contains(&r.entity))
            {
                *score += 0.3;
                if reasons.len() < MAX_REASONS {
                    reasons.push(format!(
                        "{} {} → {} ({said})",
                        f.event.event_type.label(),
                        entity,
                        recipients.join("/")
                    ));
                }
            }
            if f.event.event_type == EventType::NoComment {
                *score += 0.2;
                if reasons.len() < MAX_REASONS {
                    reasons.push(format!(
                        "asked for comment on the story and did not answer ({said})"
                    ));
                }
            }
        }
    }
    let mut candidates: Vec<Candidate> = cands
        .into_iter()
        .map(|(entity, (score, reasons))| Candidate {
            entity,
            score: (score * 100.0).round() / 100.0,
            reasons,
        })
        .collect();
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
    let chosen = match candidates.as_slice() {
        [] => None,
        [only] => Some(only.entity.clone()),
        [a, b, ..] if a.score > b.score => Some(a.entity.clone()),
        _ => None,
    };
    let reason = match (&chosen, candidates.first()) {
        (Some(c), Some(best)) => format!(
            "{c} has the strongest document evidence among {} candidate(s): {}",
            candidates.len(),
            best.reasons.join("; ")
        ),
        (None, Some(_)) => "candidates tie; none chosen".to_string(),
        _ => "no candidate: no state in the document fits the cue".to_string(),
    };
    let ev = &mut found[i].event;
    if let Some(c) = &chosen {
        ev.actors.push(Participant {
            entity: c.clone(),
            name: kb.name(c).unwrap_or(c).to_string(),
            span: None,
            how: "inferred".into(),
        });
        ev.confidence = (ev.confidence - 0.1).max(0.3);
    }
    ev.inferences.push(RoleInference {
        role: "actor".into(),
        cue: Some(cue),
        candidates,
        chosen,
        reason,
    });
}

/// Materiel facts the document states elsewhere: leaked documents it relies on, secrecy,
/// and the fighting the recipient used it in.
pub fn complete_transfers(found: &mut [Found], view: &DocView, lang: &LanguageRules) {
    let title_words: Vec<String> = view
        .ex
        .document
        .title
        .as_deref()
        .map(|t| tokenize(t).into_iter().map(|t| t.lower).collect())
        .unwrap_or_default();
    let title_refs: Vec<&str> = title_words.iter().map(String::as_str).collect();
    let words = view.words(0, view.toks.len());
    let secret_title = lang.secret.occurs_in(&title_refs);
    // Cited documents anywhere in the text, with the weapon words of their sentence.
    let mut cited: Vec<(String, Vec<String>)> = Vec::new();
    for &(a, b) in &view.sentences {
        let mut i = a;
        while i < b {
            if let Some(len) = lang.cited_documents.match_at(&words[..b], i) {
                let ws: Vec<String> = (a..b)
                    .filter(|&k| lang.weapons.get(words[k]).is_some())
                    .map(|k| words[k].to_string())
                    .collect();
                cited.push((view.text(view.span_of(i, i + len)), ws));
                i += len;
            } else {
                i += 1;
            }
        }
    }
    let uses: Vec<(Vec<String>, String)> = found
        .iter()
        .filter(|f| matches!(f.event.event_type, EventType::Assault | EventType::Coerce))
        .map(|f| {
            (
                f.event.actors.iter().map(|a| a.entity.clone()).collect(),
                describe_use(&f.event, view),
            )
        })
        .collect();
    for f in found.iter_mut() {
        let recipients: Vec<String> = f
            .event
            .recipients
            .iter()
            .map(|r| r.entity.clone())
            .collect();
        let weapon_words = f.weapon_words.clone();
        let Some(arms) = f.event.arms.as_mut() else {
            continue;
        };
        for (text, ws) in &cited {
            let related = ws.iter().any(|w| weapon_words.contains(w));
            if related && !arms.cited_documents.contains(text) {
                arms.cited_documents.push(text.clone());
            }
        }
        let leaked = !arms.cited_documents.is_empty()
            && arms.cited_documents.iter().any(|d| {
                let t: Vec<String> = tokenize(d).into_iter().map(|t| t.lower).collect();
                let r: Vec<&str> = t.iter().map(String::as_str).collect();
                lang.secret.occurs_in(&r)
            });
        if (secret_title || leaked)
            && !arms
                .status
                .contains(&armsgraph_model::TransferStatus::Secret)
        {
            arms.status.push(armsgraph_model::TransferStatus::Secret);
        }
        for (actors, text) in &uses {
            if actors.iter().any(|a| recipients.contains(a)) && !arms.used_in.contains(text) {
                arms.used_in.push(text.clone());
            }
        }
    }
}

fn describe_use(e: &Event, view: &DocView) -> String {
    let trigger = e
        .evidence
        .first()
        .map(|ev| view.text(ev.trigger))
        .unwrap_or_default();
    let mut parts = vec![trigger];
    if let Some(t) = &e.time {
        parts.push(format!("({})", t.text));
    }
    if !e.recipients.is_empty() {
        parts.push(format!(
            "against {}",
            e.recipients
                .iter()
                .map(|r| r.entity.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !e.locations.is_empty() {
        parts.push(format!(
            "in {}",
            e.locations
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    parts.join(" ")
}
