//! The inflected forms of names and the per-language name index built from them.
//!
//! Every name usable in a language (its own and the `*` names) is expanded with the suffix
//! rules of `data/lang/<lang>.toml` (`[[inflection]]`) into lookup keys (`key_of`: words
//! lower-cased, joined by their separators). The index maps each key to the names it may
//! be, with the rule that made the form. It is compiled at build time for the embedded data
//! and per language on first use for a `--data-dir`.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::error::DataError;
use crate::format::{
    ContainerWriter, Pool, NONE, SECTION_FIRST, SECTION_KEYS, SECTION_POOL, SECTION_POSTINGS,
};
use crate::schema::NameForm;
use crate::words::key_of;

/// A suffix rule: words of `forms` ending in `strip` lose it and take each of `add`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct InflectionRule {
    pub forms: Vec<String>,
    #[serde(default)]
    pub strip: String,
    pub add: Vec<String>,
    #[serde(default)]
    pub unless_ends: Vec<String>,
}

/// Most inflected variants kept per name; multi-word names inflect every word.
pub const MAX_VARIANTS: usize = 256;

/// Inflected variants of one word of a name of `form` (without the word itself), each with
/// the rule that made it (`-ий+ого`).
pub fn inflect_word(rules: &[InflectionRule], word: &str, form: &str) -> Vec<(String, String)> {
    let applicable: Vec<&InflectionRule> = rules
        .iter()
        .filter(|r| r.forms.iter().any(|f| f == form))
        .filter(|r| word.ends_with(r.strip.as_str()) && word.len() > r.strip.len())
        .filter(|r| !r.unless_ends.iter().any(|e| word.ends_with(e.as_str())))
        // A Cyrillic ending on a Latin name (or the reverse) is no form of it.
        .filter(|r| {
            r.add
                .iter()
                .chain(std::iter::once(&r.strip))
                .filter_map(|a| a.chars().next())
                .all(|c| same_script(c, word.chars().last().unwrap_or(c)))
        })
        .collect();
    // The most specific ending wins (`-ия` before `-я`).
    let longest = applicable.iter().map(|r| r.strip.chars().count()).max();
    let mut out = Vec::new();
    for rule in applicable {
        if Some(rule.strip.chars().count()) != longest {
            continue;
        }
        let stem = &word[..word.len() - rule.strip.len()];
        for add in &rule.add {
            let variant = format!("{stem}{add}");
            if variant != word && !out.iter().any(|(v, _)| v == &variant) {
                out.push((variant, format!("-{}+{}", rule.strip, add)));
            }
        }
    }
    out
}

/// Whether two letters are of the same script (Latin, Cyrillic, other).
fn same_script(a: char, b: char) -> bool {
    fn script(c: char) -> u8 {
        match c as u32 {
            0..=0x24f => 0,
            0x400..=0x52f => 1,
            _ => 2,
        }
    }
    !a.is_alphabetic() || !b.is_alphabetic() || script(a) == script(b)
}

/// Inflected variants of a (possibly multi-word) name: each word inflects on its own.
pub fn variants(rules: &[InflectionRule], text: &str, form: NameForm) -> Vec<(String, String)> {
    let parts: Vec<&str> = text.split(' ').collect();
    let mut acc: Vec<(String, String)> = vec![(String::new(), String::new())];
    for (i, part) in parts.iter().enumerate() {
        // Hyphenated names inflect their last part only (`Berg-Karabachs`).
        let (head, tail) = match part.rfind('-') {
            Some(p) => part.split_at(p + 1),
            None => ("", *part),
        };
        let mut options = vec![(part.to_string(), String::new())];
        for (v, rule) in inflect_word(rules, tail, form.label()) {
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

/// Variants of a name whose words all take the same rule position at once (the n-th ending of
/// each word: the case endings of our rule tables are listed in the same order), plus the
/// last word inflected alone. Linear in the number of endings, for very large name lists.
pub fn parallel_variants(
    rules: &[InflectionRule],
    text: &str,
    form: NameForm,
) -> Vec<(String, String)> {
    let parts: Vec<&str> = text.split(' ').collect();
    let options: Vec<Vec<(String, String)>> = parts
        .iter()
        .map(|part| {
            let (head, tail) = match part.rfind('-') {
                Some(p) => part.split_at(p + 1),
                None => ("", *part),
            };
            inflect_word(rules, tail, form.label())
                .into_iter()
                .map(|(v, r)| (format!("{head}{v}"), r))
                .collect()
        })
        .collect();
    let most = options.iter().map(Vec::len).max().unwrap_or(0);
    let mut out: Vec<(String, String)> = Vec::new();
    for k in 0..most {
        let mut words = Vec::with_capacity(parts.len());
        let mut rule = Vec::new();
        for (part, opts) in parts.iter().zip(&options) {
            match opts.get(k) {
                Some((v, r)) => {
                    words.push(v.as_str());
                    rule.push(r.as_str());
                }
                None => words.push(part),
            }
        }
        out.push((words.join(" "), rule.join(",")));
    }
    if parts.len() > 1 {
        if let Some(last) = options.last() {
            let head = parts[..parts.len() - 1].join(" ");
            for (v, r) in last {
                out.push((format!("{head} {v}"), r.clone()));
            }
        }
    }
    out.retain(|(v, _)| v != text);
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Whether a name is written in Cyrillic (its first letter).
fn is_cyrillic(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| ('\u{400}'..='\u{52f}').contains(&c))
}

/// What the form generator needs of one name (index = name index).
#[derive(Debug, Clone, Copy)]
pub struct NameRow<'a> {
    pub entity: &'a str,
    pub lang: &'a str,
    pub form: NameForm,
    pub text: &'a str,
    /// The note of its entity (where the row comes from).
    pub note: &'a str,
}

/// One entry of a key while the index is built.
struct Entry {
    name: u32,
    inflected: bool,
    /// Pool offset of the rule, [`NONE`] for none (interned: 10⁷ entries for a large base).
    rule: u32,
}

#[derive(Default)]
struct Builder {
    pool: Pool,
    forms: HashMap<String, Vec<Entry>>,
    /// Longest name (in words) starting with a given word, to bound the lookup.
    max_words: HashMap<String, usize>,
}

/// What separates the words of a key.
const KEY_SEPARATORS: [char; 4] = [' ', '-', '.', '\''];

/// Which words of a name begin with a capital (words split as keys are).
fn capitals(text: &str) -> Vec<bool> {
    text.split(KEY_SEPARATORS)
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect()
}

impl Builder {
    fn add(&mut self, rows: &[NameRow], text: &str, name: u32, inflected: bool, rule: &str) {
        let Some(key) = key_of(text) else { return };
        let words = key.split(KEY_SEPARATORS).filter(|w| !w.is_empty()).count();
        let first = key
            .split(KEY_SEPARATORS)
            .next()
            .unwrap_or_default()
            .to_string();
        let entity = |i: u32| rows.get(i as usize).map(|n| n.entity);
        // One entry per entity and key, unless the names differ in which words they
        // capitalise (`Al-Qaida` and `al-Qaida`): each is a case rule of its own, and keeping
        // the first alone made the other casing unmatchable.
        // An abbreviation matches with exact case, so each spelling is a rule of its own
        // (`NATO` and the German press's `Nato`: keeping the first made `Nato` unmatchable;
        // stop 41).
        let casing = |i: u32| {
            rows.get(i as usize).map(|n| {
                let abbrev = n.form == NameForm::Abbrev;
                (abbrev, capitals(n.text), abbrev.then_some(n.text))
            })
        };
        let entries = self.forms.entry(key).or_default();
        if entries.iter().any(|e| {
            entity(e.name) == entity(name)
                && e.inflected == inflected
                && casing(e.name) == casing(name)
        }) {
            return;
        }
        let rule = if rule.is_empty() {
            NONE
        } else {
            self.pool.add(rule)
        };
        entries.push(Entry {
            name,
            inflected,
            rule,
        });
        let max = self.max_words.entry(first).or_default();
        *max = (*max).max(words);
    }
}

/// The name index of language `code`: every name of `code` and `*`, and its generated forms.
pub fn compile_forms(
    rows: &[NameRow],
    rules: &[InflectionRule],
    code: &str,
) -> Result<Vec<u8>, DataError> {
    let mut b = Builder::default();
    // The script the language's own names are mostly written in (Cyrillic for ru, uk): a
    // gazetteer name in the other script is not indexed for it (`Ливерпуль` in German text,
    // `Liverpool` in Russian text are not written; halves the gazetteer's share of the index).
    let (own, cyrillic) = rows
        .iter()
        .filter(|n| n.lang == code)
        .fold((0usize, 0usize), |(o, c), n| {
            (o + 1, c + usize::from(is_cyrillic(n.text)))
        });
    let lang_cyrillic = own > 0 && 2 * cyrillic > own;
    for (i, name) in rows.iter().enumerate() {
        if name.lang != code && name.lang != "*" {
            continue;
        }
        if name.lang == "*"
            && own > 0
            && is_cyrillic(name.text) != lang_cyrillic
            && name.note.starts_with("GeoNames")
        {
            continue;
        }
        let i = i as u32;
        b.add(rows, name.text, i, false, "");
        if name.form == NameForm::Abbrev {
            continue;
        }
        // People, groups and organisations of the open sources (10⁴ of them) take each
        // case on all their words at once (`Сергея Лаврова`), or on the last word alone
        // (`Merkels`), instead of every combination of endings; so do the 6·10⁴ names of
        // the GeoNames gazetteer (`Нижнего Новгорода`).
        let world = name.form != NameForm::Agent && {
            let note = name.note.to_ascii_lowercase();
            note.contains("phoenix")
                || note.contains("everypolitician")
                || note.contains("geonames")
        };
        let forms = if world {
            parallel_variants(rules, name.text, name.form)
        } else {
            variants(rules, name.text, name.form)
        };
        for (variant, rule) in forms {
            b.add(rows, &variant, i, true, &rule);
        }
    }
    write(b, code)
}

fn write(b: Builder, code: &str) -> Result<Vec<u8>, DataError> {
    let invalid = |message: String| DataError::Invalid {
        path: format!("kb forms:{code} (compiling)"),
        message,
    };
    let forms: BTreeMap<String, Vec<Entry>> = b.forms.into_iter().collect();
    let pool = b.pool;
    let mut postings: Vec<u32> = Vec::new();
    let mut keys = fst::MapBuilder::memory();
    for (key, entries) in &forms {
        let at = postings.len() as u64;
        postings.push(entries.len() as u32);
        for e in entries {
            postings.push(e.name);
            postings.push(u32::from(e.inflected));
            postings.push(e.rule);
        }
        keys.insert(key, at)
            .map_err(|e| invalid(format!("keys: {e}")))?;
    }
    let first: BTreeMap<String, usize> = b.max_words.into_iter().collect();
    let first = fst::Map::from_iter(first.into_iter().map(|(k, v)| (k, v as u64)))
        .map_err(|e| invalid(format!("first words: {e}")))?
        .into_fst()
        .into_inner();
    let mut out = ContainerWriter::default();
    out.section(
        SECTION_KEYS,
        keys.into_inner()
            .map_err(|e| invalid(format!("keys: {e}")))?,
    );
    out.section(SECTION_FIRST, first);
    out.section(
        SECTION_POSTINGS,
        postings.iter().flat_map(|v| v.to_le_bytes()).collect(),
    );
    out.section(SECTION_POOL, pool.into_bytes());
    Ok(out.finish())
}
