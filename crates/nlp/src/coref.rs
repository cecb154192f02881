//! Within-document coreference: definite descriptions (`der Block` → the last alliance
//! mentioned), groups (`die beiden Seiten` → the last two states in conflict) and personal
//! pronouns (`er` → the last person, or the last masculine description). The phrases are
//! data (`[coref]` in `data/lang/<lang>.toml`).

use armsgraph_kb::Kb;
use armsgraph_model::{EntityKind, LinkMethod, Mention, Span};

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

fn covered(mentions: &[Mention], span: Span) -> bool {
    mentions.iter().any(|m| m.span.overlaps(&span))
}

/// Gender of an antecedent for pronoun agreement: descriptions carry one, people are
/// compatible with any personal pronoun (their gender is not in the knowledge base).
struct Antecedent {
    mention: Mention,
    gender: String,
}

/// Finds coreferring phrases. `mentions` are all mentions so far, in text order.
pub fn find(
    kb: &Kb,
    rules: &LangRules,
    text: &str,
    ws: &[Word],
    mentions: &[Mention],
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut described: Vec<Antecedent> = Vec::new();
    let sentence_of = |span: Span| {
        ws.iter()
            .find(|w| w.cstart >= span.start)
            .map(|w| w.sentence)
            .unwrap_or(0)
    };
    let conflict_sentence = |s: usize| {
        ws.iter().filter(|w| w.sentence == s).any(|w| {
            rules
                .coref
                .conflict_cues
                .iter()
                .any(|c| w.lower.starts_with(c.as_str()))
        })
    };
    let description_words: Vec<Vec<Vec<String>>> = rules
        .coref
        .description
        .iter()
        .map(|d| d.words.iter().map(|p| phrase_words(p)).collect())
        .collect();
    for i in 0..ws.len() {
        let here = ws[i].cstart;
        // Definite descriptions.
        for (d, phrases) in rules.coref.description.iter().zip(&description_words) {
            let Some(n) = phrases.iter().find_map(|p| matches_phrase(text, ws, i, p)) else {
                continue;
            };
            let span = Span::new(here, ws[i + n - 1].cend);
            if covered(mentions, span) || covered(&out, span) {
                continue;
            }
            // `des Bündnisses der OVKS`: the name follows, so the phrase is not anaphoric.
            let next_named = mentions.iter().any(|m| {
                m.span.start >= span.end
                    && m.span.start <= span.end + 6
                    && kb.is_org_type(&m.entity, &d.target)
            });
            if next_named {
                continue;
            }
            let antecedent = mentions
                .iter()
                .chain(out.iter())
                .filter(|m| m.span.end <= here && kb.is_org_type(&m.entity, &d.target))
                .max_by_key(|m| m.span.start);
            if let Some(a) = antecedent {
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
                described.push(Antecedent {
                    mention: m.clone(),
                    gender: d.gender.clone(),
                });
                out.push(m);
            }
        }
        // Groups of two: trigger, at most one word, head.
        for g in &rules.coref.group {
            if !g.triggers.iter().any(|t| t.to_lowercase() == ws[i].lower) {
                continue;
            }
            let head = (i + 1..=(i + 2).min(ws.len().saturating_sub(1))).find(|&h| {
                (i + 1..=h).all(|k| joint(text, ws, k) == Joint::Space)
                    && g.heads.iter().any(|x| x.to_lowercase() == ws[h].lower)
            });
            let Some(h) = head else { continue };
            let span = Span::new(here, ws[h].cend);
            if covered(mentions, span) || covered(&out, span) {
                continue;
            }
            let states: Vec<&Mention> = mentions
                .iter()
                .filter(|m| m.kind == EntityKind::State && m.span.end <= here)
                .filter(|m| m.method != LinkMethod::OfficeHolder)
                .collect();
            let members = last_two_in_conflict(&states, &sentence_of, &conflict_sentence);
            if members.len() == 2 {
                let names: Vec<String> = members
                    .iter()
                    .map(|id| kb.name(id).unwrap_or(id).to_string())
                    .collect();
                out.push(Mention {
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
                });
            }
        }
        // Personal pronouns.
        for p in &rules.coref.pronoun {
            let surface = text.get(ws[i].start..ws[i].end).unwrap_or_default();
            let lower_only = p.confidence < 0.5;
            let hit = p.words.iter().any(|w| {
                w == surface
                    || (!lower_only && ws[i].sentence_initial && w.to_lowercase() == ws[i].lower)
            });
            if !hit {
                continue;
            }
            let window = if lower_only { 1 } else { 2 };
            let persons = mentions
                .iter()
                .chain(out.iter())
                .filter(|m| m.kind == EntityKind::Person && m.span.end <= here)
                .filter(|m| ws[i].sentence.saturating_sub(sentence_of(m.span)) <= window)
                .max_by_key(|m| m.span.start);
            let descriptions = described
                .iter()
                .filter(|d| d.gender == p.gender && d.mention.span.end <= here)
                .filter(|d| ws[i].sentence.saturating_sub(sentence_of(d.mention.span)) <= 1)
                .map(|d| &d.mention)
                .max_by_key(|m| m.span.start);
            let antecedent = match (persons, descriptions) {
                (Some(a), Some(b)) => Some(if a.span.start > b.span.start { a } else { b }),
                (a, b) => a.or(b),
            };
            let Some(a) = antecedent.cloned() else {
                continue;
            };
            out.push(Mention {
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
            });
        }
    }
    out
}

/// The last two distinct states: from the latest sentence about conflict that names two,
/// else simply the last two named.
fn last_two_in_conflict(
    states: &[&Mention],
    sentence_of: &dyn Fn(Span) -> usize,
    conflict_sentence: &dyn Fn(usize) -> bool,
) -> Vec<String> {
    let mut sentences: Vec<usize> = states.iter().map(|m| sentence_of(m.span)).collect();
    sentences.dedup();
    for s in sentences.into_iter().rev() {
        if !conflict_sentence(s) {
            continue;
        }
        let mut ids: Vec<String> = Vec::new();
        for m in states.iter().filter(|m| sentence_of(m.span) == s) {
            if !ids.contains(&m.entity) {
                ids.push(m.entity.clone());
            }
        }
        if ids.len() == 2 {
            return ids;
        }
    }
    let mut ids: Vec<String> = Vec::new();
    for m in states.iter().rev() {
        if !ids.contains(&m.entity) {
            ids.push(m.entity.clone());
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
