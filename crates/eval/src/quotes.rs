//! Quotations scored on GermEval 2023 SpkAtt task 2 (German Wikinews, cue/source/message/
//! addressee), as the task organisers describe the metric.
//!
//! Each JSON file gives tokenised sentences; the text is rebuilt from the tokens (keeping a
//! token → char map), read by the NLP entity linker and the quote extractor, and predicted
//! spans are mapped back to tokens. System cues are aligned one-to-one with gold cues by
//! token overlap (largest overlap first); unaligned system cues and their roles are false
//! positives, unaligned gold cues and their roles false negatives, and roles count only on
//! aligned cues. Counts are per token. Gold annotations without a cue (free indirect speech)
//! cannot be aligned, so their roles are false negatives. `joint` pools cue and role counts.
//! The data is read in place (CC BY-NC-SA: never copied into the repository).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use armsgraph_events::EventReader;
use armsgraph_model::{
    Document, Extraction, Paragraph, ParagraphKind, Quote, QuoteKind, Sentence, Span,
};
use armsgraph_nlp::Reader;
use serde::Deserialize;

pub use crate::news::Split;

#[derive(Debug, thiserror::Error)]
pub enum QuoteEvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a SpkAtt JSON file: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("no SpkAtt JSON files under {0}")]
    Empty(PathBuf),
}

/// True/false positives and false negatives, in tokens.
pub use crate::metrics::Counts;

#[derive(Debug, Clone, Default)]
pub struct QuoteReport {
    pub documents: usize,
    pub gold_annotations: usize,
    pub gold_without_cue: usize,
    pub predicted: usize,
    pub cue: Counts,
    /// Source, Message, Addr pooled.
    pub role: Counts,
    pub source: Counts,
    pub message: Counts,
    pub addressee: Counts,
    pub joint: Counts,
    /// Role tokens of gold annotations without a cue (free indirect speech), all counted as
    /// false negatives in `role`: how much of the role recall they cost.
    pub role_fn_without_cue: usize,
    pub seconds: f64,
}

#[derive(Deserialize)]
struct SpkDoc {
    #[serde(rename = "Sentences")]
    sentences: Vec<SpkSentence>,
    #[serde(rename = "Annotations", default)]
    annotations: Vec<SpkAnnotation>,
}

#[derive(Deserialize)]
struct SpkSentence {
    #[serde(rename = "SentenceId")]
    id: usize,
    #[serde(rename = "Tokens")]
    tokens: Vec<String>,
}

#[derive(Deserialize, Default)]
struct SpkAnnotation {
    #[serde(rename = "Cue", default)]
    cue: Vec<String>,
    #[serde(rename = "Source", default)]
    source: Vec<String>,
    #[serde(rename = "Message", default)]
    message: Vec<String>,
    #[serde(rename = "Addr", default)]
    addr: Vec<String>,
}

/// One annotation (gold or system) as sets of global token indices.
#[derive(Debug, Default, Clone)]
struct Ann {
    cue: HashSet<usize>,
    roles: [HashSet<usize>; 3],
}

/// A document rebuilt from its tokens.
struct Rebuilt {
    text: String,
    /// Char span of every token, in document order.
    tokens: Vec<Span>,
    /// `(sentence id, token index)` → global token index.
    index: std::collections::HashMap<(usize, usize), usize>,
    sentences: Vec<Span>,
}

fn is_open_mark(t: &str) -> bool {
    matches!(t, "„" | "»" | "“" | "‚" | "(" | "«" | "[")
}

fn no_space_before(t: &str) -> bool {
    matches!(
        t,
        "." | "," | ";" | ":" | "!" | "?" | ")" | "“" | "”" | "«" | "‘" | "]" | "%"
    )
}

/// Rebuild readable text: no space after an opening mark or before punctuation and closing
/// marks; straight `"` alternate between opening and closing.
fn rebuild(doc: &SpkDoc) -> Rebuilt {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut tokens = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut sentences = Vec::new();
    let mut straight_open = false;
    let mut glue_next = false;
    for s in &doc.sentences {
        let s_start = chars + usize::from(!text.is_empty());
        for (ti, tok) in s.tokens.iter().enumerate() {
            let mut closing = no_space_before(tok);
            let mut opening = is_open_mark(tok);
            if tok == "\"" {
                if straight_open {
                    closing = true;
                } else {
                    opening = true;
                }
                straight_open = !straight_open;
            }
            if !text.is_empty() && !closing && !glue_next {
                text.push(' ');
                chars += 1;
            }
            let len = tok.chars().count();
            index.insert((s.id, ti), tokens.len());
            tokens.push(Span::new(chars, chars + len));
            text.push_str(tok);
            chars += len;
            glue_next = opening;
        }
        sentences.push(Span::new(s_start.min(chars), chars));
    }
    Rebuilt {
        text,
        tokens,
        index,
        sentences,
    }
}

fn ids_to_set(ids: &[String], rb: &Rebuilt) -> HashSet<usize> {
    ids.iter()
        .filter_map(|id| {
            let (s, t) = id.split_once(':')?;
            rb.index.get(&(s.parse().ok()?, t.parse().ok()?)).copied()
        })
        .collect()
}

fn span_to_set(span: Span, rb: &Rebuilt) -> HashSet<usize> {
    let start = rb.tokens.partition_point(|t| t.end <= span.start);
    (start..rb.tokens.len())
        .take_while(|&i| rb.tokens[i].start < span.end)
        .collect()
}

fn system_ann(q: &Quote, rb: &Rebuilt) -> Ann {
    let mut a = Ann::default();
    if let Some(c) = q.cue {
        a.cue = span_to_set(c, rb);
    }
    if let Some(sp) = q.speaker.as_ref().and_then(|s| s.span) {
        a.roles[0] = span_to_set(sp, rb);
    }
    // SpkAtt's messages of direct quotations include the quotation marks; ours do not (the
    // message is the quoted text). Widen by adjacent marks before mapping to tokens.
    let mut message = span_to_set(q.message, rb);
    if q.kind == QuoteKind::Direct {
        let lo = message.iter().min().copied();
        let hi = message.iter().max().copied();
        let is_mark = |i: usize| {
            rb.tokens.get(i).is_some_and(|t| {
                let tok: String = rb.text.chars().skip(t.start).take(t.len()).collect();
                tok.chars().count() == 1 && tok.chars().all(|c| "\"„“”«»‚‘’‹›".contains(c))
            })
        };
        if let Some(lo) = lo.filter(|&lo| lo > 0 && is_mark(lo - 1)) {
            message.insert(lo - 1);
        }
        if let Some(hi) = hi.filter(|&hi| is_mark(hi + 1)) {
            message.insert(hi + 1);
        }
    }
    a.roles[1] = message;
    if let Some(sp) = q.addressee.as_ref().and_then(|s| s.span) {
        a.roles[2] = span_to_set(sp, rb);
    }
    a
}

fn counts(sys: &HashSet<usize>, gold: &HashSet<usize>) -> Counts {
    let tp = sys.intersection(gold).count();
    Counts {
        tp,
        fp: sys.len() - tp,
        fn_: gold.len() - tp,
    }
}

/// Score one document's system annotations against gold (adds into `r`).
#[allow(clippy::needless_range_loop)] // three parallel role arrays
fn score_doc(sys: &[Ann], gold: &[Ann], r: &mut QuoteReport) {
    let gold_cued: Vec<&Ann> = gold.iter().filter(|g| !g.cue.is_empty()).collect();
    let sys_cued: Vec<&Ann> = sys.iter().filter(|s| !s.cue.is_empty()).collect();
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, s) in sys_cued.iter().enumerate() {
        for (j, g) in gold_cued.iter().enumerate() {
            let o = s.cue.intersection(&g.cue).count();
            if o > 0 {
                pairs.push((o, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut sys_used = vec![false; sys_cued.len()];
    let mut gold_used = vec![false; gold_cued.len()];
    let mut role_counts = [Counts::default(); 3];
    for (_, i, j) in pairs {
        if sys_used[i] || gold_used[j] {
            continue;
        }
        sys_used[i] = true;
        gold_used[j] = true;
        r.cue.add(counts(&sys_cued[i].cue, &gold_cued[j].cue));
        for k in 0..3 {
            role_counts[k].add(counts(&sys_cued[i].roles[k], &gold_cued[j].roles[k]));
        }
    }
    let empty = HashSet::new();
    for (i, s) in sys_cued.iter().enumerate().filter(|(i, _)| !sys_used[*i]) {
        let _ = i;
        r.cue.add(counts(&s.cue, &empty));
        for k in 0..3 {
            role_counts[k].add(counts(&s.roles[k], &empty));
        }
    }
    for (j, g) in gold_cued.iter().enumerate().filter(|(j, _)| !gold_used[*j]) {
        let _ = j;
        r.cue.add(counts(&empty, &g.cue));
        for k in 0..3 {
            role_counts[k].add(counts(&empty, &g.roles[k]));
        }
    }
    for g in gold.iter().filter(|g| g.cue.is_empty()) {
        for k in 0..3 {
            role_counts[k].add(counts(&empty, &g.roles[k]));
            r.role_fn_without_cue += g.roles[k].len();
        }
    }
    r.source.add(role_counts[0]);
    r.message.add(role_counts[1]);
    r.addressee.add(role_counts[2]);
    for c in role_counts {
        r.role.add(c);
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), QuoteEvalError> {
    let entries = std::fs::read_dir(dir).map_err(|source| QuoteEvalError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for e in entries {
        let e = e.map_err(|source| QuoteEvalError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let p = e.path();
        if p.is_dir() {
            json_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
    Ok(())
}

/// Score the quote extractor on every SpkAtt JSON file under `dir`.
/// The readable text of one SpkAtt JSON file, rebuilt from its tokens exactly as this harness
/// reads it (the real-news gold set in `tests/gold/news` counts its offsets in this text).
pub fn spkatt_text(raw_json: &str) -> Result<String, serde_json::Error> {
    let doc: SpkDoc = serde_json::from_str(raw_json)?;
    Ok(rebuild(&doc).text)
}

pub fn evaluate_spkatt(
    dir: &Path,
    events: &EventReader,
    nlp: &Reader,
) -> Result<QuoteReport, QuoteEvalError> {
    evaluate_spkatt_split(dir, Split::All, &HashMap::new(), events, nlp)
}

/// The article id of a SpkAtt file: the number its name starts with (`10022 - Der Astronaut
/// … .json` → `10022`), else the whole file stem.
pub fn spkatt_article_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.split_once(" - ") {
        Some((id, _)) if !id.trim().is_empty() => id.trim().to_string(),
        _ => stem,
    }
}

/// The half of SpkAtt train an article falls in: FNV-1a (64 bit) of its article id, even →
/// dev, odd → test. Stable across runs, machines and file orders (no randomness, no listing
/// order), about 50/50. `pinned` overrides it for articles another gold set has already put
/// in a split (the real-news gold set in `tests/gold/news` codes 32 SpkAtt train articles,
/// half of them in its unseen test split: they must stay out of the half we tune on).
pub fn spkatt_half(id: &str, pinned: &HashMap<String, Split>) -> Split {
    if let Some(&s) = pinned.get(id) {
        return s;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    if h & 1 == 0 {
        Split::Dev
    } else {
        Split::Test
    }
}

/// The articles the real-news gold files under `news_gold` (`*.jsonl`, `tests/gold/news`) take
/// from SpkAtt, by article id, with the split they put each in. Missing files give none.
pub fn news_gold_pins(news_gold: &Path) -> HashMap<String, Split> {
    let mut out = HashMap::new();
    let Ok(entries) = std::fs::read_dir(news_gold) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "jsonl") {
            continue;
        }
        let Ok(articles) = crate::news::read_gold(&p) else {
            continue;
        };
        for a in articles.iter().filter(|a| a.source.contains("spkatt")) {
            let split = match a.split.as_str() {
                "dev" => Split::Dev,
                "test" => Split::Test,
                _ => continue,
            };
            out.insert(spkatt_article_id(Path::new(&a.file)), split);
        }
    }
    out
}

/// Score the quote extractor on the SpkAtt JSON files under `dir` that fall in `split` (see
/// [`spkatt_half`]; `Split::All` scores every file).
pub fn evaluate_spkatt_split(
    dir: &Path,
    split: Split,
    pinned: &HashMap<String, Split>,
    events: &EventReader,
    nlp: &Reader,
) -> Result<QuoteReport, QuoteEvalError> {
    let mut files = Vec::new();
    json_files(dir, &mut files)?;
    files.sort();
    if split != Split::All {
        files.retain(|f| spkatt_half(&spkatt_article_id(f), pinned) == split);
    }
    if files.is_empty() {
        return Err(QuoteEvalError::Empty(dir.to_path_buf()));
    }
    let started = std::time::Instant::now();
    let mut report = QuoteReport::default();
    for path in &files {
        let raw = std::fs::read_to_string(path).map_err(|source| QuoteEvalError::Io {
            path: path.clone(),
            source,
        })?;
        let doc: SpkDoc = serde_json::from_str(&raw).map_err(|source| QuoteEvalError::Json {
            path: path.clone(),
            source,
        })?;
        let rb = rebuild(&doc);
        let document = Document {
            id: format!("spkatt{}", report.documents),
            language: Some("de".into()),
            text: rb.text.clone(),
            paragraphs: vec![Paragraph {
                span: Span::new(0, rb.text.chars().count()),
                kind: ParagraphKind::Body,
            }],
            ..Default::default()
        };
        let sentences: Vec<Sentence> = rb
            .sentences
            .iter()
            .map(|s| Sentence {
                span: *s,
                paragraph: 0,
            })
            .collect();
        let found = nlp.read_entities(&document, &sentences, "de");
        let ex = Extraction {
            document,
            sentences,
            entities: found.mentions,
            actors: found.actors,
            ..Default::default()
        };
        let quotes = events.quotes_only(&ex, "de");
        let sys: Vec<Ann> = quotes.iter().map(|q| system_ann(q, &rb)).collect();
        let gold: Vec<Ann> = doc
            .annotations
            .iter()
            .map(|a| Ann {
                cue: ids_to_set(&a.cue, &rb),
                roles: [
                    ids_to_set(&a.source, &rb),
                    ids_to_set(&a.message, &rb),
                    ids_to_set(&a.addr, &rb),
                ],
            })
            .collect();
        if std::env::var_os("ARMSGRAPH_EVAL_DEBUG").is_some() {
            let words = |set: &HashSet<usize>| {
                let mut v: Vec<usize> = set.iter().copied().collect();
                v.sort_unstable();
                v.iter()
                    .map(|&i| {
                        rb.text
                            .chars()
                            .skip(rb.tokens[i].start)
                            .take(rb.tokens[i].len())
                            .collect::<String>()
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            for g in gold.iter().filter(|g| !g.cue.is_empty()) {
                if !sys.iter().any(|s| !s.cue.is_disjoint(&g.cue)) {
                    // The sentence of the cue, to read the miss in its context.
                    let c = g.cue.iter().min().copied().unwrap_or(0);
                    let at = rb.tokens[c].start;
                    let sent: String = rb
                        .sentences
                        .iter()
                        .find(|s| s.start <= at && at < s.end.max(s.start + 1))
                        .map(|s| rb.text.chars().skip(s.start).take(s.len()).collect())
                        .unwrap_or_default();
                    eprintln!(
                        "MISS\t{}\t{}\t{}\t{}",
                        words(&g.cue),
                        words(&g.roles[0]),
                        words(&g.roles[1]),
                        sent
                    );
                }
            }
            for s in sys
                .iter()
                .filter(|s| !gold.iter().any(|g| !s.cue.is_disjoint(&g.cue)))
            {
                eprintln!("FP\t{}\t{}", words(&s.cue), words(&s.roles[1]));
            }
            for s in &sys {
                if let Some(g) = gold.iter().find(|g| !s.cue.is_disjoint(&g.cue)) {
                    eprintln!(
                        "HIT\t{}\t{}\t{}",
                        words(&s.cue),
                        words(&s.roles[1]),
                        words(&g.roles[1])
                    );
                }
            }
        }
        report.documents += 1;
        report.predicted += sys.len();
        report.gold_annotations += gold.len();
        report.gold_without_cue += gold.iter().filter(|g| g.cue.is_empty()).count();
        score_doc(&sys, &gold, &mut report);
    }
    report.joint = report.cue;
    report.joint.add(report.role);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[usize]) -> HashSet<usize> {
        v.iter().copied().collect()
    }

    #[test]
    fn alignment_is_one_to_one_and_roles_count_only_on_aligned_cues() {
        let gold = vec![Ann {
            cue: set(&[5]),
            roles: [set(&[3, 4]), set(&[6, 7, 8]), set(&[])],
        }];
        let sys = vec![
            Ann {
                cue: set(&[5]),
                roles: [set(&[4]), set(&[6, 7, 8, 9]), set(&[])],
            },
            Ann {
                cue: set(&[5, 6]),
                roles: [set(&[1]), set(&[]), set(&[])],
            },
        ];
        let mut r = QuoteReport::default();
        score_doc(&sys, &gold, &mut r);
        assert_eq!(
            r.cue,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 0
            }
        );
        assert_eq!(
            r.source,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            r.message,
            Counts {
                tp: 3,
                fp: 1,
                fn_: 0
            }
        );
    }

    #[test]
    fn halves_are_stable_balanced_and_pinned_articles_keep_their_split() {
        let none = HashMap::new();
        let id = spkatt_article_id(Path::new("train/10022 - Der Astronaut (2005-08-05).json"));
        assert_eq!(id, "10022");
        assert_eq!(spkatt_half(&id, &none), spkatt_half("10022", &none));
        let dev = (0..1000)
            .filter(|i| spkatt_half(&i.to_string(), &none) == Split::Dev)
            .count();
        assert!((400..600).contains(&dev), "{dev} of 1000 in dev");
        let other = match spkatt_half("10022", &none) {
            Split::Dev => Split::Test,
            _ => Split::Dev,
        };
        let pinned: HashMap<String, Split> = [("10022".to_string(), other)].into();
        assert_eq!(spkatt_half("10022", &pinned), other);
    }

    #[test]
    fn rebuilt_text_keeps_quotes_tight() {
        let doc = SpkDoc {
            sentences: vec![SpkSentence {
                id: 0,
                tokens: ["Er", "sagte", ":", "„", "Ja", "“", "."]
                    .map(String::from)
                    .to_vec(),
            }],
            annotations: vec![],
        };
        let rb = rebuild(&doc);
        assert_eq!(rb.text, "Er sagte: „Ja“.");
        assert_eq!(rb.tokens[4], Span::new(11, 13));
    }

    /// `cargo test -p armsgraph-eval --release -- --ignored spkatt --nocapture`
    #[test]
    #[ignore]
    fn spkatt_train_report() {
        let dir = std::env::var("SPKATT_DIR")
            .unwrap_or_else(|_| "/work/shared/data/spkatt-2023-de/task2-news".into());
        let files = armsgraph_kb::DataFiles::Embedded;
        let events = EventReader::load(&files).unwrap();
        let nlp = Reader::load(&files).unwrap();
        let r = evaluate_spkatt(Path::new(&dir), &events, &nlp).unwrap();
        eprintln!("{r:#?}");
        eprintln!(
            "cue_f1={:.3} role_f1={:.3} joint_f1={:.3} source_f1={:.3} message_f1={:.3}",
            r.cue.f1(),
            r.role.f1(),
            r.joint.f1(),
            r.source.f1(),
            r.message.f1()
        );
    }
}
