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
use armsgraph_model::{Document, Event, Extraction, Paragraph, ParagraphKind, Span};
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
    if tp == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    }
}

/// Read one English sentence through NLP and the event rules.
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
    events.annotate(&mut ex);
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
                    .map(|p| p.entity.clone())
                    .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
                    .collect()
            })
            .unwrap_or_default();
        let tp = gold_codes.intersection(&pred_codes).count();
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
