//! PLOVER events and quote speakers scored on our own real-news gold set (`tests/gold/news`):
//! English Dragnet pages and L3S-GN1 Google News articles, German Wikinews (SpkAtt) and Russian
//! factRuEval news, annotated by hand from the text alone and split into dev and test before any
//! tuning; plus, in dev only, one-paragraph conflict reports the annotators wrote (source `own`).
//!
//! Each gold line names an article by source dataset and file; its text is read from the shared
//! data at run time (the licences forbid copying it into the repository; L3S-GN1 from the sets
//! `scripts/extraction_sets.py` writes, see [`SharedTexts`]), or, for `own`, from the line's
//! `text`, and goes through the whole pipeline as plain text in the gold language. A gold event is anchored by the start of
//! its sentence and its trigger as written; the harness finds that trigger in the text the
//! pipeline read, and the system sentence holding it is the event's sentence. System events are
//! matched one-to-one to gold events of the same sentence:
//! - **strict**: same type, and actor and recipient both right;
//! - **lenient**: same type, at most one party missing and none wrong.
//!
//! A party is right when it equals the gold id, or when the gold codes a state and the system
//! names a person, organisation or place of that state (`Kb::country_of`, or the state the text
//! gave the person). A party the gold leaves empty is right only when the system leaves it empty
//! too. Every system event of a PLOVER type counts toward precision, wherever it is: the gold is
//! meant to hold every event an analyst would code. Quote speakers: a gold quotation is right
//! when a system quotation of the same sentence has the right speaker.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use armsgraph_model::{Event, EventType, Extraction, Factuality, RawDocument, SourceKind};
use armsgraph_pipeline::{Pipeline, ReadOptions};
use serde::Deserialize;

use crate::metrics::Counts;

#[derive(Debug, thiserror::Error)]
pub enum NewsEvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a gold article: {source}")]
    Json {
        path: PathBuf,
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("no gold files (en.jsonl, de.jsonl, ru.jsonl, fr.jsonl, es.jsonl, uk.jsonl) in {0}")]
    Empty(PathBuf),
    #[error(
        "source `{source_name}`: cannot read {path} ({reason}); the gold text of `{file}` comes \
         from there (see tests/gold/news/README.md)"
    )]
    MissingSource {
        source_name: String,
        file: String,
        path: PathBuf,
        reason: String,
    },
    #[error("no gold language `{0}` (en, de, ru, fr, es, uk)")]
    UnknownLanguage(String),
    #[error("source `{source_name}`: no article `{file}` there ({reason})")]
    NoArticle {
        source_name: String,
        file: String,
        reason: String,
    },
    #[error("cannot unpack {member} from {archive}: {reason}")]
    Unpack {
        archive: PathBuf,
        member: String,
        reason: String,
    },
    #[error("unknown source dataset `{0}`")]
    UnknownSource(String),
    #[error(
        "cannot read the L3S-GN1 gold texts in {dir} ({source}); write them with \
         `scripts/extraction_sets.py` (or point ARMSGRAPH_CACHE at its output's parent)"
    )]
    L3sSet {
        dir: PathBuf,
        #[source]
        source: crate::extraction::ExtractionEvalError,
    },
    #[error("{0}: an article of source `own` needs its `text`")]
    NoOwnText(String),
    #[error("{file}: no L3S-GN1 page `{id}` in {dir}")]
    L3sPage {
        file: String,
        id: String,
        dir: PathBuf,
    },
}

/// One annotated article (one line of `tests/gold/news/<lang>.jsonl`).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    /// Dataset folder under the shared data (`extraction-dev/dragnet`).
    pub source: String,
    /// The article's path inside that dataset (inside its tarball when packed).
    pub file: String,
    /// `dev` or `test`.
    pub split: String,
    /// The annotation batch a line came in (`s26`); absent for the batches before stop 26.
    #[serde(default)]
    pub batch: Option<String>,
    /// Char offset in the gold text where the annotated part ends (events and quotes were
    /// coded before it; system events after it are not scored); the whole text when absent.
    #[serde(default)]
    pub annotated_to: Option<usize>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    /// The article itself, for source `own` only: paragraphs the annotators wrote, which may
    /// live in the repository (every other source is read from the shared data).
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    /// PLOVER type (`ASSAULT`).
    #[serde(rename = "type")]
    pub event_type: String,
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub recipient: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub factuality: Option<String>,
    /// Char offset of the sentence start in the gold text.
    pub sentence: usize,
    /// The trigger as written in that sentence.
    pub trigger: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    /// Char offset of the sentence start in the gold text.
    pub sentence: usize,
    /// A word of the quotation's sentence to anchor it (the speech verb as written).
    pub cue: String,
    pub speaker: String,
}

/// Which part of the gold set to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Dev,
    Test,
    All,
}

impl Split {
    fn admits(self, split: &str) -> bool {
        match self {
            Split::All => true,
            Split::Dev => split == "dev",
            Split::Test => split == "test",
        }
    }
}

/// Figures of one language (or of all).
#[derive(Debug, Clone, Default)]
pub struct NewsCounts {
    pub articles: usize,
    pub gold_events: usize,
    pub system_events: usize,
    pub strict: Counts,
    pub lenient: Counts,
    /// Strict matches whose factuality agrees with the gold.
    pub factuality_right: usize,
    pub gold_quotes: usize,
    pub quotes_right: usize,
}

impl NewsCounts {
    fn add(&mut self, o: &NewsCounts) {
        self.articles += o.articles;
        self.gold_events += o.gold_events;
        self.system_events += o.system_events;
        self.strict.add(o.strict);
        self.lenient.add(o.lenient);
        self.factuality_right += o.factuality_right;
        self.gold_quotes += o.gold_quotes;
        self.quotes_right += o.quotes_right;
    }
    pub fn quote_accuracy(&self) -> f64 {
        if self.gold_quotes == 0 {
            0.0
        } else {
            self.quotes_right as f64 / self.gold_quotes as f64
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewsReport {
    pub per_language: BTreeMap<String, NewsCounts>,
    /// Per annotation batch (`none` for the lines before stop 26), all languages together: a
    /// fresh batch shows how the rules carry to text nobody tuned on.
    pub per_batch: BTreeMap<String, NewsCounts>,
    /// Per PLOVER type: (strict, lenient).
    pub per_type: BTreeMap<String, (Counts, Counts)>,
    /// Gold events and quotes whose trigger could not be found in the text the pipeline read.
    pub unanchored: usize,
    pub seconds: f64,
}

impl NewsReport {
    pub fn total(&self) -> NewsCounts {
        let mut t = NewsCounts::default();
        for c in self.per_language.values() {
            t.add(c);
        }
        t
    }
}

/// How a system role compares with the gold role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyMatch {
    Right,
    Missing,
    Wrong,
}

/// A system event reduced to what is scored.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemEvent {
    pub event_type: String,
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    pub factuality: Factuality,
    /// Index of the sentence holding its trigger.
    pub sentence: Option<usize>,
}

/// A gold event placed in the system's sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct AnchoredGold {
    pub event_type: String,
    pub actor: Option<String>,
    pub recipient: Option<String>,
    pub factuality: Option<String>,
    pub sentence: Option<usize>,
}

/// Whether the system names the gold party: the same id, or, when the gold codes a state, an
/// entity of that state. `state_of` gives the state of a system id (knowledge base or text).
pub fn party_match(
    gold: Option<&str>,
    system: &[String],
    state_of: &dyn Fn(&str) -> Option<String>,
) -> PartyMatch {
    match gold {
        None if system.is_empty() => PartyMatch::Right,
        None => PartyMatch::Wrong,
        Some(_) if system.is_empty() => PartyMatch::Missing,
        Some(g) => {
            // The gold writes a state's generic actor `SYR:rebels`, the system `SYR.rebels`:
            // one id in two spellings.
            // Only a code before the colon (`SYR:rebels`), not a kind (`person:`, `group:`).
            let g_org = org_key(g);
            let g_dotted = g.replacen(':', ".", 1);
            let g = match g.split_once(':') {
                Some((code, _)) if code.chars().all(|c| c.is_ascii_uppercase()) => {
                    g_dotted.as_str()
                }
                _ => g,
            };
            // A state is its own state; an organisation of a state (`TALIBAN` → AFG) is not.
            let gold_is_state = state_of(g).as_deref() == Some(g);
            let g_org = if gold_is_state { None } else { g_org };
            let g_person = person_key(g);
            let right = system.iter().any(|s| {
                s == g
                    || (gold_is_state && state_of(s).as_deref() == Some(g))
                    || (g_org.is_some() && org_key(s) == g_org)
                    || (g_person.is_some() && person_key(s) == g_person)
            });
            if right {
                PartyMatch::Right
            } else {
                PartyMatch::Wrong
            }
        }
    }
}

/// One spelling for a person's id on both sides: a name romanised two ways
/// (`person:grigoriy-karasin`, `person:grigory-karasin`; `kaevkamnerd`, `kaewkamnerd`) or
/// written with and without a middle initial (`person:robert-m-gates`) is one person. The key
/// is the linker's spelling key ([`armsgraph_nlp::ner::link::name_key`], under which the
/// NLP stage already takes two spellings for one name) of the slug's words, one-letter words
/// dropped. Anything but a `person:` id gets no key.
fn person_key(id: &str) -> Option<String> {
    let slug = id.strip_prefix("person:")?;
    let words: Vec<&str> = slug.split('-').filter(|w| w.chars().count() > 1).collect();
    (!words.is_empty()).then(|| armsgraph_nlp::ner::link::name_key(&words.join(" ")))
}

/// One spelling for an organisation's id on both sides: the gold writes a body the knowledge
/// base lacks as a code (`BBC`, `INTERNATIONAL-CRISIS-GROUP`, `group:…`), the system as the
/// slug of its name (`org:bbc`, `org:international-crisis-group`). The key is the lower-case
/// name with every run of other characters one hyphen, after an `org:`/`group:` prefix. Person
/// ids, generic actors (`SYR.rebels`, `police`) and anything in lower case without a prefix
/// get no key, so they still match only as they are written; a state never reaches here.
fn org_key(id: &str) -> Option<String> {
    let bare = match id.split_once(':') {
        Some(("org" | "group", rest)) => rest,
        Some(_) => return None,
        // A code: upper case, digits and separators only (`F-SECURE`, `NEWSRU-COM`).
        None if id.chars().any(|c| c.is_uppercase())
            && !id.chars().any(|c| c.is_lowercase() || c == '.') =>
        {
            id
        }
        None => return None,
    };
    let mut key = String::with_capacity(bare.len());
    for c in bare.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('-') {
            key.push('-');
        }
    }
    let key = key.trim_end_matches('-').to_string();
    (!key.is_empty()).then_some(key)
}

fn is_state(id: &str) -> bool {
    id.len() == 3 && id.chars().all(|c| c.is_ascii_uppercase())
}

/// Strict: both parties right. Lenient: both right, or one right and the other missing.
fn grade(
    g: &AnchoredGold,
    s: &SystemEvent,
    state_of: &dyn Fn(&str) -> Option<String>,
) -> (bool, bool) {
    if g.sentence.is_none() || g.sentence != s.sentence || g.event_type != s.event_type {
        return (false, false);
    }
    let a = party_match(g.actor.as_deref(), &s.actors, state_of);
    let r = party_match(g.recipient.as_deref(), &s.recipients, state_of);
    use PartyMatch::*;
    let strict = a == Right && r == Right;
    let lenient = matches!((a, r), (Right, Right) | (Right, Missing) | (Missing, Right));
    (strict, lenient)
}

/// Why a gold event is (not) matched, for the debug listing: `strict`, `unanchored`,
/// `no-trigger` (no system event of its type in its sentence), or the party grades of the
/// closest system event of its type there (`actor=Missing recipient=Wrong`).
pub fn diagnose(
    g: &AnchoredGold,
    system: &[SystemEvent],
    state_of: &dyn Fn(&str) -> Option<String>,
) -> String {
    if g.sentence.is_none() {
        return "unanchored".to_string();
    }
    let graded: Vec<(PartyMatch, PartyMatch)> = system
        .iter()
        .filter(|s| s.sentence == g.sentence && s.event_type == g.event_type)
        .map(|s| {
            (
                party_match(g.actor.as_deref(), &s.actors, state_of),
                party_match(g.recipient.as_deref(), &s.recipients, state_of),
            )
        })
        .collect();
    let score = |m: PartyMatch| match m {
        PartyMatch::Right => 2,
        PartyMatch::Missing => 1,
        PartyMatch::Wrong => 0,
    };
    match graded.iter().max_by_key(|(a, r)| score(*a) + score(*r)) {
        None => "no-trigger".to_string(),
        Some((PartyMatch::Right, PartyMatch::Right)) => "strict".to_string(),
        Some((a, r)) => format!("actor={a:?} recipient={r:?}"),
    }
}

/// One-to-one matching, gold in order, each taking the first free system event that passes;
/// returns for each gold event the index of its system event.
fn match_events(
    gold: &[AnchoredGold],
    system: &[SystemEvent],
    pass: &dyn Fn(&AnchoredGold, &SystemEvent) -> bool,
) -> Vec<Option<usize>> {
    let mut used = vec![false; system.len()];
    gold.iter()
        .map(|g| {
            let hit = (0..system.len()).find(|&i| !used[i] && pass(g, &system[i]));
            if let Some(i) = hit {
                used[i] = true;
            }
            hit
        })
        .collect()
}

/// Score one article's events; adds to `counts` and `per_type`.
pub fn score_events(
    gold: &[AnchoredGold],
    system: &[SystemEvent],
    state_of: &dyn Fn(&str) -> Option<String>,
    counts: &mut NewsCounts,
    per_type: &mut BTreeMap<String, (Counts, Counts)>,
) {
    counts.gold_events += gold.len();
    counts.system_events += system.len();
    let strict = match_events(gold, system, &|g, s| grade(g, s, state_of).0);
    // Lenient matching prefers the strict pairs, then fills in.
    let mut lenient = strict.clone();
    let mut used: Vec<bool> = vec![false; system.len()];
    for i in strict.iter().flatten() {
        used[*i] = true;
    }
    for (gi, g) in gold.iter().enumerate() {
        if lenient[gi].is_none() {
            let hit = (0..system.len()).find(|&i| !used[i] && grade(g, &system[i], state_of).1);
            if let Some(i) = hit {
                used[i] = true;
                lenient[gi] = Some(i);
            }
        }
    }
    for (which, matches) in [(0, &strict), (1, &lenient)] {
        let mut taken = vec![false; system.len()];
        for (g, m) in gold.iter().zip(matches.iter()) {
            let entry = per_type.entry(g.event_type.clone()).or_default();
            let c = if which == 0 {
                &mut entry.0
            } else {
                &mut entry.1
            };
            match m {
                Some(i) => {
                    c.tp += 1;
                    taken[*i] = true;
                }
                None => c.fn_ += 1,
            }
        }
        for (s, _) in system.iter().zip(&taken).filter(|(_, t)| !**t) {
            let entry = per_type.entry(s.event_type.clone()).or_default();
            if which == 0 {
                entry.0.fp += 1;
            } else {
                entry.1.fp += 1;
            }
        }
        let tp = matches.iter().flatten().count();
        let c = Counts::new(tp, system.len() - tp, gold.len() - tp);
        if which == 0 {
            counts.strict.add(c);
        } else {
            counts.lenient.add(c);
        }
    }
    for (g, m) in gold.iter().zip(&strict) {
        if let (Some(i), Some(f)) = (m, &g.factuality) {
            if factuality_label(system[*i].factuality) == f {
                counts.factuality_right += 1;
            }
        }
    }
}

/// A system event marked `denied` (`never followed through on a promise`, `refused to pay`)
/// says the act did not happen: it claims no event, so unless the gold codes that act as
/// denied (same type, same sentence) it is left out of the score rather than counted false.
/// The gold codes acts that happened, are claimed, reported, planned or possible (README,
/// "Annotation guidelines followed"); a denial is none of them.
pub fn drop_unclaimed_denials(gold: &[AnchoredGold], system: &mut Vec<SystemEvent>) {
    system.retain(|s| {
        s.factuality != Factuality::Denied
            || gold.iter().any(|g| {
                g.factuality.as_deref() == Some("denied")
                    && g.event_type == s.event_type
                    && g.sentence == s.sentence
            })
    });
}

fn factuality_label(f: Factuality) -> &'static str {
    match f {
        Factuality::Asserted => "asserted",
        Factuality::Reported => "reported",
        Factuality::Claimed => "claimed",
        Factuality::Denied => "denied",
        Factuality::Hypothetical => "hypothetical",
        Factuality::Future => "future",
    }
}

/// Collapse runs of whitespace to one space; returns the collapsed chars and, for each, its
/// char index in the original.
fn collapse(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::new();
    let mut at = Vec::new();
    let mut last_space = true;
    for (i, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            if !last_space {
                chars.push(' ');
                at.push(i);
            }
            last_space = true;
        } else {
            chars.push(c);
            at.push(i);
            last_space = false;
        }
    }
    (chars, at)
}

fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .collect()
}

/// Where the gold anchor (sentence start `offset`, `trigger` as written) lies in the text the
/// pipeline read, as a char index there. The trigger is taken at its first occurrence from the
/// sentence start (or, failing that, the nearest to it); the sentence prefix up to the trigger
/// then locates it in the system text, whitespace aside.
pub fn anchor(gold_text: &str, offset: usize, trigger: &str, system_text: &str) -> Option<usize> {
    let g: Vec<char> = gold_text.chars().collect();
    let t: Vec<char> = trigger.chars().collect();
    let hits = find_all(&g, &t);
    let at = hits
        .iter()
        .copied()
        .filter(|&h| h >= offset)
        .min()
        .filter(|&h| h - offset < 1500)
        .or_else(|| hits.iter().copied().min_by_key(|&h| h.abs_diff(offset)))?;
    // Context: up to 60 chars before the trigger, not before the sentence start.
    let from = at.saturating_sub(60).max(offset.min(at));
    let key: String = g[from..at + t.len()].iter().collect();
    let (key, _) = collapse(&key);
    let key: Vec<char> = key
        .into_iter()
        .skip_while(|c| *c == ' ')
        .collect::<Vec<_>>();
    let (sys, map) = collapse(system_text);
    let found = find_all(&sys, &key);
    // Several places: the one nearest the gold position, in proportion.
    let (gc, _) = collapse(gold_text);
    let expected = at as f64 * sys.len() as f64 / gc.len().max(1) as f64;
    let best = found
        .into_iter()
        .min_by_key(|&p| ((p as f64) - expected).abs() as usize)?;
    let end = best + key.len() - 1;
    map.get(end).map(|&i| i + 1 - t.len().min(i + 1))
}

fn sentence_at(ex: &Extraction, pos: usize) -> Option<usize> {
    ex.sentences
        .iter()
        .position(|s| s.span.start <= pos && pos < s.span.end.max(s.span.start + 1))
}

/// The state of a system entity id, from the knowledge base or the state the text gave it.
fn state_of(pipeline: &Pipeline, ex: &Extraction, id: &str) -> Option<String> {
    if let Some(c) = pipeline.kb().country_of(id) {
        return Some(c.to_string());
    }
    ex.actors
        .iter()
        .find(|r| r.id == id)
        .and_then(|r| r.affiliations.iter().find(|a| is_state(a)).cloned())
}

fn system_events(ex: &Extraction) -> Vec<SystemEvent> {
    ex.events
        .iter()
        .filter(|e| !matches!(e.event_type, EventType::Displacement | EventType::NoComment))
        .map(|e: &Event| SystemEvent {
            event_type: e.event_type.label().to_string(),
            actors: e.actors.iter().map(|p| p.entity.clone()).collect(),
            recipients: e.recipients.iter().map(|p| p.entity.clone()).collect(),
            factuality: e.factuality,
            sentence: e
                .evidence
                .first()
                .and_then(|ev| sentence_at(ex, ev.trigger.start)),
        })
        .collect()
}

/// Reads article texts from the shared data: in place when unpacked, else from the dataset's
/// tarball, unpacked once (by the system `tar`) into a cache directory outside the repository.
///
/// L3S-GN1 is the exception: its gold is spans of an annotated HTML page, and the one reader of
/// those spans is `scripts/extraction_sets.py`, which `eval extraction` scores against too. The
/// harness reads that script's output (`<sets>/l3s-gn1/ground-truth.json`, outside the
/// repository) rather than cutting the spans a second way.
pub struct SharedTexts {
    shared: PathBuf,
    cache: PathBuf,
    /// The `l3s-gn1` set directory `scripts/extraction_sets.py` wrote.
    l3s_dir: PathBuf,
    /// Its gold bodies by page id, read on first use (one JSON file for all 621 pages).
    l3s: std::sync::OnceLock<std::collections::HashMap<String, String>>,
    /// Single `.xz` files of the shared data (CoNLL-2002, UD), decompressed once each.
    xz: std::sync::Mutex<std::collections::HashMap<PathBuf, std::sync::Arc<String>>>,
}

/// Dataset folder of CoNLL-2002 Spanish (EFE news wire, May 2000).
pub const CONLL_ES_SOURCE: &str = "ner/conll2002-es";
/// Dataset folder of NER-UK 2.0 (brat originals in its tarball).
pub const NER_UK_SOURCE: &str = "ner/ner-uk-2.0";
/// Dataset folder of UD_French-Sequoia (its `annodis.er_*` sentences: L'Est Républicain).
pub const SEQUOIA_SOURCE: &str = "ud/UD_French-Sequoia";
/// Dataset folder of UD_French-GSD (single web sentences, one per gold item).
pub const FRENCH_GSD_SOURCE: &str = "ud/UD_French-GSD";

/// Tokens written without a space before them when CoNLL tokens are rebuilt into text.
fn conll_closing(t: &str) -> bool {
    matches!(
        t,
        "." | "," | ";" | ":" | "!" | "?" | ")" | "»" | "]" | "”" | "%" | "..."
    )
}

/// Tokens written without a space after them.
fn conll_opening(t: &str) -> bool {
    matches!(t, "(" | "¿" | "¡" | "«" | "[" | "“")
}

/// The sentences (token lists) of a CoNLL file: first column, blank-line separated.
fn conll_sentences(raw: &str) -> Vec<Vec<&str>> {
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    for line in raw.lines() {
        match line.split(' ').next().filter(|t| !t.trim().is_empty()) {
            Some(token) => current.push(token),
            None if !current.is_empty() => sentences.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}

/// Whether a CoNLL-2002 Spanish sentence is an EFE dateline, `<place> , <day> <month> ( EFE ) .`
/// (or `EFECOM`): the NLTK copy has no `-DOCSTART-` lines, and every article opens with one.
fn is_efe_dateline(tokens: &[&str]) -> bool {
    let n = tokens.len();
    if n < 7 {
        return false;
    }
    let tail = &tokens[n - 7..];
    let day = tail[1].len() <= 2 && tail[1].chars().all(|c| c.is_ascii_digit());
    let month = tail[2].len() == 3 && tail[2].chars().all(|c| c.is_ascii_lowercase());
    tail[0] == ","
        && day
        && month
        && tail[3] == "("
        && tail[4]
            .strip_prefix("EFE")
            .is_some_and(|rest| rest.chars().all(|c| c.is_alphanumeric() || c == '_'))
        && tail[5] == ")"
        && tail[6] == "."
}

/// The text of article `index` (0-based) of a CoNLL-2002 Spanish file: an article runs from one
/// dateline sentence to the next (the first from the file's start); its tokens are joined by
/// one space, except none before closing punctuation and after opening marks, and straight `"`
/// alternating between opening and closing. `None` past the last article.
pub fn conll_article_text(raw: &str, index: usize) -> Option<String> {
    let mut article = 0usize;
    let mut text = String::new();
    let mut quote_open = false;
    let mut glue = false;
    let mut seen_any = false;
    for sentence in conll_sentences(raw) {
        if seen_any && is_efe_dateline(&sentence) {
            article += 1;
        }
        seen_any = true;
        if article < index {
            continue;
        }
        if article > index {
            break;
        }
        for &token in &sentence {
            let (mut closing, mut opening) = (conll_closing(token), conll_opening(token));
            if token == "\"" {
                closing = quote_open;
                opening = !quote_open;
                quote_open = !quote_open;
            }
            if !text.is_empty() && !closing && !glue {
                text.push(' ');
            }
            text.push_str(token);
            glue = opening;
        }
    }
    (article >= index && !text.is_empty()).then_some(text)
}

/// `(sent_id, text)` of every sentence of a CoNLL-U file.
pub fn conllu_texts(raw: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut id = None;
    for line in raw.lines() {
        if let Some(v) = line.strip_prefix("# sent_id = ") {
            id = Some(v.trim());
        } else if let Some(v) = line.strip_prefix("# text = ") {
            if let Some(i) = id.take() {
                out.push((i, v));
            }
        }
    }
    out
}

/// The text of a run of consecutive sentence ids (`annodis.er_00261..annodis.er_00301`) from
/// CoNLL-U files that hold them in any order: the sentences put back in id order, one per line.
/// Ids are zero-padded, so string order is id order.
pub fn conllu_range_text(files: &[&str], range: &str) -> Option<String> {
    let (first, last) = range.split_once("..")?;
    let mut rows: Vec<(&str, &str)> = files
        .iter()
        .flat_map(|raw| conllu_texts(raw))
        .filter(|(id, _)| *id >= first && *id <= last && id.len() == first.len())
        .collect();
    rows.sort_unstable();
    if rows.is_empty() {
        return None;
    }
    Some(rows.iter().map(|(_, t)| *t).collect::<Vec<_>>().join("\n"))
}

/// Dataset folder (under the shared data) of L3S-GN1.
pub const L3S_SOURCE: &str = "extraction-dev/L3S-GN1";
/// Source of paragraphs written for the gold set itself, stored in the gold line's `text`.
pub const OWN_SOURCE: &str = "own";

impl SharedTexts {
    pub fn new(shared: &Path) -> SharedTexts {
        let sets = crate::extraction::default_sets_dir()
            .unwrap_or_else(|| std::env::temp_dir().join("armsgraph-extraction-dev"));
        SharedTexts::with_sets_dir(shared, &sets)
    }

    /// As [`SharedTexts::new`], with the extraction sets (`scripts/extraction_sets.py --out`)
    /// in `sets` instead of their default place.
    pub fn with_sets_dir(shared: &Path, sets: &Path) -> SharedTexts {
        SharedTexts {
            shared: shared.to_path_buf(),
            cache: std::env::temp_dir().join("armsgraph-news-gold"),
            l3s_dir: sets.join("l3s-gn1"),
            l3s: std::sync::OnceLock::new(),
            xz: std::sync::Mutex::new(std::collections::HashMap::new()),
        }
    }

    /// A single file of a dataset folder: `name` in place, else `name.xz` decompressed (once).
    fn read_plain_or_xz(
        &self,
        source: &str,
        name: &str,
        file: &str,
    ) -> Result<std::sync::Arc<String>, NewsEvalError> {
        let plain = self.shared.join(source).join(name);
        let packed = self.shared.join(source).join(format!("{name}.xz"));
        let path = if plain.is_file() { plain } else { packed };
        if let Ok(cache) = self.xz.lock() {
            if let Some(t) = cache.get(&path) {
                return Ok(t.clone());
            }
        }
        let missing = |reason: String| NewsEvalError::MissingSource {
            source_name: source.to_string(),
            file: file.to_string(),
            path: path.clone(),
            reason,
        };
        let raw = std::fs::read(&path).map_err(|e| missing(e.to_string()))?;
        let bytes = if path.extension().is_some_and(|e| e == "xz") {
            let mut out = Vec::new();
            lzma_rs::xz_decompress(&mut raw.as_slice(), &mut out)
                .map_err(|e| missing(format!("not an xz file: {e}")))?;
            out
        } else {
            raw
        };
        let text = std::sync::Arc::new(String::from_utf8_lossy(&bytes).into_owned());
        if let Ok(mut cache) = self.xz.lock() {
            cache.insert(path.clone(), text.clone());
        }
        Ok(text)
    }

    /// CoNLL-2002 Spanish: `file` is `<esp.testa|esp.testb|esp.train>#<article index>`.
    fn conll_es_text(&self, file: &str) -> Result<String, NewsEvalError> {
        let no_article = |reason: &str| NewsEvalError::NoArticle {
            source_name: CONLL_ES_SOURCE.to_string(),
            file: file.to_string(),
            reason: reason.to_string(),
        };
        let (name, index) = file
            .split_once('#')
            .ok_or_else(|| no_article("expected `<file>#<article index>`"))?;
        let index: usize = index
            .parse()
            .map_err(|_| no_article("the article index is not a number"))?;
        let raw = self.read_plain_or_xz(CONLL_ES_SOURCE, name, file)?;
        conll_article_text(&raw, index).ok_or_else(|| no_article("the file has fewer articles"))
    }

    /// UD_French-Sequoia: `file` is a run of `annodis.er_*` sentence ids, `<first>..<last>`,
    /// gathered from the treebank's three files (its split scatters an article over them).
    fn sequoia_text(&self, file: &str) -> Result<String, NewsEvalError> {
        let mut raws = Vec::new();
        for part in ["train", "dev", "test"] {
            raws.push(self.read_plain_or_xz(
                SEQUOIA_SOURCE,
                &format!("fr_sequoia-ud-{part}.conllu"),
                file,
            )?);
        }
        let refs: Vec<&str> = raws.iter().map(|r| r.as_str()).collect();
        conllu_range_text(&refs, file).ok_or_else(|| NewsEvalError::NoArticle {
            source_name: SEQUOIA_SOURCE.to_string(),
            file: file.to_string(),
            reason: "no sentence with an id in `<first>..<last>`".into(),
        })
    }

    /// UD_French-GSD: `file` is `<conllu file>#<sent_id>`, one sentence.
    fn french_gsd_text(&self, file: &str) -> Result<String, NewsEvalError> {
        let no_article = |reason: &str| NewsEvalError::NoArticle {
            source_name: FRENCH_GSD_SOURCE.to_string(),
            file: file.to_string(),
            reason: reason.to_string(),
        };
        let (name, id) = file
            .split_once('#')
            .ok_or_else(|| no_article("expected `<file>#<sent_id>`"))?;
        let raw = self.read_plain_or_xz(FRENCH_GSD_SOURCE, name, file)?;
        conllu_texts(&raw)
            .into_iter()
            .find(|(i, _)| *i == id)
            .map(|(_, t)| t.to_string())
            .ok_or_else(|| no_article("no sentence with that id"))
    }

    /// The gold text of an L3S-GN1 article: the page's full-text (`x-nc-sel2`) spans in page
    /// order, one line per span, headline left out — the `articleBody` the extraction sets
    /// hold. `file` is the annotated page inside the tarball (`L3S-GN1/annotated/<uuid>.html`).
    fn l3s_text(&self, file: &str) -> Result<String, NewsEvalError> {
        if self.l3s.get().is_none() {
            let bodies = crate::extraction::gold_bodies(&self.l3s_dir).map_err(|source| {
                NewsEvalError::L3sSet {
                    dir: self.l3s_dir.clone(),
                    source,
                }
            })?;
            // Another caller may have filled it meanwhile; either value is the same file.
            let _ = self.l3s.set(bodies);
        }
        let id = Path::new(file)
            .file_name()
            .and_then(|n| n.to_str())
            .map(|n| n.trim_end_matches(".html"))
            .unwrap_or(file);
        self.l3s
            .get()
            .and_then(|b| b.get(id))
            .cloned()
            .ok_or_else(|| NewsEvalError::L3sPage {
                file: file.to_string(),
                id: id.to_string(),
                dir: self.l3s_dir.clone(),
            })
    }

    fn read_member(&self, source: &str, member: &str) -> Result<String, NewsEvalError> {
        let in_place = self.shared.join(source).join(member);
        let cached = self.cache.join(source).join(member);
        let path = if in_place.is_file() {
            in_place
        } else {
            if !cached.is_file() {
                self.unpack(source, member)?;
            }
            cached
        };
        let bytes = std::fs::read(&path).map_err(|e| NewsEvalError::Io {
            path: path.clone(),
            source: e,
        })?;
        Ok(String::from_utf8_lossy(&bytes)
            .trim_start_matches('\u{feff}')
            .to_string())
    }

    fn unpack(&self, source: &str, member: &str) -> Result<(), NewsEvalError> {
        let dir = self.shared.join(source);
        let archive = std::fs::read_dir(&dir)
            .map_err(|e| NewsEvalError::Io {
                path: dir.clone(),
                source: e,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.to_string_lossy().ends_with(".tar.xz"))
            .ok_or_else(|| NewsEvalError::Unpack {
                archive: dir.clone(),
                member: member.to_string(),
                reason: "neither the file nor a .tar.xz archive is there".into(),
            })?;
        let target = self.cache.join(source);
        std::fs::create_dir_all(&target).map_err(|e| NewsEvalError::Io {
            path: target.clone(),
            source: e,
        })?;
        // The whole archive at once: one decompression serves every later article.
        let out = std::process::Command::new("tar")
            .arg("-xJf")
            .arg(&archive)
            .arg("-C")
            .arg(&target)
            .output()
            .map_err(|e| NewsEvalError::Unpack {
                archive: archive.clone(),
                member: member.to_string(),
                reason: e.to_string(),
            })?;
        if !out.status.success() {
            return Err(NewsEvalError::Unpack {
                archive,
                member: member.to_string(),
                reason: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        Ok(())
    }

    /// The gold text of an article, as its offsets count it.
    pub fn text(&self, article: &GoldArticle) -> Result<String, NewsEvalError> {
        match article.source.as_str() {
            "extraction-dev/dragnet" => {
                let raw = self.read_member(&article.source, &article.file)?;
                // The gold's offsets count line ends as one `\n`; some files end lines with
                // `\r\n` (dragnet 29, 44, …: unnormalised, `annotated_to` cut the last
                // annotated sentence off).
                let raw = raw.replace("\r\n", "\n");
                // Some gold files append user comments after this line: the article is before.
                Ok(raw
                    .split("!@#$%^&*()  COMMENTS")
                    .next()
                    .unwrap_or_default()
                    .to_string())
            }
            "ner/factrueval-2016" => self.read_member(&article.source, &article.file),
            // The tokenised `.txt` of the brat original, as is (its NER offsets count in it).
            NER_UK_SOURCE => self.read_member(&article.source, &article.file),
            CONLL_ES_SOURCE => self.conll_es_text(&article.file),
            SEQUOIA_SOURCE => self.sequoia_text(&article.file),
            FRENCH_GSD_SOURCE => self.french_gsd_text(&article.file),
            L3S_SOURCE => self.l3s_text(&article.file),
            OWN_SOURCE => article
                .text
                .clone()
                .ok_or_else(|| NewsEvalError::NoOwnText(article.file.clone())),
            "spkatt-2023-de/task2-news" => {
                let raw = self.read_member(&article.source, &article.file)?;
                crate::quotes::spkatt_text(&raw).map_err(|source| NewsEvalError::Json {
                    path: PathBuf::from(&article.file),
                    line: 0,
                    source,
                })
            }
            other => Err(NewsEvalError::UnknownSource(other.to_string())),
        }
    }
}

/// The gold articles of one language file.
pub fn read_gold(path: &Path) -> Result<Vec<GoldArticle>, NewsEvalError> {
    let raw = std::fs::read_to_string(path).map_err(|source| NewsEvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| NewsEvalError::Json {
                path: path.to_path_buf(),
                line: i + 1,
                source,
            })
        })
        .collect()
}

/// The languages of the gold set, one `<lang>.jsonl` each, in report order.
pub const GOLD_LANGUAGES: [&str; 6] = ["en", "de", "ru", "fr", "es", "uk"];

/// Score the gold set in `dir` (`en.jsonl`, `de.jsonl`, `ru.jsonl`, `fr.jsonl`, `es.jsonl`,
/// `uk.jsonl`; a missing file is skipped) on one split.
pub fn evaluate_news(
    dir: &Path,
    shared: &Path,
    split: Split,
    pipeline: &Pipeline,
) -> Result<NewsReport, NewsEvalError> {
    evaluate_news_in(dir, shared, split, &[], pipeline)
}

/// As [`evaluate_news`], scoring only the languages in `languages` (all when empty): issue 12's
/// targets are set on en, de and ru, and the other three languages' figures stand apart.
pub fn evaluate_news_in(
    dir: &Path,
    shared: &Path,
    split: Split,
    languages: &[String],
    pipeline: &Pipeline,
) -> Result<NewsReport, NewsEvalError> {
    evaluate_news_batch(dir, shared, split, languages, None, pipeline)
}

/// Whether a gold line belongs to the batch asked for: `None` takes every line, `none` the
/// lines without a batch (the sets before stop 26), any other name the lines of that batch.
fn in_batch(line_batch: Option<&str>, wanted: Option<&str>) -> bool {
    match wanted {
        None => true,
        Some("none") => line_batch.is_none(),
        Some(name) => line_batch == Some(name),
    }
}

/// As [`evaluate_news_in`], scoring only the lines of one annotation batch (see [`in_batch`]):
/// a fresh batch shows how rules tuned on older lines carry over to text nobody tuned on.
pub fn evaluate_news_batch(
    dir: &Path,
    shared: &Path,
    split: Split,
    languages: &[String],
    batch: Option<&str>,
    pipeline: &Pipeline,
) -> Result<NewsReport, NewsEvalError> {
    let started = std::time::Instant::now();
    let texts = SharedTexts::new(shared);
    let mut report = NewsReport::default();
    let mut any = false;
    let debug = std::env::var_os("ARMSGRAPH_EVAL_DEBUG").is_some();
    if let Some(unknown) = languages
        .iter()
        .find(|l| !GOLD_LANGUAGES.contains(&l.as_str()))
    {
        return Err(NewsEvalError::UnknownLanguage(unknown.clone()));
    }
    for lang in GOLD_LANGUAGES {
        if !languages.is_empty() && !languages.iter().any(|l| l == lang) {
            continue;
        }
        let path = dir.join(format!("{lang}.jsonl"));
        if !path.is_file() {
            continue;
        }
        any = true;
        report.per_language.entry(lang.to_string()).or_default();
        for article in read_gold(&path)?
            .into_iter()
            .filter(|a| split.admits(&a.split) && in_batch(a.batch.as_deref(), batch))
        {
            let text = texts.text(&article)?;
            let raw = RawDocument {
                origin: article.file.clone(),
                kind: SourceKind::Text,
                is_html: false,
                body: text.clone(),
                language_hint: Some(lang.to_string()),
                ..Default::default()
            };
            let opts = ReadOptions {
                language: Some(lang.to_string()),
                ..Default::default()
            };
            // A text the pipeline cannot read scores as all misses, not as an abort.
            let ex = pipeline.read(&raw, &opts).unwrap_or_default();
            let sys_text = &ex.document.text;
            let gold: Vec<AnchoredGold> = article
                .events
                .iter()
                .map(|g| {
                    let pos = anchor(&text, g.sentence, &g.trigger, sys_text);
                    AnchoredGold {
                        event_type: g.event_type.clone(),
                        actor: g.actor.clone(),
                        recipient: g.recipient.clone(),
                        factuality: g.factuality.clone(),
                        sentence: pos.and_then(|p| sentence_at(&ex, p)),
                    }
                })
                .collect();
            report.unanchored += gold.iter().filter(|g| g.sentence.is_none()).count();
            let mut system = system_events(&ex);
            if let Some(until) = article.annotated_to.filter(|&u| u < text.chars().count()) {
                // The first unannotated words locate the cut in the text the pipeline read;
                // from the first word on, so that the blank line after the last annotated
                // sentence does not anchor inside it (and cut it off).
                let blank = text
                    .chars()
                    .skip(until)
                    .take_while(|c| c.is_whitespace())
                    .count();
                let words: String = text.chars().skip(until + blank).take(24).collect();
                let cut = anchor(&text, until + blank, words.trim_end(), sys_text)
                    .and_then(|p| sentence_at(&ex, p));
                if let Some(cut) = cut {
                    system.retain(|s| s.sentence.is_some_and(|i| i < cut));
                }
            }
            drop_unclaimed_denials(&gold, &mut system);
            let state = |id: &str| state_of(pipeline, &ex, id);
            // The article's own counts, added to its language's and its batch's at the end.
            let mut article_counts = NewsCounts::default();
            let counts = &mut article_counts;
            counts.articles += 1;
            score_events(&gold, &system, &state, counts, &mut report.per_type);
            if debug {
                for g in &gold {
                    eprintln!(
                        "GOLD\t{}\t{}\t{:?}\t{:?}\t{:?}\t{}",
                        article.file,
                        g.event_type,
                        g.actor,
                        g.recipient,
                        g.sentence,
                        g.factuality.as_deref().unwrap_or("-")
                    );
                }
                for g in &gold {
                    eprintln!(
                        "DIAG\t{}\t{}\t{}",
                        article.file,
                        g.event_type,
                        diagnose(g, &system, &state)
                    );
                }
                for s in &system {
                    eprintln!(
                        "SYS\t{}\t{}\t{:?}\t{:?}\t{:?}\t{}",
                        article.file,
                        s.event_type,
                        s.actors,
                        s.recipients,
                        s.sentence,
                        factuality_label(s.factuality)
                    );
                }
                // The sentences involved, so a miss can be read without opening the article.
                let mut shown: Vec<usize> = gold
                    .iter()
                    .filter_map(|g| g.sentence)
                    .chain(system.iter().filter_map(|s| s.sentence))
                    .collect();
                shown.sort_unstable();
                shown.dedup();
                for i in shown {
                    if let Some(sent) = ex.sentences.get(i) {
                        let t: String = sys_text
                            .chars()
                            .skip(sent.span.start)
                            .take(sent.span.end.saturating_sub(sent.span.start).min(240))
                            .collect();
                        eprintln!("SENT\t{i}\t{}", t.replace('\n', " "));
                    }
                }
                // Events the stage read but dropped for naming no party: a trigger that fired
                // without parties is a different miss from a trigger that never fired.
                let mut unanchored = ex.clone();
                pipeline.events().annotate_unanchored(&mut unanchored);
                for e in &unanchored.events {
                    let kept = ex.events.iter().any(|k| {
                        k.event_type == e.event_type
                            && k.evidence.first().map(|v| v.trigger)
                                == e.evidence.first().map(|v| v.trigger)
                    });
                    if let (false, Some(ev)) = (kept, e.evidence.first()) {
                        let trig: String = sys_text
                            .chars()
                            .skip(ev.trigger.start)
                            .take(ev.trigger.end.saturating_sub(ev.trigger.start))
                            .collect();
                        eprintln!(
                            "DROP\t{:?}\t{}\t{trig}\t{}",
                            sentence_at(&ex, ev.trigger.start),
                            e.event_type.label(),
                            ev.rule
                        );
                    }
                }
                for e in &ex.events {
                    if let Some(ev) = e.evidence.first() {
                        let trig: String = sys_text
                            .chars()
                            .skip(ev.trigger.start)
                            .take(ev.trigger.end.saturating_sub(ev.trigger.start))
                            .collect();
                        eprintln!(
                            "TRIG\t{:?}\t{}\t{trig}\t{}\t{}",
                            sentence_at(&ex, ev.trigger.start),
                            e.event_type.label(),
                            ev.rule,
                            factuality_label(e.factuality)
                        );
                    }
                }
            }
            for q in &article.quotes {
                counts.gold_quotes += 1;
                let Some(sentence) =
                    anchor(&text, q.sentence, &q.cue, sys_text).and_then(|p| sentence_at(&ex, p))
                else {
                    report.unanchored += 1;
                    continue;
                };
                let span = ex.sentences[sentence].span;
                let right = ex.quotes.iter().any(|sq| {
                    let in_sentence = sq
                        .cue
                        .map(|c| span.start <= c.start && c.start < span.end)
                        .unwrap_or(false)
                        || (sq.message.start < span.end && span.start < sq.message.end);
                    let speaker: Vec<String> = sq
                        .speaker
                        .as_ref()
                        .and_then(|s| s.entity.clone())
                        .into_iter()
                        .collect();
                    in_sentence
                        && party_match(Some(&q.speaker), &speaker, &state) == PartyMatch::Right
                });
                if debug {
                    let found: Vec<String> = ex
                        .quotes
                        .iter()
                        .filter(|sq| sq.message.start < span.end && span.start < sq.message.end)
                        .map(|sq| {
                            sq.speaker
                                .as_ref()
                                .map(|s| format!("{:?}/{}", s.entity, s.name))
                                .unwrap_or_default()
                        })
                        .collect();
                    eprintln!(
                        "QUOTE\t{}\t{}\tright={right}\tsystem={found:?}",
                        article.file, q.speaker
                    );
                    // The sentence itself, so a miss can be classed without opening the source.
                    let t: String = sys_text
                        .chars()
                        .skip(span.start)
                        .take(span.end.saturating_sub(span.start).min(300))
                        .collect();
                    eprintln!("QSENT\t{}", t.replace('\n', " "));
                    // Each system quotation of the sentence: its cue, rule and speaker words.
                    for sq in ex.quotes.iter().filter(|sq| {
                        sq.message.start < span.end && span.start < sq.message.end
                            || sq
                                .cue
                                .is_some_and(|c| span.start <= c.start && c.start < span.end)
                    }) {
                        eprintln!(
                            "QSYS\t{:?}\t{}\t{:?}",
                            sq.cue_text,
                            sq.rule,
                            sq.speaker.as_ref().map(|s| (
                                s.entity.clone(),
                                s.name.clone(),
                                s.kind.clone()
                            ))
                        );
                    }
                }
                counts.quotes_right += usize::from(right);
            }
            if let Some(c) = report.per_language.get_mut(lang) {
                c.add(&article_counts);
            }
            report
                .per_batch
                .entry(article.batch.clone().unwrap_or_else(|| "none".to_string()))
                .or_default()
                .add(&article_counts);
        }
    }
    if !any {
        return Err(NewsEvalError::Empty(dir.to_path_buf()));
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_filter_takes_named_batch_or_unbatched_lines() {
        assert!(in_batch(None, None));
        assert!(in_batch(Some("s26"), None));
        assert!(in_batch(Some("s26"), Some("s26")));
        assert!(!in_batch(Some("s27"), Some("s26")));
        assert!(!in_batch(None, Some("s26")));
        assert!(in_batch(None, Some("none")));
        assert!(!in_batch(Some("s26"), Some("none")));
    }

    fn states(id: &str) -> Option<String> {
        match id {
            "person:vladimir-putin" | "RUS" => Some("RUS".into()),
            "DEU" | "UKR" | "USA" | "IRN" => Some(id.into()),
            "person:olaf-scholz" => Some("DEU".into()),
            _ => None,
        }
    }

    fn gold(t: &str, a: Option<&str>, r: Option<&str>, s: usize) -> AnchoredGold {
        AnchoredGold {
            event_type: t.into(),
            actor: a.map(String::from),
            recipient: r.map(String::from),
            factuality: Some("asserted".into()),
            sentence: Some(s),
        }
    }

    fn sys(t: &str, a: &[&str], r: &[&str], s: usize) -> SystemEvent {
        SystemEvent {
            event_type: t.into(),
            actors: a.iter().map(|x| x.to_string()).collect(),
            recipients: r.iter().map(|x| x.to_string()).collect(),
            factuality: Factuality::Asserted,
            sentence: Some(s),
        }
    }

    #[test]
    fn a_denied_act_is_scored_only_against_a_denied_gold_act() {
        // `Ruritania never kept its promise to pay` → AGREE, denied: no false event.
        let mut denied = sys("AGREE", &["RUR"], &[], 0);
        denied.factuality = Factuality::Denied;
        let mut system = vec![denied.clone(), sys("ASSAULT", &["RUR"], &[], 0)];
        drop_unclaimed_denials(&[], &mut system);
        assert_eq!(system.len(), 1);
        assert_eq!(system[0].event_type, "ASSAULT");
        // The gold codes the same act as denied: it stays and can match.
        let mut g = gold("AGREE", Some("RUR"), None, 0);
        g.factuality = Some("denied".into());
        let mut system = vec![denied];
        drop_unclaimed_denials(&[g], &mut system);
        assert_eq!(system.len(), 1);
    }

    fn score(g: &[AnchoredGold], s: &[SystemEvent]) -> NewsCounts {
        let mut c = NewsCounts::default();
        let mut per_type = BTreeMap::new();
        score_events(g, s, &states, &mut c, &mut per_type);
        c
    }

    #[test]
    fn a_person_of_the_gold_state_is_right_a_person_of_another_is_wrong() {
        let put = ["person:vladimir-putin".to_string()];
        assert_eq!(party_match(Some("RUS"), &put, &states), PartyMatch::Right);
        assert_eq!(party_match(Some("DEU"), &put, &states), PartyMatch::Wrong);
        // A person coded by the gold must be that person, not their state.
        assert_eq!(
            party_match(Some("person:vladimir-putin"), &["RUS".to_string()], &states),
            PartyMatch::Wrong
        );
        assert_eq!(party_match(Some("RUS"), &[], &states), PartyMatch::Missing);
        assert_eq!(party_match(None, &[], &states), PartyMatch::Right);
        assert_eq!(party_match(None, &put, &states), PartyMatch::Wrong);
    }

    #[test]
    fn an_organisation_id_matches_in_either_spelling_and_nothing_else_does() {
        let one = |s: &str| vec![s.to_string()];
        for (gold, system) in [
            ("BBC", "org:bbc"),
            (
                "INTERNATIONAL-CRISIS-GROUP",
                "org:international-crisis-group",
            ),
            ("NEWSRU-COM", "org:newsru-com"),
            ("group:al-shabaab", "org:al-shabaab"),
        ] {
            assert_eq!(
                party_match(Some(gold), &one(system), &states),
                PartyMatch::Right,
                "{gold} ~ {system}"
            );
        }
        for (gold, system) in [
            // A state code is a state, never an organisation's slug.
            ("RUS", "org:rus"),
            ("BBC", "org:bbc-news"),
            ("BBC", "person:bbc"),
            ("SYR:rebels", "org:syr-rebels"),
            ("person:ban-ki-moon", "org:ban-ki-moon"),
        ] {
            assert_eq!(
                party_match(Some(gold), &one(system), &states),
                PartyMatch::Wrong,
                "{gold} !~ {system}"
            );
        }
    }

    #[test]
    fn a_person_id_matches_in_another_romanisation_or_without_a_middle_initial() {
        let one = |s: &str| vec![s.to_string()];
        for (gold, system) in [
            ("person:grigory-karasin", "person:grigoriy-karasin"),
            ("person:lena-kowalski", "person:lena-kovalski"),
            ("person:robert-gates", "person:robert-m-gates"),
        ] {
            assert_eq!(
                party_match(Some(gold), &one(system), &states),
                PartyMatch::Right,
                "{gold} ~ {system}"
            );
        }
        for (gold, system) in [
            // Another person, however alike the names.
            ("person:robert-gates", "person:robert-bates"),
            ("person:robert-gates", "person:gates"),
            // A person is no organisation, and the other way round.
            ("person:robert-gates", "org:robert-gates"),
            ("org:robert-gates", "person:robert-gates"),
        ] {
            assert_eq!(
                party_match(Some(gold), &one(system), &states),
                PartyMatch::Wrong,
                "{gold} !~ {system}"
            );
        }
    }

    #[test]
    fn strict_needs_both_parties_lenient_allows_one_missing_never_wrong() {
        let g = [gold("ASSAULT", Some("RUS"), Some("UKR"), 0)];
        let c = score(&g, &[sys("ASSAULT", &["RUS"], &["UKR"], 0)]);
        assert_eq!((c.strict.tp, c.lenient.tp), (1, 1));
        let c = score(&g, &[sys("ASSAULT", &["RUS"], &[], 0)]);
        assert_eq!((c.strict.tp, c.strict.fp, c.strict.fn_), (0, 1, 1));
        assert_eq!(c.lenient.tp, 1);
        // Reversed parties: wrong, even leniently.
        let c = score(&g, &[sys("ASSAULT", &["UKR"], &["RUS"], 0)]);
        assert_eq!((c.strict.tp, c.lenient.tp), (0, 0));
        // Both parties missing is not enough.
        let c = score(&g, &[sys("ASSAULT", &[], &[], 0)]);
        assert_eq!(c.lenient.tp, 0);
        // The wrong type or another sentence never matches.
        let c = score(&g, &[sys("COERCE", &["RUS"], &["UKR"], 0)]);
        assert_eq!(c.lenient.tp, 0);
        let c = score(&g, &[sys("ASSAULT", &["RUS"], &["UKR"], 1)]);
        assert_eq!((c.lenient.tp, c.lenient.fp, c.lenient.fn_), (0, 1, 1));
    }

    #[test]
    fn matching_is_one_to_one_and_prefers_strict_pairs() {
        let g = [
            gold("ACCUSE", Some("USA"), Some("IRN"), 2),
            gold("ACCUSE", Some("USA"), None, 2),
        ];
        // One system event cannot serve two gold events.
        let c = score(&g, &[sys("ACCUSE", &["USA"], &["IRN"], 2)]);
        assert_eq!((c.strict.tp, c.strict.fn_), (1, 1));
        assert_eq!((c.lenient.tp, c.lenient.fp, c.lenient.fn_), (1, 0, 1));
        assert_eq!(c.factuality_right, 1);
    }

    #[test]
    fn an_l3s_article_reads_the_full_text_spans_the_extraction_sets_hold() {
        // The layout `scripts/extraction_sets.py` writes: the sel2 spans of the annotated page
        // joined by newlines as `articleBody`, the sel1 headline apart.
        let sets = std::env::temp_dir().join(format!("armsgraph-news-l3s-{}", std::process::id()));
        let set = sets.join("l3s-gn1");
        std::fs::create_dir_all(&set).unwrap();
        std::fs::write(
            set.join("ground-truth.json"),
            r#"{"0a1b-2c": {"articleBody": "Troops crossed the border.\nThe minister said so.",
                           "headline": "Border crossed", "url": "", "language": "en"}}"#,
        )
        .unwrap();
        let texts = SharedTexts::with_sets_dir(Path::new("/nonexistent"), &sets);
        let article = |file: &str| GoldArticle {
            source: L3S_SOURCE.into(),
            file: file.into(),
            split: "dev".into(),
            batch: None,
            annotated_to: None,
            events: Vec::new(),
            quotes: Vec::new(),
            text: None,
        };
        let text = texts
            .text(&article("L3S-GN1/annotated/0a1b-2c.html"))
            .unwrap();
        assert_eq!(text, "Troops crossed the border.\nThe minister said so.");
        // Offsets of a gold event count in that text: the anchor finds the trigger there.
        let p = anchor(&text, 0, "crossed", &text).unwrap();
        assert_eq!(p, text.find("crossed").unwrap());
        // A page the set lacks is a clear error, not an empty text.
        let err = texts
            .text(&article("L3S-GN1/annotated/ffff.html"))
            .unwrap_err();
        assert!(matches!(err, NewsEvalError::L3sPage { .. }), "{err}");
        // No set written at all: the error says how to write it.
        let none = SharedTexts::with_sets_dir(Path::new("/nonexistent"), &sets.join("absent"));
        let err = none
            .text(&article("L3S-GN1/annotated/0a1b-2c.html"))
            .unwrap_err();
        assert!(err.to_string().contains("extraction_sets.py"), "{err}");
        std::fs::remove_dir_all(&sets).unwrap();
    }

    #[test]
    fn an_own_paragraph_is_read_from_its_line_and_needs_its_text() {
        let line = r#"{"source": "own", "file": "own/en-01", "split": "dev",
            "text": "Police detained 14 protesters in Dhaka on Friday.",
            "events": [{"type": "COERCE", "actor": "BGD", "recipient": "BGD:protesters",
                        "sentence": 0, "trigger": "detained"}]}"#;
        let article: GoldArticle = serde_json::from_str(line).unwrap();
        let texts =
            SharedTexts::with_sets_dir(Path::new("/nonexistent"), Path::new("/nonexistent"));
        let text = texts.text(&article).unwrap();
        assert_eq!(anchor(&text, 0, "detained", &text), Some(7));
        let bare = GoldArticle {
            text: None,
            ..article
        };
        assert!(matches!(
            texts.text(&bare),
            Err(NewsEvalError::NoOwnText(_))
        ));
    }

    #[test]
    fn a_conll2002_article_runs_from_its_dateline_to_the_next_and_is_detokenised() {
        // The layout of esp.*: `token POS tag`, blank lines between sentences, no -DOCSTART-.
        let raw = "Madrid NC B-LOC\n, Fc O\n23 Z O\nmay NC O\n( Fpa O\nEFE NC B-ORG\n) Fpt O\n. Fp O\n\n\
                   - Fg O\n\nEl DA O\nministro NC O\ndijo VMI O\n\" Fe O\nno RN O\n\" Fe O\n. Fp O\n\n\
                   Lima NC B-LOC\n( Fpa O\nPerú NC B-LOC\n) Fpt O\n, Fc O\n24 Z O\nmay NC O\n( Fpa O\n\
                   EFECOM NC B-ORG\n) Fpt O\n. Fp O\n\n¿ Fia O\nQué PT O\n? Fit O\n";
        assert_eq!(
            conll_article_text(raw, 0).as_deref(),
            Some("Madrid, 23 may (EFE). - El ministro dijo \"no\".")
        );
        assert_eq!(
            conll_article_text(raw, 1).as_deref(),
            Some("Lima (Perú), 24 may (EFECOM). ¿Qué?")
        );
        assert_eq!(conll_article_text(raw, 2), None);
        // Through the harness: `file` is `<name>#<index>`, read from `<name>.xz`.
        let dir = std::env::temp_dir().join(format!("armsgraph-news-es-{}", std::process::id()));
        let folder = dir.join(CONLL_ES_SOURCE);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("esp.testa"), raw).unwrap();
        let texts = SharedTexts::with_sets_dir(&dir, &dir);
        let article = |file: &str| GoldArticle {
            source: CONLL_ES_SOURCE.into(),
            file: file.into(),
            split: "dev".into(),
            batch: None,
            annotated_to: None,
            events: Vec::new(),
            quotes: Vec::new(),
            text: None,
        };
        let text = texts.text(&article("esp.testa#1")).unwrap();
        assert!(text.starts_with("Lima (Perú)"), "{text}");
        let err = texts.text(&article("esp.testa#9")).unwrap_err();
        assert!(matches!(err, NewsEvalError::NoArticle { .. }), "{err}");
        // A missing source file names the source and the path.
        let err = texts.text(&article("esp.testb#0")).unwrap_err();
        assert!(
            err.to_string().contains(CONLL_ES_SOURCE) && err.to_string().contains("esp.testb"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_ner_uk_article_is_its_brat_txt_as_is() {
        let dir = std::env::temp_dir().join(format!("armsgraph-news-uk-{}", std::process::id()));
        let folder = dir.join(NER_UK_SOURCE).join("ner-uk-v2.0/v2.0/data/bruk");
        std::fs::create_dir_all(&folder).unwrap();
        let body = "Війська відійшли .\n\nМіністр заявив , що переговори тривають .\n";
        std::fs::write(folder.join("0a.txt"), format!("\u{feff}{body}")).unwrap();
        let texts = SharedTexts::with_sets_dir(&dir, &dir);
        let article = GoldArticle {
            source: NER_UK_SOURCE.into(),
            file: "ner-uk-v2.0/v2.0/data/bruk/0a.txt".into(),
            split: "dev".into(),
            batch: None,
            annotated_to: None,
            events: Vec::new(),
            quotes: Vec::new(),
            text: None,
        };
        let text = texts.text(&article).unwrap();
        assert_eq!(text, body);
        assert_eq!(anchor(&text, 20, "заявив", &text), Some(28));
        std::fs::remove_dir_all(&dir).unwrap();
        // No copy at all: the error names the dataset folder.
        let err = texts.text(&article).unwrap_err();
        assert!(err.to_string().contains("ner-uk-2.0"), "{err}");
    }

    #[test]
    fn a_french_article_gathers_its_sentence_ids_from_every_treebank_file() {
        let train = "# sent_id = annodis.er_00002\n# text = Les soldats sont partis.\n1\tLes\n\n\
                     # sent_id = Europar.550_00001\n# text = Autre.\n1\tAutre\n\n";
        let dev = "# sent_id = annodis.er_00001\n# text = Retrait des troupes\n1\tRetrait\n\n\
                   # sent_id = annodis.er_00004\n# text = Hors de l'article.\n1\tHors\n\n";
        let test = "# sent_id = annodis.er_00003\n# text = Le ministre l'a annoncé.\n1\tLe\n\n";
        assert_eq!(
            conllu_range_text(&[train, dev, test], "annodis.er_00001..annodis.er_00003").as_deref(),
            Some("Retrait des troupes\nLes soldats sont partis.\nLe ministre l'a annoncé.")
        );
        assert_eq!(
            conllu_range_text(&[train], "annodis.er_00005..annodis.er_00009"),
            None
        );
        assert_eq!(conllu_range_text(&[train], "annodis.er_00002"), None);
        // Through the harness, from .xz-less copies in place; GSD by `<file>#<sent_id>`.
        let dir = std::env::temp_dir().join(format!("armsgraph-news-fr-{}", std::process::id()));
        let sequoia = dir.join(SEQUOIA_SOURCE);
        let gsd = dir.join(FRENCH_GSD_SOURCE);
        std::fs::create_dir_all(&sequoia).unwrap();
        std::fs::create_dir_all(&gsd).unwrap();
        for (part, raw) in [("train", train), ("dev", dev), ("test", test)] {
            std::fs::write(sequoia.join(format!("fr_sequoia-ud-{part}.conllu")), raw).unwrap();
        }
        std::fs::write(gsd.join("fr_gsd-ud-dev.conllu"), dev).unwrap();
        let texts = SharedTexts::with_sets_dir(&dir, &dir);
        let article = |source: &str, file: &str| GoldArticle {
            source: source.into(),
            file: file.into(),
            split: "dev".into(),
            batch: None,
            annotated_to: None,
            events: Vec::new(),
            quotes: Vec::new(),
            text: None,
        };
        let text = texts
            .text(&article(
                SEQUOIA_SOURCE,
                "annodis.er_00002..annodis.er_00003",
            ))
            .unwrap();
        assert_eq!(text, "Les soldats sont partis.\nLe ministre l'a annoncé.");
        let text = texts
            .text(&article(
                FRENCH_GSD_SOURCE,
                "fr_gsd-ud-dev.conllu#annodis.er_00004",
            ))
            .unwrap();
        assert_eq!(text, "Hors de l'article.");
        let err = texts
            .text(&article(FRENCH_GSD_SOURCE, "fr_gsd-ud-test.conllu#x"))
            .unwrap_err();
        assert!(
            matches!(err, NewsEvalError::MissingSource { .. })
                && err.to_string().contains("UD_French-GSD"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn anchors_survive_changed_whitespace() {
        let gold_text = "Erster Satz.\n\nDie Armee  griff an. Dann griff die Polizei ein.";
        let system = "Erster Satz.\nDie Armee griff an. Dann griff die Polizei ein.";
        let off = gold_text.find("Dann").unwrap();
        let p = anchor(gold_text, off, "griff", system).unwrap();
        assert_eq!(&system[p..p + 5], "griff");
        assert_eq!(p, system.find("Dann griff").unwrap() + 5);
        let off = gold_text.find("Die Armee").unwrap();
        let p = anchor(gold_text, off, "griff", system).unwrap();
        assert_eq!(p, system.find("griff an").unwrap());
        assert_eq!(anchor(gold_text, 0, "fehlt", system), None);
    }
}
