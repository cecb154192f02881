//! Document-level inference: fill a role the sentence leaves unnamed (`von einem Land
//! geliefert, das angeblich ein Verbündeter Armeniens ist`) from the alliance reference data
//! and what the rest of the document says, and show the candidates, the choice and why.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::Kb;
use armsgraph_model::{
    Candidate, Deadline, EntityKind, Event, EventType, Participant, RoleInference,
};

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
/// of materiel in attacks. Past `deadline` it stops (the pipeline drops the document).
///
/// Each inference looks up the events it draws on in indexes built once per document
/// ([`MaterielUsers`], [`SupplierEvidence`]) instead of scanning every event for every
/// transfer: a document that tells one story a thousand times costs a thousand lookups, not
/// a million visits.
pub fn infer_roles(
    found: &mut [Found],
    view: &DocView,
    lang: &LanguageRules,
    kb: &Kb,
    refs: &ReferenceData,
    deadline: Deadline,
) {
    let states = states_in_document(view, kb);
    let published = view
        .ex
        .document
        .published
        .as_ref()
        .map(|d| d.value.chars().take(10).collect::<String>());
    let mut users = MaterielUsers::new(found);
    let mut evidence = SupplierEvidence::new(found);
    for i in 0..found.len() {
        step(1);
        if i % 64 == 0 && deadline.passed() {
            return;
        }
        let is_transfer =
            found[i].event.event_type == EventType::Aid && found[i].event.arms.is_some();
        if !is_transfer {
            continue;
        }
        // Event `i` changes below; the index follows it, and `i` is never evidence for
        // itself.
        evidence.remove(i, &found[i]);
        if found[i].event.recipients.is_empty() {
            infer_recipient(found, i, kb, &mut users);
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
                &evidence,
            );
        }
        evidence.add(i, &found[i]);
    }
    for i in 0..found.len() {
        step(1);
        if i % 64 == 0 && deadline.passed() {
            return;
        }
        let e = &found[i].event;
        // Only an act of using materiel (`eingesetzt`, `used`) says its user is the one who
        // used that materiel elsewhere; a crash or a downing in the same sentence does not.
        if e.event_type == EventType::Assault && e.actors.is_empty() && found[i].materiel_rule {
            infer_user(found, i, kb, &mut users);
        }
    }
}

/// The parties each weapon word was used by, for [`users_of`]: attacks with exactly one named
/// (not inferred) actor. Inference never changes that set — it adds actors only to transfers
/// and to attacks that had none, and inferred actors do not count — so it is built once.
struct MaterielUsers {
    /// Weapon word → user → the attacks (indexes into `found`, ascending).
    by_word: HashMap<String, BTreeMap<String, Vec<usize>>>,
    /// Candidates already computed, by the asking event's weapon words.
    memo: HashMap<Vec<String>, Vec<Candidate>>,
}

impl MaterielUsers {
    fn new(found: &[Found]) -> MaterielUsers {
        let mut by_word: HashMap<String, BTreeMap<String, Vec<usize>>> = HashMap::new();
        for (j, f) in found.iter().enumerate() {
            step(1);
            // Two-sided fights say nothing about who used the weapons.
            if f.event.event_type != EventType::Assault || f.event.actors.len() != 1 {
                continue;
            }
            for a in f.event.actors.iter().filter(|a| a.how != "inferred") {
                for w in &f.weapon_words {
                    let users = by_word.entry(w.clone()).or_default();
                    let js = users.entry(a.entity.clone()).or_default();
                    if js.last() != Some(&j) {
                        js.push(j);
                    }
                }
            }
        }
        MaterielUsers {
            by_word,
            memo: HashMap::new(),
        }
    }
}

/// Parties the document names as the single user of materiel named by the words `words`
/// (`Ausrüstung …, die Aserbaidschan … eingesetzt hat`). Inferred actors do not count: one
/// inference is not evidence for another. (The asking event is never among the users: it is
/// a transfer, or an attack without an actor.)
fn users_of(found: &[Found], users: &mut MaterielUsers, words: &[String]) -> Vec<Candidate> {
    if let Some(known) = users.memo.get(words) {
        step(1);
        return known.clone();
    }
    // Per user, the first attacks (in document order) that used any of the words: the score
    // saturates at two and the reasons stop at MAX_REASONS, so no more are needed.
    let mut firsts: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut seen_words: Vec<&String> = Vec::new();
    for w in words {
        if seen_words.contains(&w) {
            continue;
        }
        seen_words.push(w);
        for (entity, js) in users.by_word.get(w).into_iter().flatten() {
            step(1);
            firsts
                .entry(entity.as_str())
                .or_default()
                .extend(js.iter().take(MAX_REASONS));
        }
    }
    let mut candidates: Vec<Candidate> = Vec::with_capacity(firsts.len());
    for (entity, mut js) in firsts {
        js.sort_unstable();
        js.dedup();
        js.truncate(MAX_REASONS);
        let reasons = js
            .iter()
            .map(|&j| {
                step(1);
                let f = &found[j];
                let shared: Vec<&str> = f
                    .weapon_words
                    .iter()
                    .filter(|w| words.contains(w))
                    .map(String::as_str)
                    .collect();
                format!(
                    "used the same materiel ({}) per {}",
                    shared.join(", "),
                    f.event
                        .evidence
                        .first()
                        .map(|ev| ev.rule.as_str())
                        .unwrap_or("")
                )
            })
            .collect();
        candidates.push(Candidate {
            entity: entity.to_string(),
            score: (0.5 * js.len() as f32).min(1.0),
            reasons,
        });
    }
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
    users.memo.insert(words.to_vec(), candidates.clone());
    candidates
}

/// The recipient of materiel nobody is named as receiving: whoever the document says used the
/// same materiel (`Ausrüstung …, die Aserbaidschan … eingesetzt hat`).
fn infer_recipient(found: &mut [Found], i: usize, kb: &Kb, users: &mut MaterielUsers) {
    let words = found[i].weapon_words.clone();
    if words.is_empty() {
        return;
    }
    let candidates = users_of(found, users, &words);
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
fn infer_user(found: &mut [Found], i: usize, kb: &Kb, users: &mut MaterielUsers) {
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
    let candidates: Vec<Candidate> = users_of(found, users, &words)
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

/// The events that can speak for a candidate supplier, indexed by actor: the events with
/// that actor and a given recipient, and its refusals to comment. It follows the inferences
/// as they are made (a supplier found for one transfer is evidence for the next, as when
/// every event was scanned in turn).
struct SupplierEvidence {
    /// (actor, recipient) → events (indexes into `found`).
    by_pair: HashMap<(String, String), BTreeSet<usize>>,
    /// Actor → `NoComment` events with that actor.
    no_comment: HashMap<String, BTreeSet<usize>>,
    /// Actor → the recipient sets of its events (sorted, distinct ids) → how many events:
    /// counts for a transfer with several recipients without visiting the events.
    tally: HashMap<String, HashMap<Vec<String>, u32>>,
}

/// An event's distinct actors and recipients, sorted.
fn parties(f: &Found) -> (Vec<String>, Vec<String>) {
    let ids = |ps: &[Participant]| {
        let mut v: Vec<String> = ps.iter().map(|p| p.entity.clone()).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    (ids(&f.event.actors), ids(&f.event.recipients))
}

impl SupplierEvidence {
    fn new(found: &[Found]) -> SupplierEvidence {
        let mut index = SupplierEvidence {
            by_pair: HashMap::new(),
            no_comment: HashMap::new(),
            tally: HashMap::new(),
        };
        for (j, f) in found.iter().enumerate() {
            index.add(j, f);
        }
        index
    }

    fn add(&mut self, j: usize, f: &Found) {
        let (actors, recipients) = parties(f);
        for a in &actors {
            step(1 + recipients.len());
            for r in &recipients {
                self.by_pair
                    .entry((a.clone(), r.clone()))
                    .or_default()
                    .insert(j);
            }
            if f.event.event_type == EventType::NoComment {
                self.no_comment.entry(a.clone()).or_default().insert(j);
            }
            *self
                .tally
                .entry(a.clone())
                .or_default()
                .entry(recipients.clone())
                .or_default() += 1;
        }
    }

    /// Undo [`SupplierEvidence::add`] of the same, unchanged event.
    fn remove(&mut self, j: usize, f: &Found) {
        let (actors, recipients) = parties(f);
        for a in &actors {
            step(1 + recipients.len());
            for r in &recipients {
                if let Some(js) = self.by_pair.get_mut(&(a.clone(), r.clone())) {
                    js.remove(&j);
                }
            }
            if let Some(js) = self.no_comment.get_mut(a) {
                js.remove(&j);
            }
            if let Some(n) = self
                .tally
                .get_mut(a)
                .and_then(|sets| sets.get_mut(&recipients))
            {
                *n = n.saturating_sub(1);
            }
        }
    }

    /// Events with `actor` and any of `recipients` (sorted, distinct), and `actor`'s refusals
    /// to comment.
    fn counts(&self, actor: &str, recipients: &[&str]) -> (u32, u32) {
        let to_recipient = if recipients.is_empty() {
            0
        } else {
            self.tally
                .get(actor)
                .into_iter()
                .flatten()
                .filter(|(set, _)| {
                    step(1);
                    set.iter()
                        .any(|r| recipients.binary_search(&r.as_str()).is_ok())
                })
                .map(|(_, n)| *n)
                .sum()
        };
        let no_comment = self.no_comment.get(actor).map_or(0, |js| js.len() as u32);
        (to_recipient, no_comment)
    }

    /// The first events, in document order, that count for `actor` (see
    /// [`SupplierEvidence::counts`]): at most [`MAX_REASONS`], as each gives a reason.
    fn first_events(&self, actor: &str, recipients: &[&str]) -> Vec<usize> {
        let mut js: Vec<usize> = Vec::new();
        for r in recipients {
            if let Some(set) = self.by_pair.get(&(actor.to_string(), r.to_string())) {
                js.extend(set.iter().take(MAX_REASONS));
            }
        }
        if let Some(set) = self.no_comment.get(actor) {
            js.extend(set.iter().take(MAX_REASONS));
        }
        js.sort_unstable();
        js.dedup();
        js.truncate(MAX_REASONS);
        js
    }
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
    evidence: &SupplierEvidence,
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
    // Per candidate: its score in tenths (0.3 per alliance, per event to the recipient; 0.2
    // per refusal to comment), and its reasons.
    let mut cands: BTreeMap<String, (u32, Vec<String>)> = BTreeMap::new();
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
                e.0 += 3;
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
    // Evidence in the document tying a candidate to the recipient or to the story: counted
    // from the index, and the first events (document order) named in the reasons.
    let mut wanted: Vec<&str> = recipients.iter().map(String::as_str).collect();
    wanted.sort_unstable();
    wanted.dedup();
    for (entity, (tenths, reasons)) in cands.iter_mut() {
        let (to_recipient, no_comment) = evidence.counts(entity, &wanted);
        *tenths += 3 * to_recipient + 2 * no_comment;
        if reasons.len() >= MAX_REASONS {
            continue;
        }
        for j in evidence.first_events(entity, &wanted) {
            step(1);
            let f = &found[j];
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
                && reasons.len() < MAX_REASONS
            {
                reasons.push(format!(
                    "{} {} → {} ({said})",
                    f.event.event_type.label(),
                    entity,
                    recipients.join("/")
                ));
            }
            if f.event.event_type == EventType::NoComment && reasons.len() < MAX_REASONS {
                reasons.push(format!(
                    "asked for comment on the story and did not answer ({said})"
                ));
            }
            if reasons.len() >= MAX_REASONS {
                break;
            }
        }
    }
    let mut candidates: Vec<Candidate> = cands
        .into_iter()
        .map(|(entity, (tenths, reasons))| Candidate {
            entity,
            // Tenths counted exactly, then the two-decimal score the candidates always had.
            score: (tenths * 10) as f32 / 100.0,
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
///
/// Cited documents and uses are indexed by weapon word and by actor, first occurrence of
/// each text only (a transfer lists a text once), so each transfer costs what it receives.
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
    // Cited documents anywhere in the text, with the weapon words of their sentence: per
    // weapon word, the first citation (in text order) of each distinct text.
    let mut cited_texts = Interner::default();
    let mut cited_by_word: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut cited_pairs: HashSet<(String, usize)> = HashSet::new();
    let mut citations = 0usize;
    for &(a, b) in &view.sentences {
        let mut sentence_weapons: Option<Vec<String>> = None;
        let mut i = a;
        while i < b {
            step(1);
            if let Some(len) = lang.cited_documents.match_at(&words[..b], i) {
                let ws = sentence_weapons.get_or_insert_with(|| {
                    (a..b)
                        .filter(|&k| lang.weapons.get(words[k]).is_some())
                        .map(|k| words[k].to_string())
                        .collect()
                });
                let t = cited_texts.id(view.text(view.span_of(i, i + len)));
                for w in ws.iter() {
                    if cited_pairs.insert((w.clone(), t)) {
                        cited_by_word
                            .entry(w.clone())
                            .or_default()
                            .push((citations, t));
                    }
                }
                citations += 1;
                i += len;
            } else {
                i += 1;
            }
        }
    }
    // Uses of materiel, per actor: the first use (in event order) of each distinct text.
    let mut use_texts = Interner::default();
    let mut uses_by_actor: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut use_pairs: HashSet<(String, usize)> = HashSet::new();
    for (n, f) in found
        .iter()
        .filter(|f| matches!(f.event.event_type, EventType::Assault | EventType::Coerce))
        .enumerate()
    {
        step(1);
        let t = use_texts.id(describe_use(&f.event, view));
        for a in &f.event.actors {
            if use_pairs.insert((a.entity.clone(), t)) {
                uses_by_actor
                    .entry(a.entity.clone())
                    .or_default()
                    .push((n, t));
            }
        }
    }
    let mut secret_text: HashMap<String, bool> = HashMap::new();
    for f in found.iter_mut() {
        step(1);
        let mut recipients: Vec<String> = f
            .event
            .recipients
            .iter()
            .map(|r| r.entity.clone())
            .collect();
        recipients.sort_unstable();
        recipients.dedup();
        let mut weapon_words = f.weapon_words.clone();
        weapon_words.sort_unstable();
        weapon_words.dedup();
        let Some(arms) = f.event.arms.as_mut() else {
            continue;
        };
        let mut listed: HashSet<String> = arms.cited_documents.iter().cloned().collect();
        for t in in_first_order(weapon_words.iter().filter_map(|w| cited_by_word.get(w))) {
            let text = &cited_texts.texts[t];
            if listed.insert(text.clone()) {
                arms.cited_documents.push(text.clone());
            }
        }
        let leaked = arms.cited_documents.iter().any(|d| {
            step(1);
            *secret_text.entry(d.clone()).or_insert_with(|| {
                let t: Vec<String> = tokenize(d).into_iter().map(|t| t.lower).collect();
                let r: Vec<&str> = t.iter().map(String::as_str).collect();
                lang.secret.occurs_in(&r)
            })
        });
        if (secret_title || leaked)
            && !arms
                .status
                .contains(&armsgraph_model::TransferStatus::Secret)
        {
            arms.status.push(armsgraph_model::TransferStatus::Secret);
        }
        let mut listed: HashSet<String> = arms.used_in.iter().cloned().collect();
        for t in in_first_order(recipients.iter().filter_map(|r| uses_by_actor.get(r))) {
            let text = &use_texts.texts[t];
            if listed.insert(text.clone()) {
                arms.used_in.push(text.clone());
            }
        }
    }
}

/// The distinct texts of several `(position, text)` lists, ordered by the first position at
/// which any list has them.
fn in_first_order<'l>(lists: impl Iterator<Item = &'l Vec<(usize, usize)>>) -> Vec<usize> {
    let mut all: Vec<(usize, usize)> = lists.flatten().copied().collect();
    step(all.len());
    all.sort_unstable();
    let mut seen: HashSet<usize> = HashSet::new();
    all.into_iter()
        .filter_map(|(_, t)| seen.insert(t).then_some(t))
        .collect()
}

/// Distinct texts numbered in order of first appearance.
#[derive(Default)]
struct Interner {
    texts: Vec<String>,
    ids: HashMap<String, usize>,
}

impl Interner {
    fn id(&mut self, text: String) -> usize {
        if let Some(&t) = self.ids.get(&text) {
            return t;
        }
        self.texts.push(text.clone());
        self.ids.insert(text, self.texts.len() - 1);
        self.texts.len() - 1
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

// Work done by inference on this thread (loop steps), for the scaling test: counting steps
// tells linear from quadratic where a timing would be noise on a shared machine.
#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[inline]
fn step(n: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + n as u64));
    #[cfg(not(test))]
    let _ = n;
}

/// The hand-built extractions of the integration tests.
#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod fixtures;

#[cfg(test)]
mod tests {
    use super::fixtures::{extraction, group, m};
    use armsgraph_model::{EntityKind, Extraction};

    const SEED: &str = include_str!("../../../data/corpus/000_79a71588b356f729.txt");

    /// The seed article's body `copies` times over, with its mentions placed by search: one
    /// story told again and again, the shape that made inference quadratic (every transfer
    /// visited every event).
    fn repeated_story(copies: usize) -> Extraction {
        let body: Vec<&str> = SEED
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let story = body[1..body.len() - 2].join("\n\n");
        let text = vec![story; copies].join("\n\n");
        use EntityKind::*;
        let mentions = [
            m("aserbaidschanische", "AZE", State),
            m("aserbaidschanischen", "AZE", State),
            m("Aserbaidschans", "AZE", State),
            m("Aserbaidschan", "AZE", State),
            m("belarussische", "BLR", State),
            m("belarussischer", "BLR", State),
            m("armenischen", "ARM", State),
            m("armenische", "ARM", State),
            m("Armeniens", "ARM", State),
            m("Republik Armenien", "ARM", State),
            m("Armenien", "ARM", State),
            m("OVKS", "CSTO", Organisation),
            m("US", "USA", State),
            m("EU", "EU", Organisation),
            m("Berg-Karabach", "place:nagorno-karabakh", Place),
            m("Paschinjan", "person:nikol-pashinyan", Person),
            m("Eduard Arakelyan", "person:eduard-arakelyan", Person),
            m("Sowjetunion", "SUN", State),
            group("den beiden Seiten", &["AZE", "ARM"]),
        ];
        extraction(
            "repeated",
            "de",
            Some("Der geheime Waffendeal, der Putin einen Verbündeten kostete"),
            &text,
            &mentions,
            &[],
        )
    }

    /// Inference steps and the events read from `copies` copies of the story.
    fn infer_steps(copies: usize) -> (u64, Extraction) {
        let reader = crate::EventReader::load(&armsgraph_kb::DataFiles::Embedded).unwrap();
        let mut ex = repeated_story(copies);
        super::STEPS.with(|s| s.set(0));
        reader.annotate(&mut ex);
        (super::STEPS.with(|s| s.get()), ex)
    }

    #[test]
    fn inference_work_grows_linearly_with_the_document() {
        let (small, ex_small) = infer_steps(4);
        let (large, ex_large) = infer_steps(16);
        let inferred = |ex: &Extraction| {
            ex.events
                .iter()
                .filter(|e| !e.inferences.is_empty())
                .count()
        };
        // The story's inferences are made in every copy: the work measured is real work.
        assert!(inferred(&ex_small) >= 4, "{}", inferred(&ex_small));
        assert_eq!(inferred(&ex_large), 4 * inferred(&ex_small));
        eprintln!("inference steps: {small} for 4 copies, {large} for 16");
        // Four times the text: linear work is about four times the steps, quadratic sixteen.
        assert!(
            large <= 6 * small,
            "inference steps: {small} for 4 copies, {large} for 16 (superlinear)"
        );
    }
}
