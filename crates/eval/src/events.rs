//! Event coding scored on the PLOVER gold-standard records (English sentences from the CAMEO
//! manual, hand-coded to PLOVER): event-type accuracy and macro-F1 after the README's label
//! mapping (DEMAND → REQUEST; DISAPPROVE, INVESTIGATE → ACCUSE; FIGHT → ASSAULT), and
//! actor/recipient country-code set F1 (source and target codes pooled, order-free).
//!
//! Each sentence runs through the NLP stage (sentences, entity linking) and the event rules;
//! the predicted type of a sentence is that of its first event (PLOVER's intent convention applied: see [`plover_label`]),
//! `none` when no rule fires. The gold file is read in place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use armsgraph_events::EventReader;
use armsgraph_model::{Document, EntityKind, Event, Extraction, Paragraph, ParagraphKind, Span};
use armsgraph_nlp::Reader;
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum EventEvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not the PLOVER gold-standard JSON: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

#[derive(Deserialize)]
struct GsrRecord {
    #[serde(default)]
    event: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    source: serde_json::Value,
    #[serde(default)]
    target: serde_json::Value,
}

/// Map the 2016 draft labels to the current PLOVER manual (README of the gold set).
pub fn map_label(label: &str) -> String {
    match label {
        "DEMAND" => "REQUEST".into(),
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE".into(),
        "FIGHT" => "ASSAULT".into(),
        other => other.to_string(),
    }
}

fn codes(v: &serde_json::Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("code").and_then(|c| c.as_str()))
                .filter(|c| !c.is_empty())
                .map(|c| c.chars().take(3).collect())
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Debug, Clone, Default)]
pub struct EventReport {
    pub sentences: usize,
    pub correct: usize,
    /// Sentences where no rule fired.
    pub no_event: usize,
    /// Per type: (tp, fp, fn).
    pub per_type: BTreeMap<String, (usize, usize, usize)>,
    pub actor_tp: usize,
    pub actor_fp: usize,
    pub actor_fn: usize,
    pub seconds: f64,
}

impl EventReport {
    pub fn accuracy(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            self.correct as f64 / self.sentences as f64
        }
    }
    /// Macro-F1 over the gold types.
    pub fn macro_f1(&self) -> f64 {
        let gold_types: Vec<&(usize, usize, usize)> = self
            .per_type
            .iter()
            .filter(|(k, (tp, _, fn_))| k.as_str() != "none" && tp + fn_ > 0)
            .map(|(_, v)| v)
            .collect();
        if gold_types.is_empty() {
            return 0.0;
        }
        gold_types
            .iter()
            .map(|(tp, fp, fn_)| f1(*tp, *fp, *fn_))
            .sum::<f64>()
            / gold_types.len() as f64
    }
    pub fn actor_f1(&self) -> f64 {
        f1(self.actor_tp, self.actor_fp, self.actor_fn)
    }
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    crate::metrics::Counts::new(tp, fp, fn_).f1()
}

/// Read one English sentence through NLP and the event rules. Events naming no party are kept:
/// the gold set labels the type of every sentence, named party or not.
pub fn read_sentence(text: &str, nlp: &Reader, events: &EventReader) -> Extraction {
    let mut ex = Extraction {
        document: Document {
            id: "gsr".into(),
            language: Some("en".into()),
            text: text.to_string(),
            paragraphs: vec![Paragraph {
                span: Span::new(0, text.chars().count()),
                kind: ParagraphKind::Body,
            }],
            ..Default::default()
        },
        ..Default::default()
    };
    nlp.annotate(&mut ex);
    events.annotate_unanchored(&mut ex);
    ex
}

/// The PLOVER label of an event as the gold set codes it: an announced or intended act is
/// AGREE when cooperative and THREATEN when hostile (PLOVER's "express intent" convention);
/// our events keep the act's own type with factuality `future`.
pub fn plover_label(e: &Event) -> &'static str {
    use armsgraph_model::{EventType::*, Factuality};
    if e.factuality != Factuality::Future {
        return e.event_type.label();
    }
    match e.event_type {
        Support | Aid | Concede | Retreat | Consult | Cooperate | Agree => "AGREE",
        Coerce | Sanction | Assault | Protest | Reject | Mobilize | Threaten => "THREATEN",
        other => other.label(),
    }
}

/// An actor as the GSR codes it: at country level. A state is its alpha-3 code; a person
/// or place stands for the state the knowledge base places it in (the GSR codes "President
/// Bouteflika said" as DZA); an intergovernmental organisation or alliance is `IGO`.
fn gsr_code(
    kb: &armsgraph_kb::Kb,
    records: &[armsgraph_model::EntityRecord],
    entity: &str,
) -> Option<String> {
    let is_state = |c: &str| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase());
    if is_state(entity) {
        return Some(entity.to_string());
    }
    let Some(e) = kb.entity(entity) else {
        // A person known only from the text: the state it was read with (`Iraqi President
        // Saddam Hussein`).
        return records
            .iter()
            .find(|r| r.id == entity)
            .and_then(|r| r.affiliations.iter().find(|a| is_state(a)).cloned());
    };
    match e.kind {
        EntityKind::Organisation => matches!(
            e.category.as_deref(),
            Some("alliance" | "union" | "intergovernmental")
        )
        .then(|| "IGO".to_string()),
        _ => e.country.clone().or_else(|| {
            records
                .iter()
                .find(|r| r.id == entity)
                .and_then(|r| r.affiliations.iter().find(|a| is_state(a)).cloned())
        }),
    }
}

/// Score on `PLOVER_GSR_CAMEO.json` (a file, or a directory holding it).
pub fn evaluate_plover(
    path: &Path,
    nlp: &Reader,
    events: &EventReader,
) -> Result<EventReport, EventEvalError> {
    let file = if path.is_dir() {
        path.join("PLOVER_GSR_CAMEO.json")
    } else {
        path.to_path_buf()
    };
    let raw = std::fs::read_to_string(&file).map_err(|source| EventEvalError::Io {
        path: file.clone(),
        source,
    })?;
    let records: Vec<GsrRecord> =
        serde_json::from_str(&raw).map_err(|source| EventEvalError::Json {
            path: file.clone(),
            source,
        })?;
    let started = std::time::Instant::now();
    let mut r = EventReport::default();
    // Lists every miss on stderr, for tuning the rules.
    let debug = std::env::var_os("ARMSGRAPH_EVAL_DEBUG").is_some();
    for rec in records
        .iter()
        .filter(|r| r.event != "DOCUMENT" && !r.text.is_empty())
    {
        let gold = map_label(&rec.event);
        let ex = read_sentence(&rec.text, nlp, events);
        // The first trigger of a sentence is usually its main verb (`threatened to attack`,
        // `demanded that … ease`).
        let best = ex.events.first();
        let pred = best
            .map(|e| plover_label(e).to_string())
            .unwrap_or_else(|| "none".into());
        if debug && pred != gold {
            let rule = best.map(|e| e.evidence[0].rule.as_str()).unwrap_or("-");
            eprintln!("{gold}\t{pred}\t{rule}\t{}", rec.text);
        }
        r.sentences += 1;
        if best.is_none() {
            r.no_event += 1;
        }
        if pred == gold {
            r.correct += 1;
            r.per_type.entry(gold.clone()).or_default().0 += 1;
        } else {
            r.per_type.entry(pred.clone()).or_default().1 += 1;
            r.per_type.entry(gold.clone()).or_default().2 += 1;
        }
        let gold_codes: BTreeSet<String> = codes(&rec.source)
            .union(&codes(&rec.target))
            .cloned()
            .collect();
        let pred_codes: BTreeSet<String> = best
            .map(|e| {
                e.actors
                    .iter()
                    .chain(&e.recipients)
                    .filter_map(|p| gsr_code(nlp.kb(), &ex.actors, &p.entity))
                    .collect()
            })
            .unwrap_or_default();
        let tp = gold_codes.intersection(&pred_codes).count();
        if debug && gold_codes != pred_codes {
            let participants = |ps: &[armsgraph_model::Participant]| {
                ps.iter()
                    .map(|p| p.entity.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            let (rule, actors, recipients) = best
                .map(|e| {
                    (
                        e.evidence[0].rule.as_str(),
                        participants(&e.actors),
                        participants(&e.recipients),
                    )
                })
                .unwrap_or(("-", String::new(), String::new()));
            eprintln!(
                "ACTORS\tgold={gold_codes:?}\tpred={pred_codes:?}\t{rule} actors={actors} recipients={recipients}\t{}",
                rec.text
            );
        }
        r.actor_tp += tp;
        r.actor_fp += pred_codes.len() - tp;
        r.actor_fn += gold_codes.len() - tp;
    }
    r.seconds = started.elapsed().as_secs_f64();
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_to_the_current_manual() {
        assert_eq!(map_label("DEMAND"), "REQUEST");
        assert_eq!(map_label("FIGHT"), "ASSAULT");
        assert_eq!(map_label("AID"), "AID");
    }

    /// `cargo test -p armsgraph-eval --release -- --ignored plover --nocapture`
    #[test]
    #[ignore]
    fn plover_gsr_report() {
        let files = armsgraph_kb::DataFiles::Embedded;
        let events = EventReader::load(&files).unwrap();
        let nlp = Reader::load(&files).unwrap();
        let r = evaluate_plover(Path::new("/work/shared/data/plover-gsr"), &nlp, &events).unwrap();
        eprintln!("{:#?}", r.per_type);
        eprintln!(
            "sentences={} no_event={} accuracy={:.3} macro_f1={:.3} actor_f1={:.3}",
            r.sentences,
            r.no_event,
            r.accuracy(),
            r.macro_f1(),
            r.actor_f1()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// PETRARCH unit tests
// ---------------------------------------------------------------------------------------------

/// One PETRARCH unit-test record.
#[derive(Debug, Clone, Default)]
pub struct PetrarchRecord {
    pub id: String,
    pub category: String,
    pub text: String,
    /// `(source, target, CAMEO event code)`; empty when the record expects no event.
    pub codings: Vec<(String, String, String)>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=");
    let i = tag.find(&key)? + key.len();
    let rest = tag[i..].trim_start();
    let quote = rest.chars().next()?;
    let rest = &rest[quote.len_utf8()..];
    let end = rest.find(quote)?;
    Some(rest[..end].trim().to_string())
}

/// Read `PETR.UnitTest.records.xml` (string scanning: the file is flat and regular).
pub fn parse_petrarch_records(xml: &str) -> Vec<PetrarchRecord> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<Sentence ") {
        rest = &rest[i..];
        let end = rest.find("</Sentence>").unwrap_or(rest.len());
        let block = &rest[..end];
        let tag_end = block.find('>').unwrap_or(block.len());
        let tag = &block[..tag_end];
        let mut rec = PetrarchRecord {
            id: attr(tag, "id").unwrap_or_default(),
            category: attr(tag, "category").unwrap_or_default(),
            ..Default::default()
        };
        let mut b = block;
        while let Some(j) = b.find("<EventCoding") {
            b = &b[j..];
            let e = b.find('>').unwrap_or(b.len());
            let t = &b[..e];
            if let (Some(s), Some(tg), Some(ev)) = (
                attr(t, "sourcecode"),
                attr(t, "targetcode"),
                attr(t, "eventcode"),
            ) {
                rec.codings.push((s, tg, ev));
            }
            b = &b[e.min(b.len())..];
        }
        if let (Some(a), Some(z)) = (block.find("<Text>"), block.find("</Text>")) {
            if a + 6 <= z {
                rec.text = block[a + 6..z]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
            }
        }
        if !rec.text.is_empty() {
            out.push(rec);
        }
        rest = &rest[end.min(rest.len())..];
        if rest.len() <= 1 {
            break;
        }
        rest = &rest[1..];
    }
    out
}

/// Actor dictionary lines `NAME [CODE]` with `+SYNONYM` lines under them; `_` is a space.
pub fn parse_petrarch_actors(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut code: Option<String> = None;
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('<') {
            continue;
        }
        let (name_part, code_part) = match line.find('[') {
            Some(i) => (line[..i].trim(), Some(&line[i..])),
            None => (line, None),
        };
        if let Some(c) = code_part {
            let c = c
                .trim_start_matches('[')
                .split([']', ' ', '<'])
                .next()
                .unwrap_or("")
                .trim();
            let valid = !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric());
            if !name_part.is_empty() && !name_part.starts_with('+') {
                pending = vec![name_part.to_string()];
                code = None;
            }
            if valid && code.is_none() {
                code = Some(c.to_string());
                for n in pending.drain(..) {
                    out.push((n.replace('_', " ").trim().to_string(), c.to_string()));
                }
            }
        } else if let Some(syn) = name_part.strip_prefix('+') {
            match &code {
                Some(c) => out.push((syn.replace('_', " ").trim().to_string(), c.clone())),
                None => pending.push(syn.to_string()),
            }
        } else {
            pending = vec![name_part.to_string()];
            code = None;
        }
    }
    out.retain(|(n, _)| !n.is_empty());
    // Longest names first, so `Ithilen Military` wins over `Ithilen`.
    out.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    out
}

/// CAMEO code → PLOVER label, from `CAMEO2PLOVER-2021.txt` (`072: AID, , military`).
pub fn parse_cameo2plover(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let label = rest.split(',').next().unwrap_or("").trim();
        if !code.is_empty() && code.chars().all(|c| c.is_ascii_digit()) && !label.is_empty() {
            out.entry(code.to_string())
                .or_insert_with(|| label.to_string());
        }
    }
    out
}

fn plover_of(code: &str, table: &BTreeMap<String, String>) -> Option<String> {
    (1..=code.len())
        .rev()
        .find_map(|n| table.get(&code[..n]).cloned())
        .map(|l| map_label(&l))
}

fn mentions_from_dictionary(
    text: &str,
    actors: &[(String, String)],
) -> Vec<armsgraph_model::Mention> {
    let lower = text.to_lowercase();
    let idx = armsgraph_model::TextIndex::new(text);
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for (name, code) in actors {
        let needle = name.to_lowercase();
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|s| s.find(&needle)) {
            let b = from + p;
            let e = b + needle.len();
            from = e;
            let before_ok = lower[..b]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = lower[e..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if !before_ok || !after_ok || taken.iter().any(|(x, y)| b < *y && *x < e) {
                continue;
            }
            taken.push((b, e));
            // Lower-case text is the same length as the original only for ASCII names.
            if !text.is_char_boundary(b) || !text.is_char_boundary(e) {
                continue;
            }
            out.push(armsgraph_model::Mention {
                span: idx.span(b, e),
                text: text[b..e].to_string(),
                entity: code.clone(),
                kind: armsgraph_model::EntityKind::State,
                name: name.clone(),
                rule: "petrarch-actors".into(),
                confidence: 1.0,
                ..Default::default()
            });
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

#[derive(Debug, Clone, Default)]
pub struct PetrarchReport {
    pub records: usize,
    pub gold_triples: usize,
    pub predicted_triples: usize,
    /// (source, target, PLOVER type of the gold CAMEO code), actor codes cut to 3 letters.
    pub triple: (usize, usize, usize),
    /// (source, target) only.
    pub dyad: (usize, usize, usize),
    /// PLOVER type only (per sentence, as a set).
    pub event: (usize, usize, usize),
    /// Per category: triple (tp, fp, fn).
    pub per_category: BTreeMap<String, (usize, usize, usize)>,
}

fn multiset_counts<T: Ord + Clone>(sys: &[T], gold: &[T]) -> (usize, usize, usize) {
    let mut g: Vec<T> = gold.to_vec();
    let mut tp = 0;
    for s in sys {
        if let Some(i) = g.iter().position(|x| x == s) {
            g.remove(i);
            tp += 1;
        }
    }
    (tp, sys.len() - tp, gold.len() - tp)
}

fn add3(a: &mut (usize, usize, usize), b: (usize, usize, usize)) {
    a.0 += b.0;
    a.1 += b.1;
    a.2 += b.2;
}

/// F1 of a `(tp, fp, fn)` triple.
pub fn f1_of(c: (usize, usize, usize)) -> f64 {
    f1(c.0, c.1, c.2)
}

/// Score on the PETRARCH unit tests in `dir` (records, Validate actor dictionary) with the PLOVER
/// mapping `cameo2plover` (the plover-gsr table). The fictional actors are loaded as an extra
/// dictionary for this evaluation only; events come from the English rules.
pub fn evaluate_petrarch(
    dir: &Path,
    cameo2plover: &Path,
    events: &EventReader,
) -> Result<PetrarchReport, EventEvalError> {
    let read = |p: PathBuf| {
        std::fs::read_to_string(&p).map_err(|source| EventEvalError::Io {
            path: p.clone(),
            source,
        })
    };
    let records = parse_petrarch_records(&read(dir.join("PETR.UnitTest.records.xml"))?);
    let actors = parse_petrarch_actors(&read(dir.join("PETR.Validate.actors.txt"))?);
    let table = parse_cameo2plover(&read(cameo2plover.to_path_buf())?);
    let mut r = PetrarchReport::default();
    let cut = |c: &str| c.chars().take(3).collect::<String>();
    for rec in &records {
        let mut ex = Extraction {
            document: Document {
                id: rec.id.clone(),
                language: Some("en".into()),
                text: rec.text.clone(),
                ..Default::default()
            },
            entities: mentions_from_dictionary(&rec.text, &actors),
            ..Default::default()
        };
        events.annotate(&mut ex);
        let mut sys = Vec::new();
        for e in &ex.events {
            let label = plover_label(e).to_string();
            let targets: Vec<String> = if e.recipients.is_empty() {
                vec!["---".into()]
            } else {
                e.recipients.iter().map(|p| cut(&p.entity)).collect()
            };
            for a in &e.actors {
                for t in &targets {
                    sys.push((cut(&a.entity), t.clone(), label.clone()));
                }
            }
        }
        let gold: Vec<(String, String, String)> = rec
            .codings
            .iter()
            .filter_map(|(s, t, c)| Some((cut(s), cut(t), plover_of(c, &table)?)))
            .collect();
        if std::env::var_os("ARMSGRAPH_EVAL_DEBUG").is_some() {
            eprintln!("{}\t{:?}\t{:?}\t{}", rec.id, gold, sys, rec.text);
        }
        r.records += 1;
        r.gold_triples += gold.len();
        r.predicted_triples += sys.len();
        let t = multiset_counts(&sys, &gold);
        add3(&mut r.triple, t);
        add3(r.per_category.entry(rec.category.clone()).or_default(), t);
        let dy = |v: &[(String, String, String)]| {
            v.iter()
                .map(|(a, b, _)| (a.clone(), b.clone()))
                .collect::<Vec<_>>()
        };
        add3(&mut r.dyad, multiset_counts(&dy(&sys), &dy(&gold)));
        let ev = |v: &[(String, String, String)]| {
            let set: BTreeSet<String> = v.iter().map(|(_, _, e)| e.clone()).collect();
            set.into_iter().collect::<Vec<_>>()
        };
        add3(&mut r.event, multiset_counts(&ev(&sys), &ev(&gold)));
    }
    Ok(r)
}

#[cfg(test)]
mod petrarch_tests {
    use super::*;

    #[test]
    fn actor_dictionary_reads_synonyms_and_codes() {
        let text = "MORDOR  [MOR]\n+BARAD-DUR\nITHILEN MILITARY  [ITHMIL]\nONODOHER  \n\t[ONO <911226] \n# comment\n";
        let a = parse_petrarch_actors(text);
        assert!(a.contains(&("MORDOR".into(), "MOR".into())));
        assert!(a.contains(&("BARAD-DUR".into(), "MOR".into())));
        assert!(a.contains(&("ONODOHER".into(), "ONO".into())));
        assert_eq!(a[0].0, "ITHILEN MILITARY");
    }

    #[test]
    fn records_and_cameo_table_parse() {
        let xml = "<Sentences><Sentence date=\"1\" id=\"X-1\" category=\"DEMO\">\n<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n<Text>\nArnor met\nGondor.\n</Text></Sentence></Sentences>";
        let recs = parse_petrarch_records(xml);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].text, "Arnor met Gondor.");
        assert_eq!(recs[0].codings[0].2, "064");
        let table =
            parse_cameo2plover("06: COOPERATE\n064: COOPERATE,   , intelligence  # Share\n");
        assert_eq!(plover_of("064", &table).as_deref(), Some("COOPERATE"));
        assert_eq!(plover_of("0641", &table).as_deref(), Some("COOPERATE"));
    }

    /// `cargo test -p armsgraph-eval --release -- --ignored petrarch --nocapture`
    #[test]
    #[ignore]
    fn petrarch_report() {
        let events = EventReader::load(&armsgraph_kb::DataFiles::Embedded).unwrap();
        let r = evaluate_petrarch(
            Path::new("/work/shared/data/petrarch-unittest"),
            Path::new("/work/shared/data/plover-gsr/CAMEO2PLOVER-2021.txt"),
            &events,
        )
        .unwrap();
        eprintln!("{:#?}", r.per_category);
        eprintln!(
            "records={} gold={} predicted={} triple_f1={:.3} dyad_f1={:.3} event_f1={:.3}",
            r.records,
            r.gold_triples,
            r.predicted_triples,
            f1_of(r.triple),
            f1_of(r.dyad),
            f1_of(r.event)
        );
    }
}
