//! Actor countries scored on the PLOVER gold-standard records (CAMEO manual examples).
//!
//! As the set's README describes: for each record, the set of predicted state codes is
//! compared with the gold `source[].code` ∪ `target[].code`, and true/false positives and
//! false negatives are summed over all records (micro precision, recall, F1). Each record's
//! `text` goes through the NLP reader in English. Predicted codes are the states of the
//! record's mentions: named or inflected (`Hungarian`), standing behind an office holder,
//! members of a group, and — for capitals and other places — the state they lie in
//! (`Tokyo` → JPN, as the gold codes places that act).
//!
//! Gold codes that are not ISO 3166-1 states are mapped or left out: the CAMEO-era country
//! codes `JAP`, `ITL`, `VTN` become `JPN`, `ITA`, `VNM`; the sector-like codes `IGO`, `NGO`,
//! `IMG`, `ISM` (international organisations, NGOs, militant groups) name no state and are
//! dropped. The data is CC BY-SA and read in place.

use crate::metrics::Counts;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use armsgraph_model::{EntityKind, Mention};
use armsgraph_nlp::Reader;
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum ActorEvalError {
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
    #[error("loading the language data: {0}")]
    Data(#[from] armsgraph_kb::DataError),
}

/// The gold file inside the data directory.
pub const GOLD_FILE: &str = "PLOVER_GSR_CAMEO.json";

#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    event: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    source: serde_json::Value,
    #[serde(default)]
    target: serde_json::Value,
}

/// One scored record, for listing the worst.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordResult {
    pub id: String,
    pub text: String,
    pub gold: BTreeSet<String>,
    pub predicted: BTreeSet<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorReport {
    pub records: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub results: Vec<RecordResult>,
}

impl ActorReport {
    pub fn counts(&self) -> Counts {
        Counts::new(self.tp, self.fp, self.fn_)
    }
    pub fn precision(&self) -> f64 {
        self.counts().precision()
    }
    pub fn recall(&self) -> f64 {
        self.counts().recall()
    }
    pub fn f1(&self) -> f64 {
        self.counts().f1()
    }
}

/// A gold actor code as an ISO alpha-3 state code, or `None` when it names no state.
pub fn normalise_gold_code(code: &str) -> Option<String> {
    let code = code.trim().to_uppercase();
    match code.as_str() {
        "" | "IGO" | "NGO" | "IMG" | "ISM" => None,
        "JAP" => Some("JPN".into()),
        "ITL" => Some("ITA".into()),
        "VTN" => Some("VNM".into()),
        _ => Some(code),
    }
}

fn gold_codes(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    if let Some(list) = value.as_array() {
        for actor in list {
            if let Some(code) = actor
                .get("code")
                .and_then(|c| c.as_str())
                .and_then(normalise_gold_code)
            {
                out.insert(code);
            }
        }
    }
}

/// The state codes a set of mentions stands for.
pub fn predicted_states(reader: &Reader, mentions: &[Mention]) -> BTreeSet<String> {
    let kb = reader.kb();
    let mut out = BTreeSet::new();
    for m in mentions {
        match m.kind {
            EntityKind::State => {
                out.insert(m.entity.clone());
            }
            EntityKind::Group => out.extend(m.members.iter().cloned()),
            EntityKind::Place => {
                if let Some(c) = kb.country_of(&m.entity) {
                    out.insert(c.to_string());
                }
            }
            _ => {}
        }
    }
    out
}

/// Loads the NLP reader from `files` and scores `dir` (see [`evaluate`]).
pub fn evaluate_with_data(
    files: &armsgraph_kb::DataFiles,
    dir: &Path,
    limit: Option<usize>,
) -> Result<ActorReport, ActorEvalError> {
    let reader = Reader::load(files)?;
    evaluate(&reader, dir, limit)
}

/// Scores `dir/PLOVER_GSR_CAMEO.json` (or `dir` itself when it is the file).
pub fn evaluate(
    reader: &Reader,
    dir: &Path,
    limit: Option<usize>,
) -> Result<ActorReport, ActorEvalError> {
    let path = if dir.is_dir() {
        dir.join(GOLD_FILE)
    } else {
        dir.to_path_buf()
    };
    let text = std::fs::read_to_string(&path).map_err(|source| ActorEvalError::Io {
        path: path.clone(),
        source,
    })?;
    let records: Vec<Record> =
        serde_json::from_str(&text).map_err(|source| ActorEvalError::Json {
            path: path.clone(),
            source,
        })?;
    let mut report = ActorReport::default();
    for record in records
        .iter()
        .filter(|r| r.event != "DOCUMENT" && !r.text.trim().is_empty())
        .take(limit.unwrap_or(usize::MAX))
    {
        let mut gold = BTreeSet::new();
        gold_codes(&record.source, &mut gold);
        gold_codes(&record.target, &mut gold);
        let mentions = reader.mentions_in(&record.text, "en");
        let predicted = predicted_states(reader, &mentions);
        report.tp += predicted.intersection(&gold).count();
        report.fp += predicted.difference(&gold).count();
        report.fn_ += gold.difference(&predicted).count();
        report.records += 1;
        report.results.push(RecordResult {
            id: match &record.id {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            },
            text: record.text.clone(),
            gold,
            predicted,
        });
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_codes_map_cameo_spellings_and_drop_non_states() {
        assert_eq!(normalise_gold_code("JAP").as_deref(), Some("JPN"));
        assert_eq!(normalise_gold_code("IGO"), None);
        assert_eq!(normalise_gold_code("usa").as_deref(), Some("USA"));
    }

    #[test]
    fn a_record_scores_its_states() {
        let reader = Reader::load(&armsgraph_kb::DataFiles::Embedded).unwrap();
        let dir = std::env::temp_dir().join(format!("armsgraph-plover-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(GOLD_FILE),
            r#"[{"event":"DOCUMENT"},
               {"id":"t1","event":"AGREE","text":"Jordan and Britain have agreed to undertake joint military exercises this month.",
                "source":[{"actorText":"Jordan","code":"JOR"},{"actorText":"Britain","code":"GBR"}],"target":""}]"#,
        )
        .unwrap();
        let report = evaluate(&reader, &dir, None).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(report.records, 1);
        assert_eq!((report.tp, report.fp, report.fn_), (2, 0, 0));
    }
}
