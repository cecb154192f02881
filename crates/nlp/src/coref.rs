//! Within-document coreference: definite descriptions (`der Block` → the last alliance
//! mentioned), groups (`die beiden Seiten` → the last two states in conflict) and personal
//! pronouns (`er` → the last person, or the last masculine description). The phrases are
//! data (`[coref]` in `data/lang/<lang>.toml`).

use armsgraph_kb::Kb;
use armsgraph_model::{Deadline, EntityKind, LinkMethod, Mention, Span};

use crate::lexicon::LangRules;
use crate::words::{joint, Joint, Word};

/// Lower-cased words of a phrase, split as the text is (`l'alliance` stays one word).
fn phrase_words(phrase: &str) -> Vec<String> {
    crate::words::key_of(phrase)
        .map(|k| k.split(' ').map(str::to_string).collect())
        .unwrap_or_default()
}

fn matches_phrase(text: &str, ws: &[Word], at: usize, parts: &[String]) -> Option<usize> {
    if parts.is_empty() {
        return None;
    }
    for (k, part) in parts.iter().enumerate() {
        let w = ws.get(at + k)?;
        if &w.lower != part || (k > 0 && joint(text, ws, at + k) != Joint::Space) {
            return None;
        }
    }
    Some(parts.len())
}

/// The target of a definite description that is a state (`the country`, `das Land`,
/// `страна`), not an organisation type of the knowledge base.
const STATE_TARGET: &str = "state";

/// Whether mention `m` is what a description of `target` points back to: the state itself for
/// [`STATE_TARGET`] (named as a state, not an office holder's state: `the president … the
/// country`), else an organisation of that knowledge-base category.
fn fits_target(kb: &Kb, m: &Mention, target: &str) -> bool {
    if target == STATE_TARGET {
        m.kind == EntityKind::State && m.method != LinkMethod::OfficeHolder
    } else {
        kb.is_org_type(&m.entity, target)
    }
}

/// The knowledge base's category of non-state armed groups, which can be a side of a
/// conflict as a state can.
const ARMED_GROUP: &str = "armed-group";

/// How many state mentions a group phrase (`die beiden Seiten`) looks back over for its two
/// members. News articles name far fewer before any such phrase; the bound keeps a document
/// that names thousands of states linear.
const GROUP_LOOKBACK: usize = 256;

/// Where a candidate antecedent comes from, in the order the rules prefer on a tie: mentions
/// found before coreference first, then coreferring phrases, each in its own order.
type Rank = (usize, u8, usize);

/// The latest candidate so far (by start, ties to the later one, as `max_by_key` picks).
fn keep_latest(best: &mut Option<Rank>, candidate: Rank) {
    if best.is_none_or(|b| candidate >= b) {
        *best = Some(candidate);
    }
}

/// The indexes that keep coreference linear in the document: the sentence of a char offset
/// by binary search, conflict sentences marked once, and "is this span already a mention"
/// from a running maximum of mention ends.
struct Layout<'a> {
    ws: &'a [Word],
    conflict: Vec<bool>,
    /// Mentions in order of start; `max_end[k]` is the largest end among the first `k + 1`.
    by_start: Vec<&'a Mention>,
    max_end: Vec<usize>,
}

impl<'a> Layout<'a> {
    fn new(rules: &LangRules, ws: &'a [Word], mentions: &'a [Mention]) -> Layout<'a> {
        let sentences = ws.iter().map(|w| w.sentence + 1).max().unwrap_or(0);
        let mut conflict = vec![false; sentences];
        for w in ws {
            if rules
                .coref
                .conflict_cues
                .iter()
                .any(|c| w.lower.starts_with(c.as_str()))
            {
                conflict[w.sentence] = true;
            }
        }
        let mut by_start: Vec<&Mention> = mentions.iter().collect();
        by_start.sort_by_key(|m| m.span.start);
        let mut max_end = Vec::with_capacity(by_start.len());
        let mut running = 0;
        for m in &by_start {
            running = running.max(m.span.end);
            max_end.push(running);
        }
        Layout {
            ws,
            conflict,
            by_start,
            max_end,
        }
    }

    /// The sentence of the first word at or after char offset `c`.
    fn sentence_of(&self, span: Span) -> usize {
        let k = self.ws.partition_point(|w| w.cstart < span.start);
        self.ws.get(k).map(|w| w.sentence).unwrap_or(0)
    }

    fn conflict_sentence(&self, s: usize) -> bool {
        self.conflict.get(s).copied().unwrap_or(false)
    }

    /// Whether a mention found before coreference overlaps `span`.
    fn covered(&self, span: Span) -> bool {
        let k = self.by_start.partition_point(|m| m.span.start < span.end);
        k > 0 && self.max_end[k - 1] > span.start
    }

    /// Mentions starting within `[from, to]`.
    fn starting_between(&self, from: usize, to: usize) -> impl Iterator<Item = &'a Mention> + '_ {
        let k = self.by_start.partition_point(|m| m.span.start < from);
        self.by_start[k..]
            .iter()
            .take_while(move |m| m.span.start <= to)
            .copied()
    }
}

/// Finds coreferring phrases. `mentions` are all mentions so far, in text order.
///
/// One pass over the words: candidate antecedents enter a pool once they end before the
/// current word, and the pool keeps only the latest of each sort (person, each description
/// target, each gender), so each word costs the same however long the document is.
pub fn find(
    kb: &Kb,
    rules: &LangRules,
    text: &str,
    ws: &[Word],
    mentions: &[Mention],
    deadline: Deadline,
) -> Vec<Mention> {
    let layout = Layout::new(rules, ws, mentions);
    let mut out: Vec<Mention> = Vec::new();
    // The gender of each coreferring phrase that is a definite description.
    let mut out_gender: Vec<Option<usize>> = Vec::new();
    let mut out_max_end = 0usize;
    let description_words: Vec<Vec<Vec<String>>> = rules
        .coref
        .description
        .iter()
        .map(|d| d.words.iter().map(|p| phrase_words(p)).collect())
        .collect();
    let mut genders: Vec<&str> = Vec::new();
    for d in &rules.coref.description {
        if !genders.contains(&d.gender.as_str()) {
            genders.push(d.gender.as_str());
        }
    }
    let description_gender: Vec<usize> = rules
        .coref
        .description
        .iter()
        .filter_map(|d| genders.iter().position(|g| *g == d.gender))
        .collect();
    let group_words: Vec<(Vec<String>, Vec<String>)> = rules
        .coref
        .group
        .iter()
        .map(|g| {
            (
                g.triggers.iter().map(|t| t.to_lowercase()).collect(),
                g.heads.iter().map(|h| h.to_lowercase()).collect(),
            )
        })
        .collect();
    let pronoun_lower: Vec<Vec<String>> = rules
        .coref
        .pronoun
        .iter()
        .map(|p| p.words.iter().map(|w| w.to_lowercase()).collect())
        .collect();

    // The pool of antecedents that end before the current word.
    let mut by_end: Vec<usize> = (0..mentions.len()).collect();
    by_end.sort_by_key(|&k| mentions[k].span.end);
    let mut next_mention = 0;
    let mut pending_out: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>> =
        std::collections::BinaryHeap::new();
    let mut latest_person: Option<Rank> = None;
    let mut latest_target: Vec<Option<Rank>> = vec![None; rules.coref.description.len()];
    let mut latest_described: Vec<Option<Rank>> = vec![None; genders.len()];
    // States for group phrases, in mention order.
    let mut states: Vec<usize> = Vec::new();
    let candidate = |rank: Rank, out: &[Mention]| -> Option<Mention> {
        match rank.1 {
            0 => mentions.get(rank.2).cloned(),
            _ => out.get(rank.2).cloned(),
        }
    };

    for i in 0..ws.len() {
        // Past the time budget the document is dropped anyway: stop (every 512 words, a
        // few sentences).
        if i % 512 == 0 && deadline.passed() {
            break;
        }
        let here = ws[i].cstart;
        // Everything that ends before this word becomes a possible antecedent.
        while let Some(&k) = by_end.get(next_mention) {
            let m = &mentions[k];
            if m.span.end > here {
                break;
            }
            next_mention += 1;
            let rank = (m.span.start, 0, k);
            if m.kind == EntityKind::Person {
                keep_latest(&mut latest_person, rank);
            }
            for (d, best) in rules.coref.description.iter().zip(&mut latest_target) {
                if fits_target(kb, m, &d.target) {
                    keep_latest(best, rank);
                }
            }
            // The sides of a conflict are states or armed groups (`both sides` of a civil war:
            // the government and the rebels' organisation).
            let side = (m.kind == EntityKind::State && m.method != LinkMethod::OfficeHolder)
                || kb.is_org_type(&m.entity, ARMED_GROUP);
            if side {
                let at = states.partition_point(|&s| s < k);
                states.insert(at, k);
            }
        }
        while let Some(&std::cmp::Reverse((end, k))) = pending_out.peek() {
            if end > here {
                break;
            }
            pending_out.pop();
            let m = &out[k];
            let rank = (m.span.start, 1, k);
            if m.kind == EntityKind::Person {
                keep_latest(&mut latest_person, rank);
            }
            for (d, best) in rules.coref.description.iter().zip(&mut latest_target) {
                if fits_target(kb, m, &d.target) {
                    keep_latest(best, rank);
                }
            }
            if let Some(g) = out_gender[k] {
                keep_latest(&mut latest_described[g], rank);
            }
        }
        // Every phrase found so far starts at or before this word, so one of them overlaps
        // a span starting here exactly when it ends after here.
        macro_rules! covered {
            ($span:expr) => {
                layout.covered($span) || (!out.is_empty() && out_max_end > $span.start)
            };
        }
        macro_rules! push {
            ($m:expr, $gender:expr) => {{
                let m: Mention = $m;
                out_max_end = out_max_end.max(m.span.end);
                pending_out.push(std::cmp::Reverse((m.span.end, out.len())));
                out_gender.push($gender);
                out.push(m);
            }};
        }
        // Definite descriptions.
        for (di, (d, phrases)) in rules
            .coref
            .description
            .iter()
            .zip(&description_words)
            .enumerate()
        {
            let Some(n) = phrases.iter().find_map(|p| matches_phrase(text, ws, i, p)) else {
                continue;
            };
            let span = Span::new(here, ws[i + n - 1].cend);
            if covered!(span) {
                continue;
            }
            // `leave the country`, `in the country`: a place, not a party.
            let after_blocked = i > 0 && d.not_after.iter().any(|w| *w == ws[i - 1].lower);
            // `the country's first parade`: a possessor, not a party.
            let possessive = text
                .get(ws[i + n - 1].end..)
                .is_some_and(|rest| rest.starts_with(['\'', '’']));
            if after_blocked || possessive {
                continue;
            }
            // `des Bündnisses der OVKS`: the name follows, so the phrase is not anaphoric.
            let next_named = layout
                .starting_between(span.end, span.end + 6)
                .any(|m| fits_target(kb, m, &d.target));
            if next_named {
                continue;
            }
            let Some(a) = latest_target[di].and_then(|r| candidate(r, &out)) else {
                continue;
            };
            let m = Mention {
                span,
                text: text
                    .get(ws[i].start..ws[i + n - 1].end)
                    .unwrap_or_default()
                    .to_string(),
                entity: a.entity.clone(),
                kind: a.kind,
                name: a.name.clone(),
                method: LinkMethod::Coreference,
                antecedent: Some(a.span),
                members: Vec::new(),
                rule: format!("coref:{}:description:{}", rules.code, d.target),
                confidence: 0.75,
                reason: format!("last {} mentioned before", d.target),
                sector: None,
                country: None,
            };
            push!(m, description_gender.get(di).copied());
        }
        // Groups of two: trigger, at most one word, head.
        for (triggers, heads) in &group_words {
            if !triggers.iter().any(|t| *t == ws[i].lower) {
                continue;
            }
            let head = (i + 1..=(i + 2).min(ws.len().saturating_sub(1))).find(|&h| {
                (i + 1..=h).all(|k| joint(text, ws, k) == Joint::Space)
                    && heads.iter().any(|x| *x == ws[h].lower)
            });
            let Some(h) = head else { continue };
            let span = Span::new(here, ws[h].cend);
            if covered!(span) {
                continue;
            }
            let recent = &states[states.len().saturating_sub(GROUP_LOOKBACK)..];
            let members = last_two_in_conflict(mentions, recent, &layout);
            if members.len() == 2 {
                let names: Vec<String> = members
                    .iter()
                    .map(|id| kb.name(id).unwrap_or(id).to_string())
                    .collect();
                let m = Mention {
                    span,
                    text: text
                        .get(ws[i].start..ws[h].end)
                        .unwrap_or_default()
                        .to_string(),
                    entity: format!("group:{}", members.join("+")),
                    kind: EntityKind::Group,
                    name: names.join(" and "),
                    method: LinkMethod::Coreference,
                    antecedent: None,
                    members,
                    rule: format!("coref:{}:group", rules.code),
                    confidence: 0.7,
                    reason: "the last two states mentioned in a conflict context".into(),
                    sector: None,
                    country: None,
                };
                push!(m, None);
            }
        }
        // Personal pronouns.
        for (p, lower) in rules.coref.pronoun.iter().zip(&pronoun_lower) {
            let surface = text.get(ws[i].start..ws[i].end).unwrap_or_default();
            let lower_only = p.confidence < 0.5;
            let hit = p.words.iter().zip(lower).any(|(w, l)| {
                w == surface || (!lower_only && ws[i].sentence_initial && *l == ws[i].lower)
            });
            if !hit {
                continue;
            }
            let window = if lower_only { 1 } else { 2 };
            let sentence = ws[i].sentence;
            // Sentences only grow along the text, so when the latest candidate is too far
            // back, every other one is too.
            let within = |rank: Rank, window: usize| {
                let span = match rank.1 {
                    0 => mentions[rank.2].span,
                    _ => out[rank.2].span,
                };
                sentence.saturating_sub(layout.sentence_of(span)) <= window
            };
            let persons = latest_person.filter(|&r| within(r, window));
            let descriptions = genders
                .iter()
                .position(|g| *g == p.gender)
                .and_then(|g| latest_described[g])
                .filter(|&r| within(r, 1));
            let antecedent = match (persons, descriptions) {
                (Some(a), Some(b)) => Some(if a.0 > b.0 { a } else { b }),
                (a, b) => a.or(b),
            };
            let Some(a) = antecedent.and_then(|r| candidate(r, &out)) else {
                continue;
            };
            let m = Mention {
                span: Span::new(ws[i].cstart, ws[i].cend),
                text: surface.to_string(),
                entity: a.entity.clone(),
                kind: a.kind,
                name: a.name.clone(),
                method: LinkMethod::Coreference,
                antecedent: Some(a.span),
                members: Vec::new(),
                rule: format!("coref:{}:pronoun:{}", rules.code, surface.to_lowercase()),
                confidence: p.confidence,
                reason: "closest compatible antecedent before the pronoun".into(),
                sector: None,
                country: None,
            };
            push!(m, None);
        }
    }
    out
}

/// The last two distinct states: from the latest sentence about conflict that names two,
/// else simply the last two named. `states` are indexes into `mentions`, in text order.
fn last_two_in_conflict(mentions: &[Mention], states: &[usize], layout: &Layout) -> Vec<String> {
    // States of one sentence are neighbours (text order), so walk the runs from the back.
    let mut end = states.len();
    while end > 0 {
        let s = layout.sentence_of(mentions[states[end - 1]].span);
        let mut start = end - 1;
        while start > 0 && layout.sentence_of(mentions[states[start - 1]].span) == s {
            start -= 1;
        }
        if layout.conflict_sentence(s) {
            let mut ids: Vec<String> = Vec::new();
            for &k in &states[start..end] {
                if !ids.contains(&mentions[k].entity) {
                    ids.push(mentions[k].entity.clone());
                }
            }
            if ids.len() == 2 {
                return ids;
            }
        }
        end = start;
    }
    let mut ids: Vec<String> = Vec::new();
    for &k in states.iter().rev() {
        if !ids.contains(&mentions[k].entity) {
            ids.push(mentions[k].entity.clone());
        }
        if ids.len() == 2 {
            break;
        }
    }
    ids.reverse();
    ids
}

/// The person (or gendered description) a pronoun at char offset `at` refers to: the closest
/// person mention before it within two sentences. For stages that find pronouns themselves
/// (the quote reader's `sagte er`).
pub fn resolve_pronoun<'a>(
    mentions: &'a [Mention],
    sentences: &[armsgraph_model::Sentence],
    at: usize,
) -> Option<&'a Mention> {
    let sentence_of = |c: usize| {
        sentences
            .iter()
            .position(|s| s.span.start <= c && c < s.span.end)
            .unwrap_or(0)
    };
    let here = sentence_of(at);
    mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.span.end <= at)
        .filter(|m| here.saturating_sub(sentence_of(m.span.start)) <= 2)
        .max_by_key(|m| m.span.start)
}

/// The longest abbreviation a document defines for a name (`Liberation Tigers of Tamil Eelam
/// (LTTE)`, `amnesty international (ai)`).
const ABBREVIATION_MAX_CHARS: usize = 8;

/// Abbreviations the document defines (stop 36): an organisation or state named and followed
/// right away by one word of two to [`ABBREVIATION_MAX_CHARS`] letters in parentheses
/// (`amnesty international (ai)`, `Народная партия Пакистана (НПП)`). Each later occurrence of
/// that word, written exactly so and held by no other mention, is that entity — also as the
/// first part of a hyphenated compound (`laut ai-Bericht`). A word defined for two entities
/// is neither's. One pass over the mentions and one over the words.
pub fn defined_abbreviations(text: &str, ws: &[Word], mentions: &[Mention]) -> Vec<Mention> {
    use std::collections::HashMap;
    let cover = crate::people::coverage(ws, mentions);
    // Written form → (mention index, char offset where its uses may start); `None` once two
    // entities define it.
    let mut defined: HashMap<&str, Option<(usize, usize)>> = HashMap::new();
    for (mi, m) in mentions.iter().enumerate() {
        if !matches!(m.kind, EntityKind::Organisation | EntityKind::State) || m.antecedent.is_some()
        {
            continue;
        }
        // The word right after the mention.
        let k = ws.partition_point(|w| w.cstart < m.span.end);
        let (Some(prev), Some(w)) = (k.checked_sub(1).and_then(|p| ws.get(p)), ws.get(k)) else {
            continue;
        };
        if prev.cend != m.span.end {
            continue;
        }
        let between = text.get(prev.end..w.start).unwrap_or_default();
        let after = text.get(w.end..).unwrap_or_default();
        let form = text.get(w.start..w.end).unwrap_or_default();
        let letters = form.chars().count();
        if between.trim() != "("
            || !after.starts_with(')')
            || !(2..=ABBREVIATION_MAX_CHARS).contains(&letters)
            || !form.chars().all(char::is_alphabetic)
            || cover[k].is_some()
        {
            continue;
        }
        match defined.get(form) {
            Some(Some((other, _))) if mentions[*other].entity != m.entity => {
                defined.insert(form, None);
            }
            Some(_) => {}
            None => {
                defined.insert(form, Some((mi, w.cend)));
            }
        }
    }
    if defined.values().all(Option::is_none) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        if cover[k].is_some() {
            continue;
        }
        let form = text.get(w.start..w.end).unwrap_or_default();
        let Some(Some((mi, from))) = defined.get(form) else {
            continue;
        };
        // After the definition; a word standing alone or opening a hyphenated compound.
        let next = text.get(w.end..).and_then(|s| s.chars().next());
        if w.cstart <= *from || next.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let m = &mentions[*mi];
        out.push(Mention {
            span: Span::new(w.cstart, w.cend),
            text: form.to_string(),
            entity: m.entity.clone(),
            kind: m.kind,
            name: m.name.clone(),
            method: LinkMethod::Coreference,
            antecedent: Some(m.span),
            members: Vec::new(),
            rule: "coref:abbreviation".into(),
            confidence: 0.8,
            reason: String::new(),
            sector: m.sector.clone(),
            country: m.country.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use armsgraph_model::Sentence;

    #[test]
    fn pronouns_resolve_to_the_closest_person_before_them() {
        let person = |start: usize, id: &str| Mention {
            span: Span::new(start, start + 5),
            entity: id.into(),
            kind: EntityKind::Person,
            ..Default::default()
        };
        let mentions = vec![person(0, "person:a"), person(20, "person:b")];
        let sentences = vec![
            Sentence {
                span: Span::new(0, 40),
                paragraph: 0,
            },
            Sentence {
                span: Span::new(40, 80),
                paragraph: 0,
            },
            Sentence {
                span: Span::new(80, 120),
                paragraph: 0,
            },
            Sentence {
                span: Span::new(120, 160),
                paragraph: 0,
            },
        ];
        assert_eq!(
            resolve_pronoun(&mentions, &sentences, 30).map(|m| m.entity.as_str()),
            Some("person:b")
        );
        assert_eq!(
            resolve_pronoun(&mentions, &sentences, 10).map(|m| m.entity.as_str()),
            Some("person:a")
        );
        // Three sentences later the chain is too long.
        assert!(resolve_pronoun(&mentions, &sentences, 130).is_none());
    }
}
