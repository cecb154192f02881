//! Entity mentions: knowledge-base names, their inflected forms and hyphenated compounds,
//! with ambiguity decided from context and office holders standing for their state.
//!
//! Matching is a dictionary lookup over word sequences: at load time every name of
//! `data/kb/names/<lang>.tsv` is expanded with the suffix rules of `data/lang/<lang>.toml`
//! into a map `lower-cased key → entries`; at read time each word position tries the longest
//! key first. Case is checked per entry: abbreviations must match exactly (`US` ≠ `us`),
//! capitalised names need a capital, lower-case forms (German adjectives) match any case.

use std::collections::HashMap;

use armsgraph_kb::{Kb, NameForm};
use armsgraph_model::{EntityKind, LinkMethod, Mention, Span};

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

/// One way of writing an entity in one language.
#[derive(Debug, Clone)]
struct FormEntry {
    entity: String,
    form: NameForm,
    /// The knowledge-base name it derives from.
    base: String,
    inflected: bool,
    rule: String,
    case: CaseRule,
    /// Whether the row is specific to the language (preferred over `*` rows).
    own_language: bool,
}

/// Every form of every entity in one language.
#[derive(Debug, Default)]
struct LangForms {
    forms: HashMap<String, Vec<FormEntry>>,
    /// Longest name (in words) starting with a given word, to bound the lookup.
    max_words: HashMap<String, usize>,
}

/// The name index of all languages.
#[derive(Debug, Default)]
pub struct Gazetteer {
    langs: HashMap<String, LangForms>,
}

/// Most inflected variants kept per name; multi-word names inflect every word.
const MAX_VARIANTS: usize = 256;

fn form_priority(form: NameForm) -> u8 {
    match form {
        NameForm::Name | NameForm::Official | NameForm::Short | NameForm::Abbrev => 0,
        NameForm::Alias => 1,
        NameForm::Adjective | NameForm::Demonym => 2,
        NameForm::Surname => 3,
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
    }
}

impl Gazetteer {
    /// Builds the index for every language that has a names file or a rules file.
    pub fn build(kb: &Kb, langs: &std::collections::BTreeMap<String, LangRules>) -> Gazetteer {
        let mut codes: Vec<String> = kb.languages();
        codes.extend(langs.keys().cloned());
        codes.sort();
        codes.dedup();
        let empty = LangRules::default();
        let mut g = Gazetteer::default();
        for code in codes {
            let rules = langs.get(&code).unwrap_or(&empty);
            let mut lf = LangForms::default();
            for name in kb
                .names()
                .iter()
                .filter(|n| n.lang == code || n.lang == "*")
            {
                let own = name.lang == code;
                let case = case_rule(&name.text, name.form);
                lf.add(
                    &name.text,
                    name,
                    false,
                    format!("kb:{}:{}", name.lang, name.form.label()),
                    case.clone(),
                    own,
                );
                if name.form == NameForm::Abbrev {
                    continue;
                }
                for (variant, rule) in variants(rules, &name.text, name.form) {
                    let case = match &case {
                        CaseRule::Capitalised(_) => case_rule(&variant, name.form),
                        other => other.clone(),
                    };
                    let rule = format!("inflect:{code}:{}:{rule}", name.form.label());
                    lf.add(&variant, name, true, rule, case, own);
                }
            }
            g.langs.insert(code, lf);
        }
        g
    }

    pub fn has_language(&self, lang: &str) -> bool {
        self.langs.contains_key(lang)
    }

    /// Number of distinct lookup keys (names and their generated forms) of a language.
    pub fn form_count(&self, lang: &str) -> usize {
        self.langs.get(lang).map_or(0, |l| l.forms.len())
    }
}

impl LangForms {
    fn add(
        &mut self,
        text: &str,
        name: &armsgraph_kb::Name,
        inflected: bool,
        rule: String,
        case: CaseRule,
        own_language: bool,
    ) {
        let Some(key) = key_of(text) else { return };
        let words = key
            .split([' ', '-', '.', '\''])
            .filter(|w| !w.is_empty())
            .count();
        let first = key
            .split([' ', '-', '.', '\''])
            .next()
            .unwrap_or_default()
            .to_string();
        let entries = self.forms.entry(key).or_default();
        if entries
            .iter()
            .any(|e| e.entity == name.entity && e.inflected == inflected)
        {
            return;
        }
        entries.push(FormEntry {
            entity: name.entity.clone(),
            form: name.form,
            base: name.text.clone(),
            inflected,
            rule,
            case,
            own_language,
        });
        let max = self.max_words.entry(first).or_default();
        *max = (*max).max(words);
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

/// Inflected variants of a (possibly multi-word) name: each word inflects on its own.
fn variants(rules: &LangRules, text: &str, form: NameForm) -> Vec<(String, String)> {
    let parts: Vec<&str> = text.split(' ').collect();
    let mut acc: Vec<(String, String)> = vec![(String::new(), String::new())];
    for (i, part) in parts.iter().enumerate() {
        // Hyphenated names inflect their last part only (`Berg-Karabachs`).
        let (head, tail) = match part.rfind('-') {
            Some(p) => part.split_at(p + 1),
            None => ("", *part),
        };
        let mut options = vec![(part.to_string(), String::new())];
        for (v, rule) in rules.inflect_word(tail, form.label()) {
            options.push((format!("{head}{v}"), rule));
        }
        let mut next = Vec::new();
        for (prefix, prule) in &acc {
            for (opt, rule) in &options {
                if next.len() >= MAX_VARIANTS {
                    break;
                }
                let sep = if i == 0 { "" } else { " " };
                let r = match (prule.is_empty(), rule.is_empty()) {
                    (true, _) => rule.clone(),
                    (false, true) => prule.clone(),
                    (false, false) => format!("{prule},{rule}"),
                };
                next.push((format!("{prefix}{sep}{opt}"), r));
            }
        }
        acc = next;
    }
    acc.into_iter().filter(|(v, _)| v != text).collect()
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
}

/// Finds knowledge-base names in `text` (already split into `ws`).
pub fn find(kb: &Kb, gaz: &Gazetteer, lang: &str, text: &str, ws: &[Word]) -> Vec<Hit> {
    let Some(lf) = gaz.langs.get(lang) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let max = lf.max_words.get(&ws[i].lower).copied().unwrap_or(0);
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
            let Some(entries) = lf.forms.get(&key) else {
                continue;
            };
            let slice = &ws[i..i + len];
            let candidates: Vec<_> = entries
                .iter()
                .filter(|e| case_ok(&e.case, text, slice))
                .filter_map(|e| kb.entity(&e.entity).map(|ent| (e, ent)))
                .collect();
            let best = candidates.iter().min_by_key(|(e, ent)| {
                (
                    e.inflected,
                    form_priority(e.form),
                    kind_priority(ent.kind),
                    !e.own_language,
                )
            });
            if let Some(&(e, ent)) = best {
                // Several entities share the surface: say which won and why.
                let others: Vec<&str> = candidates
                    .iter()
                    .filter(|(_, o)| o.id != ent.id)
                    .map(|(_, o)| o.id.as_str())
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
                    form: e.form,
                    method: if e.inflected {
                        LinkMethod::Inflection
                    } else {
                        LinkMethod::Name
                    },
                    rule: e.rule.clone(),
                    confidence: match (e.inflected, e.form) {
                        (_, NameForm::Surname) => 0.85,
                        (true, _) => 0.9,
                        (false, NameForm::Abbrev) => 0.9,
                        _ => 0.95,
                    },
                    reason,
                    base: e.base.clone(),
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
        let keep = amb.keep_near.iter().any(|c| sentence.contains(c.as_str()));
        let drop = amb.drop_near.iter().any(|c| sentence.contains(c.as_str()));
        let decision = match (keep, drop) {
            (true, _) => true,
            (false, true) => false,
            (false, false) => amb.default != "drop",
        };
        if decision {
            hit.reason = if keep {
                format!("{} (context word found)", amb.reason_keep)
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
pub fn to_mentions(kb: &Kb, text: &str, ws: &[Word], hits: &[Hit]) -> Vec<Mention> {
    let covered = |i: usize| hits.iter().any(|h| h.first <= i && i <= h.last);
    let mut out = Vec::new();
    for hit in hits {
        let (mut a, mut b) = (hit.first, hit.last);
        while b + 1 < ws.len() && joint(text, ws, b + 1) == Joint::Hyphen && !covered(b + 1) {
            b += 1;
        }
        while a > 0 && joint(text, ws, a) == Joint::Hyphen && !covered(a - 1) {
            a -= 1;
        }
        let compound = (a, b) != (hit.first, hit.last);
        let (Some(wa), Some(wb)) = (ws.get(a), ws.get(b)) else {
            continue;
        };
        let span = Span::new(wa.cstart, wb.cend);
        let surface = text.get(wa.start..wb.end).unwrap_or_default().to_string();
        out.push(Mention {
            span,
            text: surface,
            entity: hit.entity.clone(),
            kind: hit.kind,
            name: kb.name(&hit.entity).unwrap_or(&hit.entity).to_string(),
            method: if compound {
                LinkMethod::Compound
            } else {
                hit.method.clone()
            },
            antecedent: None,
            members: Vec::new(),
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
