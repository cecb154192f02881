//! Entity mentions: knowledge-base names, their inflected forms and hyphenated compounds,
//! with ambiguity decided from context and office holders standing for their state.
//!
//! Matching is a dictionary lookup over word sequences: every name of
//! `data/kb/names/<lang>.tsv` is expanded with the suffix rules of `data/lang/<lang>.toml`
//! into an index `lower-cased key → names` (`armsgraph_kb::forms`; compiled at build time for
//! the embedded data, built on first use of a language for a `--data-dir`); at read time each
//! word position tries the longest key first. Case is checked per entry: abbreviations must
//! match exactly (`US` ≠ `us`), capitalised names need a capital, lower-case forms (German
//! adjectives) match any case.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use armsgraph_kb::{FormIndex, Kb, NameForm};
use armsgraph_model::{EntityKind, LinkMethod, Mention, SentenceSyntax, Span, SyntaxWord};

use crate::lexicon::LangRules;
use crate::words::{joint, key_of, Joint, Word};

/// How the case of the text must agree with a name.
#[derive(Debug, Clone, PartialEq)]
enum CaseRule {
    /// Word for word identical (abbreviations).
    Exact(String),
    /// Every word the name capitalises is capitalised in the text.
    Capitalised(Vec<bool>),
    Any,
}

fn form_priority(form: NameForm) -> u8 {
    match form {
        NameForm::Name | NameForm::Official | NameForm::Short | NameForm::Abbrev => 0,
        NameForm::Alias => 1,
        NameForm::Adjective | NameForm::Demonym => 2,
        NameForm::Surname => 3,
        NameForm::Agent => 4,
    }
}

pub fn kind_priority(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::State => 0,
        EntityKind::Organisation => 1,
        EntityKind::Person => 2,
        EntityKind::Place => 3,
        EntityKind::WeaponSystem => 4,
        EntityKind::WeaponCategory => 5,
        EntityKind::Group => 6,
        EntityKind::Agent => 7,
    }
}

/// The name index of all languages: the one compiled with the knowledge base where there is
/// one, else built from the language's rules the first time a document of that language is
/// read, so start-up does not pay for the other languages (docs/notes/startup.md).
#[derive(Debug, Default)]
pub struct Gazetteer {
    kb: Arc<Kb>,
    rules: BTreeMap<String, LangRules>,
    langs: HashMap<String, OnceLock<Option<FormIndex>>>,
}

impl Gazetteer {
    /// The index for every language that has a names file or a rules file; each language's
    /// index is opened (or built) on first use.
    pub fn build(kb: Arc<Kb>, langs: &BTreeMap<String, LangRules>) -> Gazetteer {
        let mut codes: Vec<String> = kb.languages();
        codes.extend(langs.keys().cloned());
        codes.sort();
        codes.dedup();
        Gazetteer {
            langs: codes.into_iter().map(|c| (c, OnceLock::new())).collect(),
            rules: langs.clone(),
            kb,
        }
    }

    /// The index of one language. A compiled index that cannot be read (a damaged
    /// `ARMSGRAPH_KB` file) is rebuilt from the rules rather than read as empty.
    fn forms(&self, code: &str) -> Option<&FormIndex> {
        let cell = self.langs.get(code)?;
        cell.get_or_init(|| match self.kb.compiled_forms(code) {
            Some(Ok(index)) => Some(index),
            _ => {
                let empty = LangRules::default();
                let rules = self.rules.get(code).unwrap_or(&empty);
                self.kb.build_forms(code, &rules.inflection).ok()
            }
        })
        .as_ref()
    }

    pub fn has_language(&self, lang: &str) -> bool {
        self.langs.contains_key(lang)
    }

    /// Number of distinct lookup keys (names and their generated forms) of a language.
    pub fn form_count(&self, lang: &str) -> usize {
        self.forms(lang).map_or(0, FormIndex::len)
    }
}

fn case_rule(text: &str, form: NameForm) -> CaseRule {
    if form == NameForm::Abbrev {
        return CaseRule::Exact(text.to_string());
    }
    let index = armsgraph_model::TextIndex::new(text);
    let caps: Vec<bool> = crate::words::words(text, &index, &[])
        .iter()
        .map(|w| w.capitalised)
        .collect();
    if caps.iter().any(|&c| c) {
        CaseRule::Capitalised(caps)
    } else {
        CaseRule::Any
    }
}

/// Whether the words `ws` of `text` satisfy a case rule.
fn case_ok(case: &CaseRule, text: &str, ws: &[Word]) -> bool {
    match case {
        CaseRule::Any => true,
        CaseRule::Exact(expected) => {
            let (Some(first), Some(last)) = (ws.first(), ws.last()) else {
                return false;
            };
            let surface = text.get(first.start..last.end).unwrap_or_default();
            key_of(surface) == key_of(expected)
                && surface
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .eq(expected.chars().filter(|c| c.is_alphanumeric()))
        }
        CaseRule::Capitalised(caps) => ws
            .iter()
            .enumerate()
            .all(|(i, w)| !caps.get(i).copied().unwrap_or(false) || w.capitalised),
    }
}

/// A KB match before it becomes a [`Mention`].
#[derive(Debug, Clone)]
pub struct Hit {
    /// Word range `[first, last]`.
    pub first: usize,
    pub last: usize,
    pub entity: String,
    pub kind: EntityKind,
    pub form: NameForm,
    pub method: LinkMethod,
    pub rule: String,
    pub confidence: f32,
    pub reason: String,
    pub base: String,
    /// For a generic actor: the state the text gives it (`Indian police` → IND).
    pub country: Option<String>,
    /// For a generic actor: the armed group it belongs to (`YPG fighters`).
    pub group: Option<String>,
}

/// Finds knowledge-base names in `text` (already split into `ws`).
pub fn find(kb: &Kb, gaz: &Gazetteer, lang: &str, text: &str, ws: &[Word]) -> Vec<Hit> {
    let Some(lf) = gaz.forms(lang) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let max = lf.max_words(&ws[i].lower);
        let mut found = None;
        for len in (1..=max.min(ws.len() - i)).rev() {
            let mut key = ws[i].lower.clone();
            let mut broken = false;
            for j in i + 1..i + len {
                let jt = joint(text, ws, j);
                if jt == Joint::Break {
                    broken = true;
                    break;
                }
                key.push_str(jt.key());
                key.push_str(&ws[j].lower);
            }
            if broken {
                continue;
            }
            let Some(entries) = lf.get(&key) else {
                continue;
            };
            let slice = &ws[i..i + len];
            let candidates: Vec<_> = entries
                .iter()
                .filter_map(|e| {
                    let name = kb.name_at(e.name)?;
                    case_ok(&case_rule(&name.text, name.form), text, slice)
                        .then(|| kb.entity(&name.entity).map(|ent| (e, name, ent)))?
                })
                .collect();
            let best = candidates.iter().min_by_key(|(e, name, ent)| {
                (
                    e.inflected,
                    form_priority(name.form),
                    kind_priority(ent.kind),
                    name.lang != lang,
                )
            });
            if let Some(&(e, name, ent)) = best {
                // Several entities share the surface: say which won and why.
                let others: Vec<&str> = candidates
                    .iter()
                    .filter(|(_, _, o)| o.id != ent.id)
                    .map(|(_, _, o)| o.id.as_str())
                    .collect();
                let reason = if others.is_empty() {
                    String::new()
                } else {
                    format!(
                        "also names {}; {} preferred (exact before inflected, name before adjective, state before organisation/person/place)",
                        others.join(", "),
                        ent.id
                    )
                };
                found = Some(Hit {
                    first: i,
                    last: i + len - 1,
                    entity: ent.id.clone(),
                    kind: ent.kind,
                    form: name.form,
                    method: if e.inflected {
                        LinkMethod::Inflection
                    } else {
                        LinkMethod::Name
                    },
                    rule: if e.inflected {
                        format!("inflect:{lang}:{}:{}", name.form.label(), e.rule)
                    } else {
                        format!("kb:{}:{}", name.lang, name.form.label())
                    },
                    confidence: match (e.inflected, name.form) {
                        (_, NameForm::Surname) => 0.85,
                        (_, NameForm::Agent) => 0.8,
                        (true, _) => 0.9,
                        (false, NameForm::Abbrev) => 0.9,
                        _ => 0.95,
                    },
                    reason,
                    base: name.text.clone(),
                    country: None,
                    group: None,
                });
                break;
            }
        }
        match found {
            Some(hit) => {
                i = hit.last + 1;
                hits.push(hit);
            }
            None => i += 1,
        }
    }
    hits
}

/// Closed compounds whose head is a generic actor (`Gegendemonstranten`,
/// `Regierungstruppen`): the longest suffix of a capitalised word that the name index holds
/// as a generic actor is that actor, when what stands before it is a modifier of at least
/// `compound_min_modifier` letters once a linking element (`-s-`, `-en-`) is taken off. No
/// compound is listed anywhere; only languages whose rules set the minimum do this.
pub fn compound_agents(
    kb: &Kb,
    gaz: &Gazetteer,
    lang: &str,
    rules: &LangRules,
    ws: &[Word],
    hits: &mut Vec<Hit>,
) {
    let min_modifier = rules.agents.compound_min_modifier;
    if min_modifier == 0 {
        return;
    }
    let Some(lf) = gaz.forms(lang) else {
        return;
    };
    let mut covered = vec![false; ws.len()];
    for h in hits.iter() {
        for c in covered.iter_mut().take(h.last + 1).skip(h.first) {
            *c = true;
        }
    }
    let mut found = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if covered[i] || !w.capitalised {
            continue;
        }
        let chars: Vec<(usize, char)> = w.lower.char_indices().collect();
        // Heads of at least four letters; the first split that works is the longest head.
        let heads = chars
            .iter()
            .enumerate()
            .take(chars.len().saturating_sub(3))
            .skip(min_modifier);
        for (k, &(at, _)) in heads {
            let modifier = &w.lower[..at];
            let stem_letters = rules
                .agents
                .linking
                .iter()
                .filter(|l| modifier.ends_with(l.as_str()))
                .map(|l| modifier.chars().count() - l.chars().count())
                .max()
                .unwrap_or(k)
                .min(k);
            if stem_letters < min_modifier {
                continue;
            }
            let head = &w.lower[at..];
            let Some(entries) = lf.get(head) else {
                continue;
            };
            let agent = entries.iter().find_map(|e| {
                let name = kb.name_at(e.name)?;
                let ent = kb.entity(&name.entity)?;
                (ent.kind == EntityKind::Agent)
                    .then(|| (e.rule.to_string(), name.text.clone(), ent))
            });
            if let Some((rule, base, ent)) = agent {
                found.push(Hit {
                    first: i,
                    last: i,
                    entity: ent.id.clone(),
                    kind: ent.kind,
                    form: NameForm::Agent,
                    method: LinkMethod::Compound,
                    rule: format!(
                        "compound-head:{lang}:{head}{}",
                        if rule.is_empty() {
                            String::new()
                        } else {
                            format!(":{rule}")
                        }
                    ),
                    confidence: 0.75,
                    reason: format!(
                        "head of the compound `{}` is the generic actor `{base}`",
                        w.lower
                    ),
                    base,
                    country: None,
                    group: None,
                });
                break;
            }
        }
    }
    if !found.is_empty() {
        hits.extend(found);
        hits.sort_by_key(|h| (h.first, h.last));
    }
}

/// Drops or keeps ambiguous names by the context rules of the language; records why.
pub fn disambiguate(
    rules: Option<&LangRules>,
    text: &str,
    ws: &[Word],
    hits: &mut Vec<Hit>,
    sentence_text: impl Fn(usize) -> String,
) {
    let Some(rules) = rules else { return };
    let covered: Vec<(usize, usize)> = hits.iter().map(|h| (h.first, h.last)).collect();
    let is_covered = |i: usize| covered.iter().any(|&(a, b)| a <= i && i <= b);
    let not_names = &rules.people.not_names;
    // One sense per discourse (Gale, Church & Yarowsky 1992): a name the document already
    // used for an entity, unambiguously or in its context, keeps that reading later on (`der
    // UN-Sicherheitsrat …` then `Der Sicherheitsrat rief …`).
    let mut kept: std::collections::HashSet<String> = std::collections::HashSet::new();
    hits.retain_mut(|hit| {
        let (Some(first), Some(last)) = (ws.get(hit.first), ws.get(hit.last)) else {
            return true;
        };
        let surface = text.get(first.start..last.end).unwrap_or_default();
        let Some(amb) = rules
            .ambiguous
            .iter()
            .find(|a| a.entity == hit.entity && a.surface == surface)
        else {
            kept.insert(hit.entity.clone());
            return true;
        };
        let name_word = |i: usize| {
            ws.get(i).is_some_and(|w| {
                w.capitalised
                    && !is_covered(i)
                    && !not_names.iter().any(|n| n.eq_ignore_ascii_case(&w.lower))
            })
        };
        if amb.drop_in_person_name {
            let before = hit.first > 0
                && joint(text, ws, hit.first) == Joint::Space
                && !first.sentence_initial
                && name_word(hit.first - 1);
            let after = joint(text, ws, hit.last + 1) == Joint::Space && name_word(hit.last + 1);
            if before || after {
                return false;
            }
        }
        let sentence = sentence_text(first.sentence);
        let bare_definite = hit.first > 0
            && ws.get(hit.first - 1).is_some_and(|w| {
                amb.keep_after
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(&w.lower))
            });
        let keep = bare_definite || amb.keep_near.iter().any(|c| sentence.contains(c.as_str()));
        let drop = amb.drop_near.iter().any(|c| sentence.contains(c.as_str()));
        let earlier = kept.contains(&hit.entity);
        let decision = match (keep, drop) {
            (true, _) => true,
            (false, true) => false,
            (false, false) => earlier || amb.default != "drop",
        };
        if decision {
            kept.insert(hit.entity.clone());
            hit.reason = if keep {
                format!("{} (context word found)", amb.reason_keep)
            } else if earlier {
                format!("{} (read so earlier in the document)", amb.reason_keep)
            } else {
                amb.reason_keep.clone()
            };
            hit.confidence = hit.confidence.min(if keep { 0.85 } else { 0.7 });
        }
        decision
    });
}

/// Turns hits into mentions; a hit glued by a hyphen to words that are not names spreads over
/// the whole compound (`EU-Beobachtungsmission`, `US-Truppen`) with method `Compound`.
///
/// A generic actor inside such a compound keeps its own mention too (`US-Truppen` → USA, and
/// `Truppen` → `USA.military`); a generic actor itself never spreads.
pub fn to_mentions(kb: &Kb, text: &str, ws: &[Word], hits: &[Hit]) -> Vec<Mention> {
    let covered = |i: usize| {
        hits.iter()
            .any(|h| h.kind != EntityKind::Agent && h.first <= i && i <= h.last)
    };
    let mut out = Vec::new();
    for hit in hits {
        let (mut a, mut b) = (hit.first, hit.last);
        let spreads = hit.kind != EntityKind::Agent;
        while spreads
            && b + 1 < ws.len()
            && joint(text, ws, b + 1) == Joint::Hyphen
            && !covered(b + 1)
        {
            b += 1;
        }
        while spreads && a > 0 && joint(text, ws, a) == Joint::Hyphen && !covered(a - 1) {
            a -= 1;
        }
        let compound = (a, b) != (hit.first, hit.last);
        let (Some(wa), Some(wb)) = (ws.get(a), ws.get(b)) else {
            continue;
        };
        let span = Span::new(wa.cstart, wb.cend);
        let surface = text.get(wa.start..wb.end).unwrap_or_default().to_string();
        let (entity, name, sector) = if hit.kind == EntityKind::Agent {
            let owner = hit.group.as_ref().or(hit.country.as_ref());
            match owner {
                Some(o) => (
                    format!("{o}.{}", hit.entity),
                    format!("{} {}", kb.name(o).unwrap_or(o), hit.entity),
                    Some(hit.entity.clone()),
                ),
                None => (
                    hit.entity.clone(),
                    hit.entity.clone(),
                    Some(hit.entity.clone()),
                ),
            }
        } else {
            let name = kb.name(&hit.entity).unwrap_or(&hit.entity).to_string();
            // A news organisation is marked so, so the event stage does not take the source
            // of a report (`передаёт «Интерфакс»`) as a party of what it reports.
            let media = kb
                .is_org_type(&hit.entity, "media")
                .then(|| "media".to_string());
            (hit.entity.clone(), name, media)
        };
        out.push(Mention {
            span,
            text: surface,
            entity,
            kind: hit.kind,
            name,
            method: if compound {
                LinkMethod::Compound
            } else {
                hit.method.clone()
            },
            antecedent: None,
            members: hit.group.iter().cloned().collect(),
            rule: if compound {
                format!("compound:{}", hit.rule)
            } else {
                hit.rule.clone()
            },
            confidence: if compound {
                hit.confidence.min(0.85)
            } else {
                hit.confidence
            },
            reason: hit.reason.clone(),
            sector,
            country: hit.country.clone(),
        });
    }
    out
}

/// For each mention of a known office holder, a mention of the state (or organisation) they
/// stand for, at the same span, with the person's mention as antecedent (`Putin` → RUS).
pub fn office_holder_mentions(kb: &Kb, mentions: &[Mention], year: Option<i32>) -> Vec<Mention> {
    let mut out = Vec::new();
    for m in mentions.iter().filter(|m| m.kind == EntityKind::Person) {
        let Some(office) = office_at(kb, &m.entity, year) else {
            continue;
        };
        // A member of parliament or a former official of the open sources does not speak for
        // the state, nor does a minister of the sources outside their term.
        if !office.acts_for_state()
            || (office.source != "curated" && year.is_some_and(|y| !office.held_in(y)))
        {
            continue;
        }
        let Some(state) = kb.entity(&office.state) else {
            continue;
        };
        out.push(Mention {
            span: m.span,
            text: m.text.clone(),
            entity: state.id.clone(),
            kind: state.kind,
            name: state.name.clone(),
            method: LinkMethod::OfficeHolder,
            antecedent: Some(m.span),
            members: Vec::new(),
            rule: format!("office:{}:{}", m.entity, office.office.replace(' ', "-")),
            sector: None,
            country: None,
            confidence: (m.confidence * 0.9).min(0.85),
            reason: format!(
                "{} is {} of {} ({})",
                m.name,
                office.office,
                state.name,
                office.years().unwrap_or_default()
            ),
        });
    }
    out
}

/// The office a person held in `year`, else their latest.
pub fn office_at<'a>(
    kb: &'a Kb,
    person: &str,
    year: Option<i32>,
) -> Option<&'a armsgraph_kb::Office> {
    let offices = kb.offices_of(person);
    year.and_then(|y| offices.iter().rev().find(|o| o.held_in(y)).copied())
        .or_else(|| offices.last().copied())
}

/// Gives each generic actor the state or armed group the text attaches to it: a state or
/// group right before it (`Indian police`, `US-Truppen`, `YPG fighters`), right after it
/// where the language puts adjectives or genitives there (`la police indienne`, `полиция
/// Индии`), or after a linking word (`the armed forces of Syria`).
pub fn link_agents(kb: &Kb, rules: &LangRules, text: &str, ws: &[Word], hits: &mut [Hit]) {
    let owner = |h: &Hit| -> Option<(Option<String>, Option<String>)> {
        let e = kb.entity(&h.entity)?;
        match e.kind {
            EntityKind::State => Some((Some(e.id.clone()), None)),
            EntityKind::Organisation if e.category.as_deref() == Some("armed-group") => {
                Some((None, Some(e.id.clone())))
            }
            _ => None,
        }
    };
    let glued = |i: usize| matches!(joint(text, ws, i), Joint::Space | Joint::Hyphen);
    for k in 0..hits.len() {
        if hits[k].kind != EntityKind::Agent {
            continue;
        }
        let (first, last) = (hits[k].first, hits[k].last);
        let mut found = None;
        if k > 0 && hits[k - 1].last + 1 == first && glued(first) {
            found = owner(&hits[k - 1]);
        }
        if found.is_none() && rules.agents.country_after {
            if let Some(next) = hits.get(k + 1) {
                if next.first == last + 1 && glued(next.first) {
                    found = owner(next);
                }
            }
        }
        if found.is_none() {
            if let (Some(next), Some(link)) = (hits.get(k + 1), ws.get(last + 1)) {
                // `of Syria`, `de la Syrie`: one or two linking words.
                let mut j = last + 1;
                while j < next.first
                    && ws.get(j).is_some_and(|w| {
                        rules.agents.of.iter().any(|o| o == &w.lower)
                            || (j > last + 1 && (w.lower == "la" || w.lower == "the"))
                    })
                {
                    j += 1;
                }
                if j == next.first
                    && j > last + 1
                    && rules.agents.of.iter().any(|o| o == &link.lower)
                    && (last + 1..=next.first).all(glued)
                {
                    found = owner(next);
                }
            }
        }
        if let Some((country, group)) = found {
            hits[k].country = country;
            hits[k].group = group;
        }
    }
}

/// A state's demonym counted (`hunderte Osttimoresen`, `143 Briten`, `dozens of Britons` is
/// not read: `of` stands between) names people of that state, as PLOVER and ACLED code them:
/// the generic actor `civilians` with the state as its country (a protest makes them
/// protesters later). Only after a number or a word of `[agents] counted`.
pub fn counted_demonyms(rules: &LangRules, ws: &[Word], hits: &mut [Hit]) {
    if rules.agents.counted.is_empty() {
        return;
    }
    for hit in hits.iter_mut() {
        if hit.kind != EntityKind::State || hit.form != NameForm::Demonym || hit.first == 0 {
            continue;
        }
        let Some(prev) = ws.get(hit.first - 1) else {
            continue;
        };
        let number = prev.lower.chars().any(|c| c.is_ascii_digit())
            && prev
                .lower
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
        if number || rules.agents.counted.iter().any(|w| w == &prev.lower) {
            hit.country = Some(std::mem::replace(&mut hit.entity, "civilians".into()));
            hit.kind = EntityKind::Agent;
            hit.form = NameForm::Agent;
        }
    }
}

/// Is the name on words `first..=last` inside a geographic feature's name (`Sea of Japan`,
/// `South China Sea`, `Японское море`, `Golf von Mexiko`)? By the language's words for
/// geographic features: [people] `place_head_words` right after the name, written as listed;
/// `place_head_words` or `place_lead_words` before it with one of `place_name_connectors`
/// between. Stop 45.
fn in_place_name(rules: &LangRules, text: &str, ws: &[Word], first: usize, last: usize) -> bool {
    let people = &rules.people;
    let surface = |i: usize| {
        ws.get(i)
            .and_then(|w| text.get(w.start..w.end))
            .unwrap_or("")
    };
    let head = |i: usize| people.place_head_words.iter().any(|h| h == surface(i));
    let lead = |i: usize| head(i) || people.place_lead_words.iter().any(|h| h == surface(i));
    let spaced = |i: usize| matches!(joint(text, ws, i), Joint::Space);
    let same_sentence = |a: usize, b: usize| {
        ws.get(a)
            .zip(ws.get(b))
            .is_some_and(|(x, y)| x.sentence == y.sentence)
    };
    let after = head(last + 1) && spaced(last + 1) && same_sentence(last, last + 1);
    after
        || people.place_name_connectors.iter().any(|c| {
            let n = c.split_whitespace().count();
            first > n
                && same_sentence(first - n - 1, first)
                && (first - n..=first).all(spaced)
                && lead(first - n - 1)
                && c.split_whitespace()
                    .zip(first - n..first)
                    .all(|(cw, i)| ws.get(i).is_some_and(|w| w.lower == cw))
        })
}

/// Drops a state's name inside a geographic feature's name ([`in_place_name`]): the feature
/// is no party, and it lies outside the state. For the knowledge base's hits here and the
/// recogniser's mentions later ([`drop_states_in_place_names`]).
pub fn states_in_place_names(rules: &LangRules, text: &str, ws: &[Word], hits: &mut Vec<Hit>) {
    hits.retain(|h| {
        h.kind != EntityKind::State || !in_place_name(rules, text, ws, h.first, h.last)
    });
}

/// [`states_in_place_names`] for mentions: the recogniser's, which links a location it
/// finds to a state's id (`im Golf von Oman` → `Oman`, a place of id `OMN`).
pub fn drop_states_in_place_names(
    kb: &Kb,
    rules: &LangRules,
    text: &str,
    ws: &[Word],
    mentions: &mut Vec<Mention>,
) {
    mentions.retain(|m| {
        let state = m.kind == EntityKind::State
            || kb
                .entity(&m.entity)
                .is_some_and(|e| e.kind == EntityKind::State);
        if !state {
            return true;
        }
        let first = ws.partition_point(|w| w.cstart < m.span.start);
        let last = ws.partition_point(|w| w.cend <= m.span.end);
        if first >= last || ws.get(first).is_none_or(|w| w.cstart != m.span.start) {
            return true;
        }
        !in_place_name(rules, text, ws, first, last - 1)
    });
}

/// Drops a gazetteer city right after a given name (`Jack Layton`: a surname, not Layton,
/// Utah), so the person rules read the pair; the same test as `people:given-name` (stop 30).
pub fn cities_after_given_names(
    kb: &Kb,
    rules: &LangRules,
    text: &str,
    ws: &[Word],
    hits: &mut Vec<Hit>,
) {
    hits.retain(|h| {
        if h.kind != EntityKind::Place || h.first == 0 {
            return true;
        }
        let given = ws.get(h.first - 1).is_some_and(|w| {
            w.capitalised
                && matches!(joint(text, ws, h.first), Joint::Space)
                && text
                    .get(w.start..w.end)
                    .is_some_and(|t| rules.given_names.contains_key(t))
        });
        !(given
            && kb
                .entity(&h.entity)
                .is_some_and(|e| e.category.as_deref() == Some("city")))
    });
}

/// Drops a gazetteer city (`kb/places.tsv`, category `city`) whose text is the last word of
/// a person the document named in full before it (`Jack Layton … Layton said`: not Layton,
/// Utah): a world list of towns holds many surnames. `mentions` are in text order; one pass
/// with a set of the surnames seen (stop 30).
pub fn surnames_before_cities(kb: &Kb, mentions: &mut Vec<Mention>) {
    let mut surnames: std::collections::HashSet<String> = std::collections::HashSet::new();
    mentions.retain(|m| {
        if m.kind == EntityKind::Person {
            let mut words = m.text.split_whitespace();
            let first = words.next();
            if let (Some(_), Some(last)) = (first, words.last()) {
                surnames.insert(last.to_lowercase());
            }
            return true;
        }
        !(m.kind == EntityKind::Place
            && surnames.contains(&m.text.to_lowercase())
            && kb
                .entity(&m.entity)
                .is_some_and(|e| e.category.as_deref() == Some("city")))
    });
}

/// Drops a surname alone of a person known only from the open sources (Phoenix,
/// EveryPolitician) unless the document names them in full earlier or a role noun stands
/// right before it (`President Sisi`): a world-scale list of surnames would link every
/// `Mansour` or `Gore` otherwise. Stop 33: also kept when the person held an office in the
/// document's `year` (`elite` rows are no office) and is the only person of that surname in
/// the knowledge base who did (`Merkel said` in 2014; `Schmidt` in 2014 stays unlinked, as
/// Helmut Schmidt held none) — as a title makes a lone surname the office holder of the year
/// ([`titled_surnames`]); with no year, the only one who ever held an executive office (stop
/// 43). `index` gives the [`surname_index`], asked for only then.
pub fn require_context_for_surnames<'i>(
    kb: &Kb,
    index: &dyn Fn() -> &'i HashMap<String, Vec<String>>,
    rules: &LangRules,
    text: &str,
    ws: &[Word],
    hits: &mut Vec<Hit>,
    year: Option<i32>,
) {
    // The one holder of the surname in office in the year, whichever person of that name
    // the name index matched (`Bush` alone in 2008 is George W. Bush, though the index
    // found his father first; stop 38).
    // Undated (stop 43): the only one of the name who ever held an executive office, as for a
    // surname in another script ([`surnames_across_scripts`]): `Vučić sagte` in a pasted
    // paragraph.
    let only_holder = |hit: &Hit| -> Option<String> {
        let last = hit.base.split_whitespace().next_back()?;
        index()
            .get(&last.to_lowercase())
            .filter(|ids| ids.contains(&hit.entity))
            .and_then(|ids| only_office_holder(kb, ids, year))
            .cloned()
    };
    let mut full_seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut keep = Vec::with_capacity(hits.len());
    for hit in hits.drain(..) {
        if hit.form != NameForm::Surname || hit.kind != EntityKind::Person {
            if hit.kind == EntityKind::Person {
                full_seen.insert(hit.entity.clone());
            }
            keep.push(hit);
            continue;
        }
        let curated = kb
            .offices_of(&hit.entity)
            .iter()
            .any(|o| o.source == "curated")
            || kb.entity(&hit.entity).is_some_and(|e| {
                !e.note.contains("phoenix") && !e.note.contains("everypolitician")
            });
        let role_before = hit.first > 0
            && ws.get(hit.first - 1).is_some_and(|w| {
                text.get(w.start..w.end)
                    .is_some_and(|t| rules.role_title(t).is_some())
            });
        // A capitalised word right after it makes the surname a first name of a longer name
        // (`Christopher Hill`, not Warren Christopher).
        let name_after = ws.get(hit.last + 1).is_some_and(|w| {
            text.get(w.start..w.end)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_uppercase)
        });
        if curated || role_before || full_seen.contains(&hit.entity) {
            keep.push(hit);
        } else if let Some(holder) = (!name_after).then(|| only_holder(&hit)).flatten() {
            let same = |k: &Hit| k.first == hit.first && k.last == hit.last && k.entity == holder;
            if !keep.iter().any(same) {
                let mut hit = hit;
                hit.entity = holder;
                keep.push(hit);
            }
        }
    }
    *hits = keep;
}

/// The one person among `ids` (people of one surname) who held an office in `year`: the only
/// one in any office but `elite`, or else the only one in an executive office, as a member of
/// parliament of the same name is rarely whom the news names by surname alone (Petro
/// Poroshenko, president from 2014, and Oleksiy Poroshenko, a deputy from the same year).
///
/// With no `year` (an undated text naming none), the only one who ever held an executive
/// office.
fn only_office_holder<'a>(kb: &Kb, ids: &'a [String], year: Option<i32>) -> Option<&'a String> {
    let holds = |id: &str, executive: bool| {
        kb.offices_of(id).iter().any(|o| {
            o.office != "elite"
                && (!executive || !o.office.starts_with("member of parliament"))
                && year.is_none_or(|y| o.held_in(y))
        })
    };
    let only = |executive: bool| {
        let mut holders = ids.iter().filter(|id| holds(id, executive));
        match (holders.next(), holders.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    };
    // An executive holder implies a holder: undated, only the executive one counts.
    if year.is_some() {
        only(false).or_else(|| only(true))
    } else {
        only(true)
    }
}

/// A surname alone written in another script than the knowledge base's names (`Меркель`,
/// `Порошенко`): the recogniser minted an id from its transliteration (`person:merkel`). When
/// exactly one person of the knowledge base with that surname held an office in the
/// document's `year`, it is that person, by the rule a Latin surname alone follows in
/// [`require_context_for_surnames`] (`Merkel said` in 2014); in a text with no year, when
/// exactly one ever held an executive office (the recogniser has already read the word as a
/// person's name, which a Latin surname alone in the text has not). Several holders, or a
/// name of more than one word: the minted id stays. `index` gives the [`surname_index`],
/// asked for only when such a mention is there.
pub fn surnames_across_scripts<'i>(
    kb: &Kb,
    index: &dyn Fn() -> &'i HashMap<String, Vec<String>>,
    mentions: &mut [Mention],
    year: Option<i32>,
) {
    let mut renamed: HashMap<String, Option<(String, String)>> = HashMap::new();
    for m in mentions.iter_mut() {
        if m.kind != EntityKind::Person
            || m.method != LinkMethod::Context
            || m.name.contains(char::is_whitespace)
            || m.text.is_ascii()
            || kb.kind(&m.entity).is_some()
        {
            continue;
        }
        let found = renamed.entry(m.entity.clone()).or_insert_with(|| {
            // Undated, a name of three letters is more often a given name (`Иса`, `Али`).
            if year.is_none() && m.name.chars().count() < 4 {
                return None;
            }
            let ids = index().get(&m.name.to_lowercase())?;
            let person = only_office_holder(kb, ids, year)?;
            let name = kb.name(person).unwrap_or(person.as_str()).to_string();
            Some((person.clone(), name))
        });
        if let Some((id, name)) = found {
            m.entity = id.clone();
            m.name = name.clone();
            m.method = LinkMethod::Name;
            m.reason = match year {
                Some(year) => format!("the only {} in office in {year}", m.text),
                None => format!("the only {} who held an executive office", m.text),
            };
        }
    }
}

/// People by the last word of their names (`bush` → George Bush, George W. Bush, Jeb Bush …):
/// every person of the knowledge base with a name of two words or more, for
/// [`titled_surnames`], which keeps those in office. Built once per reader, on the first
/// titled surname a text holds (a scan of the name rows; the rows decoded, ~27 MB, are
/// shared with the recogniser's key index).
pub fn surname_index(kb: &Kb) -> HashMap<String, Vec<String>> {
    // Over the name rows (decoded once and shared with the recogniser's key index), not the
    // office rows: the offices of the few candidates are read when a title asks.
    let mut index: HashMap<String, Vec<String>> = HashMap::new();
    for name in kb.names() {
        if !matches!(name.form, NameForm::Name | NameForm::Alias)
            || !name.entity.starts_with("person:")
        {
            continue;
        }
        let mut words = name.text.split_whitespace();
        let (Some(_), Some(last)) = (words.next(), words.next_back()) else {
            continue;
        };
        let key = last.trim_end_matches('.').to_lowercase();
        let ids = index.entry(key).or_default();
        if !ids.iter().any(|id| id == &name.entity) {
            ids.push(name.entity.clone());
        }
    }
    index
}

/// The year a text names most often (four digits from 1900 to 2100 standing alone; ties go
/// to the later year), for a document with no publication date: news names its own year
/// more often than any other. None when it names no year.
pub fn text_year(ws: &[Word]) -> Option<i32> {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for w in ws {
        if w.lower.len() == 4 && w.lower.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(y) = w.lower.parse::<i32>() {
                if (1900..=2100).contains(&y) {
                    *counts.entry(y).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

/// `President Bush`, `Chancellor Schröder`, `Präsident Chirac`: a role title right before a
/// lone capitalised word no name took is the office holder of that surname in office in the
/// document's year — when exactly one person in the knowledge base with that surname held an
/// office then (`President Bush` in 2008 is George W. Bush; his father left office in 1993).
/// No year, or several holders: nothing is guessed. Office holders only, never the `elite`
/// rows (notable people with no office).
///
/// `index` gives the [`surname_index`], asked for only when the text holds such a title.
pub fn titled_surnames<'i>(
    kb: &Kb,
    index: &dyn Fn() -> &'i HashMap<String, Vec<String>>,
    rules: &LangRules,
    text: &str,
    ws: &[Word],
    hits: &mut Vec<Hit>,
    year: Option<i32>,
) {
    let Some(year) = year else {
        return;
    };
    let covered: std::collections::HashSet<usize> =
        hits.iter().flat_map(|h| h.first..=h.last).collect();
    let word_text = |i: usize| ws.get(i).and_then(|w| text.get(w.start..w.end));
    let mut add = Vec::new();
    for i in 1..ws.len() {
        let w = &ws[i];
        if !w.capitalised
            || covered.contains(&i)
            || w.sentence != ws[i - 1].sentence
            || joint(text, ws, i) != Joint::Space
            || word_text(i - 1).is_none_or(|t| rules.role_title(t).is_none())
        {
            continue;
        }
        // A lone surname: the next word is no further part of a name.
        if ws.get(i + 1).is_some_and(|n| {
            n.capitalised
                && n.sentence == w.sentence
                && matches!(joint(text, ws, i + 1), Joint::Space | Joint::Hyphen)
        }) {
            continue;
        }
        let Some(person) = index()
            .get(&w.lower)
            .and_then(|ids| only_office_holder(kb, ids, Some(year)))
        else {
            continue;
        };
        add.push(Hit {
            first: i,
            last: i,
            entity: (*person).clone(),
            kind: EntityKind::Person,
            form: NameForm::Surname,
            method: LinkMethod::Name,
            rule: "office:title-surname".to_string(),
            confidence: 0.8,
            reason: format!("the only {} in office in {year}", w.lower),
            base: w.lower.clone(),
            country: None,
            group: None,
        });
    }
    hits.extend(add);
    hits.sort_by_key(|h| (h.first, h.last));
}

/// A one-word weapon name in title case (`Javelin`, `Buk`, `Бук`) links only where its
/// capital letter says "name": mid-sentence. At the start of a sentence every word is
/// capitalised (`Бук рос у дороги`), so there it links only before a weapon-category word
/// (`Javelin missiles`), as the head of a hyphen compound (`Bayraktar-Drohnen`), or when the
/// document names the system mid-sentence elsewhere. Designations (`T-72`) and capitals
/// (`HIMARS`) are not affected; names that are ordinary words never get here
/// (`data/kb/curated/weapon-guard.tsv`).
pub fn weapon_names_mid_sentence(text: &str, ws: &[Word], hits: &mut Vec<Hit>) {
    let title_word = |h: &Hit| {
        h.kind == EntityKind::WeaponSystem
            && h.first == h.last
            && h.form != NameForm::Abbrev
            && ws.get(h.first).is_some_and(|w| {
                text.get(w.start..w.end)
                    .is_some_and(|t| !t.chars().any(|c| c.is_ascii_digit()))
            })
    };
    let initial = |h: &Hit| ws.get(h.first).is_some_and(|w| w.sentence_initial);
    let named_mid_sentence: std::collections::HashSet<String> = hits
        .iter()
        .filter(|h| h.kind == EntityKind::WeaponSystem && !initial(h))
        .map(|h| h.entity.clone())
        .collect();
    let category_at: std::collections::HashSet<usize> = hits
        .iter()
        .filter(|h| h.kind == EntityKind::WeaponCategory)
        .map(|h| h.first)
        .collect();
    hits.retain(|h| {
        !title_word(h)
            || !initial(h)
            || named_mid_sentence.contains(&h.entity)
            || category_at.contains(&(h.last + 1))
            || joint(text, ws, h.last + 1) == Joint::Hyphen
    });
}

/// The char span of word `i`'s subtree in a parsed sentence, from `children` (each word's
/// dependents, 0-based): a walk over the subtree only.
fn subtree_span(words: &[SyntaxWord], children: &[Vec<usize>], i: usize) -> (usize, usize) {
    let mut lo = words[i].span.start;
    let mut hi = words[i].span.end;
    let mut stack = vec![i];
    let mut seen = 0usize;
    while let Some(k) = stack.pop() {
        seen += 1;
        if seen > words.len() {
            break; // a malformed parse with a cycle
        }
        lo = lo.min(words[k].span.start);
        hi = hi.max(words[k].span.end);
        stack.extend(children[k].iter().copied());
    }
    (lo, hi)
}

/// A capital or seat of power that the parse makes a core argument of a verb — its subject,
/// direct or indirect object (`Washington is arming Kyiv`, `Москва угрожала Киеву`, `Moskau
/// drohte Kiew`) — stands for its state, as [`metonymy_mentions`] reads it from the words
/// around it for the verbs its lists name (stop 42). The same mention of the state at the
/// place's span, with the place as antecedent; where the word lists already made one, none
/// is added. A place behind a preposition (`in Kyiv`) is an oblique, never a core argument.
pub fn metonymy_from_syntax(
    kb: &Kb,
    syntax: &[SentenceSyntax],
    mentions: &[Mention],
    institution_heads: &[String],
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut k = 0usize;
    for sent in syntax {
        let Some(first) = sent.words.first() else {
            continue;
        };
        let last_end = sent.words.last().map_or(first.span.end, |w| w.span.end);
        // Mentions are in text order: walk them alongside the sentences (linear).
        while k < mentions.len() && mentions[k].span.start < first.span.start {
            k += 1;
        }
        let mut children: Option<Vec<Vec<usize>>> = None;
        let mut j = k;
        while j < mentions.len() && mentions[j].span.end <= last_end {
            let m = &mentions[j];
            j += 1;
            // A dateline (`WASHINGTON (Reuters) -`, `CAIRO, Egypt -`) is where the report was
            // filed, whatever the parser hangs it on.
            let dateline = m.text.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !m.text.chars().any(char::is_lowercase);
            if dateline {
                continue;
            }
            // Mentions of one span lie together (sorted by start and end).
            let at = j - 1;
            let same = |o: &Mention| o.span == m.span;
            let before = mentions[..at].iter().rev().take_while(|o| same(o));
            let after = mentions[at + 1..].iter().take_while(|o| same(o));
            let already = before
                .chain(after)
                .any(|o| o.method == LinkMethod::Metonymy);
            if already {
                continue;
            }
            let Some((place, state)) = capital_state(kb, m) else {
                continue;
            };
            // Each word's dependents, built once per sentence that holds a capital: every
            // check below looks at one word's dependents, not the whole sentence.
            let words = &sent.words;
            let children = children.get_or_insert_with(|| {
                let mut c = vec![Vec::new(); words.len()];
                for (k, w) in words.iter().enumerate() {
                    if let Some(list) = w
                        .head
                        .and_then(|h| h.checked_sub(1))
                        .and_then(|h| c.get_mut(h))
                    {
                        list.push(k);
                    }
                }
                c
            });
            let dependents = |i: usize| children[i].iter().map(move |&c| &words[c]);
            // The name's head: its word whose head lies outside the name.
            let inside = |w: &SyntaxWord| w.span.start >= m.span.start && w.span.end <= m.span.end;
            let from = words.partition_point(|w| w.span.start < m.span.start);
            let parent = |w: &SyntaxWord| w.head.and_then(|h| h.checked_sub(1));
            let head = (from..words.len())
                .take_while(|&k| inside(&words[k]))
                .find(|&k| {
                    parent(&words[k])
                        .and_then(|h| words.get(h))
                        .is_none_or(|h| !inside(h))
                });
            let Some(mut hi) = head else {
                continue;
            };
            // `a Moscow court sentenced …`, `Kyiv authorities arrested …`: a capital that
            // modifies an institution noun makes the noun its state's; read the noun's role.
            let modifier = matches!(
                words[hi].deprel.as_deref(),
                Some("compound" | "nmod:poss" | "amod")
            );
            if let Some(n) = parent(&words[hi]).filter(|&n| {
                modifier
                    && n < words.len()
                    && institution_heads.iter().any(|h| {
                        h.as_str() == words[n].form.to_lowercase()
                            || h.as_str() == words[n].lemma.to_lowercase()
                    })
            }) {
                hi = n;
            }
            let hw = &words[hi];
            let rel = hw.deprel.as_deref().unwrap_or("");
            if !matches!(rel, "nsubj" | "obj" | "iobj") {
                continue;
            }
            let Some(vi) = parent(hw).filter(|&v| v < words.len()) else {
                continue;
            };
            let verb = &words[vi];
            let has_case = dependents(hi).any(|w| w.deprel.as_deref() == Some("case"));
            // A participle with no auxiliary is an attribute of a noun (`представителем …,
            // посещающим Исламабад`): its subject is that noun, not a clause's.
            let feats = |w: &SyntaxWord, f: &str| w.feats.split('|').any(|x| x == f);
            let with_aux = dependents(vi)
                .any(|w| matches!(w.deprel.as_deref(), Some("aux" | "aux:pass" | "cop")));
            let attribute =
                (feats(verb, "VerbForm=Part") || feats(verb, "VerbForm=Conv")) && !with_aux;
            if has_case || verb.upos != "VERB" || attribute {
                continue;
            }
            // The capital of the subject's own state as object is ground, not a side (`Syrian
            // government forces shelled Damascus`): fighting inside one state names its sides.
            if rel != "nsubj" {
                let subject = children[vi].iter().copied().find(|&c| {
                    words[c]
                        .deprel
                        .as_deref()
                        .is_some_and(|d| d.starts_with("nsubj"))
                });
                let own_subject = subject.is_some_and(|si| {
                    let (a, b) = subtree_span(words, children, si);
                    let first = k + mentions[k..].partition_point(|o| o.span.start < a);
                    mentions[first..]
                        .iter()
                        .take_while(|o| o.span.start < b)
                        .any(|o| {
                            o.span.start >= a
                                && o.span.end <= b
                                && (o.entity == state.id
                                    || o.country.as_deref() == Some(state.id.as_str()))
                        })
                });
                if own_subject {
                    continue;
                }
            }
            out.push(metonymic_mention(
                m,
                place,
                state,
                &format!("{rel} in the parse) is the"),
                &verb.form,
            ));
        }
    }
    out
}

/// A capital or seat of power that is the subject of a verb stands for its state (`Kyiv
/// said`, `Москва заявила`, `der Kreml dementierte`): a mention of the state at the same
/// span, with the place as antecedent. After a preposition (`in Kyiv`), inflected
/// (`Киева`) or before a non-verb it stays a place only — except in a list of names joined by
/// commas and `coordinators` whose last name is followed by the verb (`Москва и Вашингтон
/// договорились`, `Kyiv, Washington and the EU condemned`): every capital of such a list is
/// the verb's subject, unless a preposition opens the list (`talks in Moscow and Kyiv`). A
/// capital right after a verb whose object is a party (`object_after`: `accused Tehran of`,
/// `обвинил Киев`) stands for its state too, with the list it opens (stop 37), also after a
/// two-word source cue listed there (`according to Seoul`, `по данным Киева`; stop 40).
pub fn metonymy_mentions(
    kb: &Kb,
    rules: &LangRules,
    text: &str,
    ws: &[Word],
    mentions: &[Mention],
) -> Vec<Mention> {
    let met = &rules.metonymy;
    if met.not_after.is_empty()
        && met.verbs.is_empty()
        && !met.any_lowercase
        && met.object_after.is_empty()
    {
        return Vec::new();
    }
    // Every name with its first and last word, in text order: the members a list of names
    // may have (a capital, a state, an organisation …). Words are in text order: binary
    // search, not a scan per name (a document naming a capital thousands of times stays
    // linear).
    let mut names: Vec<(&Mention, usize, usize)> = Vec::new();
    for m in mentions {
        let first = ws.partition_point(|w| w.cstart < m.span.start);
        if ws.get(first).is_none_or(|w| w.cstart != m.span.start) {
            continue;
        }
        let last = ws.partition_point(|w| w.cend < m.span.end);
        if ws.get(last).is_none_or(|w| w.cend != m.span.end) {
            continue;
        }
        names.push((m, first, last));
    }
    // The longest name first where several start at one word.
    names.sort_by_key(|(_, first, last)| (*first, std::cmp::Reverse(*last)));
    // A preposition before the name, over an article (`in the Kremlin`).
    let after_preposition = |first: usize| {
        let mut b = first;
        if b > 0
            && ws
                .get(b - 1)
                .is_some_and(|w| met.articles.contains(&w.lower))
        {
            b -= 1;
        }
        b > 0
            && ws.get(b - 1).is_some_and(|w| {
                w.sentence == ws[first].sentence && met.not_after.contains(&w.lower)
            })
    };
    // The verb right after a name, if the next word is one.
    let verb_after = |last: usize| -> Option<&Word> {
        let next = ws.get(last + 1)?;
        if next.sentence != ws[last].sentence || joint(text, ws, last + 1) != Joint::Space {
            return None;
        }
        let lower = next.lower.as_str();
        let chars = lower.chars().count();
        let verb = !next.capitalised
            && (met.verbs.iter().any(|v| v == lower)
                || met
                    .verb_endings
                    .iter()
                    .any(|e| lower.ends_with(e.as_str()) && chars > e.chars().count() + 2)
                || (met.any_lowercase && chars > 2 && !met.not_verbs.iter().any(|v| v == lower)));
        verb.then_some(next)
    };
    // The first word of the name a list continues with after `last`: a comma, a coordinator
    // or both (`, and`), then an article at most. Words hold no punctuation: the comma is in
    // the separator before the next word. Only with coordinators in the data.
    let separator = |k: usize| {
        text.get(ws[k - 1].end..ws[k].start)
            .unwrap_or("|")
            .trim_matches(|c: char| c == ' ' || c == '\u{a0}')
    };
    let joined_at = |last: usize| -> Option<usize> {
        if met.coordinators.is_empty() {
            return None;
        }
        let same = |k: usize| ws.get(k).is_some_and(|w| w.sentence == ws[last].sentence);
        let mut k = last + 1;
        if !same(k) {
            return None;
        }
        let mut joiner = match separator(k) {
            "," => true,
            "" => false,
            _ => return None,
        };
        if met.coordinators.contains(&ws[k].lower) {
            joiner = true;
            k += 1;
            if !same(k) || !separator(k).is_empty() {
                return None;
            }
        }
        if !joiner {
            return None;
        }
        if met.articles.contains(&ws[k].lower) && same(k + 1) && separator(k + 1).is_empty() {
            k += 1;
        }
        Some(k)
    };
    let index_at = |first: usize| {
        let i = names.partition_point(|(_, f, _)| *f < first);
        names
            .get(i)
            .is_some_and(|(_, f, _)| *f == first)
            .then_some(i)
    };
    let next_member: Vec<Option<usize>> = names
        .iter()
        .map(|(_, _, last)| joined_at(*last).and_then(index_at))
        .collect();
    // From the end backwards: a name acts when the verb follows it or the name it is joined
    // to acts (the verb it reaches is kept for the reason). Forwards: a list opened after a
    // preposition is a place phrase throughout.
    let mut acting: Vec<Option<&Word>> = vec![None; names.len()];
    for i in (0..names.len()).rev() {
        acting[i] = verb_after(names[i].2).or_else(|| next_member[i].and_then(|j| acting[j]));
    }
    // The verb right before a name whose object is a party (`accused Tehran`), and the
    // names of a list it opens (`urged Moscow and Kyiv`).
    // Also a two-word cue (`according to Seoul`, `по данным Киева`; stop 40).
    let verb_before = |first: usize| -> Option<&Word> {
        let prev = ws.get(first.checked_sub(1)?)?;
        if prev.sentence != ws[first].sentence || joint(text, ws, first) != Joint::Space {
            return None;
        }
        if met.object_after.contains(&prev.lower) {
            return Some(prev);
        }
        let before = ws.get(first.checked_sub(2)?)?;
        (before.sentence == prev.sentence
            && joint(text, ws, first - 1) == Joint::Space
            && met
                .object_after
                .iter()
                .any(|o| o.split_once(' ') == Some((before.lower.as_str(), prev.lower.as_str()))))
        .then_some(prev)
    };
    for i in 0..names.len() {
        if acting[i].is_none() {
            acting[i] = verb_before(names[i].1);
        }
        if let (Some(verb), Some(j)) = (acting[i], next_member[i]) {
            if verb.end <= ws[names[i].1].start && acting[j].is_none() {
                acting[j] = Some(verb);
            }
        }
    }
    let mut placed = vec![false; names.len()];
    for i in 0..names.len() {
        // A source preposition listed as a cue (`according to`, `laut`) opens no place.
        if after_preposition(names[i].1) && verb_before(names[i].1).is_none() {
            placed[i] = true;
        }
        if placed[i] {
            if let Some(j) = next_member[i] {
                placed[j] = true;
            }
        }
    }
    let mut out = Vec::new();
    for (i, (m, _, _)) in names.iter().enumerate() {
        let Some(verb) = acting[i] else {
            continue;
        };
        // An inflected capital too (`пригрозил Сеулу`; stop 40).
        if placed[i] {
            continue;
        }
        let Some((place, state)) = capital_state(kb, m) else {
            continue;
        };
        let next = text.get(verb.start..verb.end).unwrap_or_default();
        let role = if verb.end <= m.span.start {
            "object"
        } else {
            "subject"
        };
        out.push(metonymic_mention(
            m,
            place,
            state,
            &format!("{role}) is the"),
            next,
        ));
    }
    out
}

/// The place a mention names, where it is a capital or seat of power linked by its name, and
/// the state it stands for.
fn capital_state<'k>(
    kb: &'k Kb,
    m: &Mention,
) -> Option<(&'k armsgraph_kb::Entity, &'k armsgraph_kb::Entity)> {
    if m.kind != EntityKind::Place || !matches!(m.method, LinkMethod::Name | LinkMethod::Inflection)
    {
        return None;
    }
    let place = kb.entity(&m.entity)?;
    if !matches!(place.category.as_deref(), Some("capital" | "seat-of-power")) {
        return None;
    }
    let state = place.country.as_deref().and_then(|c| kb.entity(c))?;
    Some((place, state))
}

/// The state a capital mention stands for, at the capital's span with the capital as
/// antecedent; `how` and `verb` say why (`object) is the`, `drohte`).
fn metonymic_mention(
    m: &Mention,
    place: &armsgraph_kb::Entity,
    state: &armsgraph_kb::Entity,
    how: &str,
    verb: &str,
) -> Mention {
    Mention {
        span: m.span,
        text: m.text.clone(),
        entity: state.id.clone(),
        kind: state.kind,
        name: state.name.clone(),
        method: LinkMethod::Metonymy,
        antecedent: Some(m.span),
        members: Vec::new(),
        rule: format!("metonymy:{}", place.id),
        confidence: 0.8,
        reason: format!(
            "{} ({how} {} of `{verb}` and stands for {}",
            place.name,
            place.category.as_deref().unwrap_or_default(),
            state.name
        ),
        sector: None,
        country: None,
    }
}
