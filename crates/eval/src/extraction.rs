//! Main-text extraction scored on the scrapinghub article-extraction-benchmark (AEB) and on
//! any set in its layout (the Dragnet and L3S-GN1 caches `scripts/extraction_sets.py` writes).
//!
//! The metric is the benchmark's own (`evaluate.py` in scrapinghub/article-extraction-benchmark):
//! texts become runs of word characters (`\w+`, no lower-casing), then a multiset of
//! overlapping 4-token shingles (a text of 1–3 tokens is one short shingle, an empty text none).
//! Per document, TP/FP/FN are the multiset intersection and the two differences, normalised to
//! sum to 1 so every page weighs the same. Precision is the mean over documents with a
//! non-empty prediction, recall the mean over documents with a non-empty gold, and F1 the
//! harmonic mean of those two means (not a mean of per-document F1s).
//!
//! **Headlines.** Sets differ on whether the gold body opens with the headline: Dragnet's does,
//! AEB's (schema.org `articleBody`) and L3S-GN1's (the headline blocks are kept apart) do not.
//! The extractors keep the headline in their text. So that no extractor is scored on a
//! convention rather than on its text, a set whose gold texts mostly do not open with the
//! page's headline (under [`HEADLINE_GOLD_SHARE`] of its pages) is scored without a
//! prediction's leading line when that line is the page's headline (an `<h1>` or the
//! `<title>`, [`page_headlines`]) — for every engine alike, in [`evaluate`]. The report
//! keeps the benchmark's own figure too ([`ExtractionReport::raw`]).
//!
//! The benchmark directory is read in place (`html/<id>.html.gz`, `ground-truth.json`); nothing
//! from it is copied. A set's ground truth may also carry a `headline` (the title gold) and a
//! `language` per page; [`MetadataSummary`] scores the extractor's title and language against
//! them, and counts the pages it dates.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum ExtractionEvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not the benchmark's ground truth: {source}")]
    GroundTruth {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{path}: no pages found (expected html/<id>.html.gz next to ground-truth.json)")]
    NoPages { path: PathBuf },
}

/// One benchmark page: its gold article body and the raw HTML bytes (UTF-8 in AEB).
#[derive(Debug, Clone)]
pub struct BenchmarkPage {
    pub id: String,
    pub url: String,
    pub gold: String,
    pub html: String,
    /// Gold title, when the set has one (L3S-GN1's headline blocks).
    pub headline: Option<String>,
    /// Gold language code, when the set states one.
    pub language: Option<String>,
    /// The page's headline candidates as lower-cased `\w+` tokens: its `<h1>` texts and its
    /// `<title>` (whole, and without the publisher suffix).
    pub headlines: Vec<Vec<String>>,
}

#[derive(Deserialize)]
struct GroundTruthEntry {
    #[serde(rename = "articleBody", default)]
    article_body: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    headline: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

fn read_ground_truth(dir: &Path) -> Result<HashMap<String, GroundTruthEntry>, ExtractionEvalError> {
    let gt_path = dir.join("ground-truth.json");
    let raw = std::fs::read_to_string(&gt_path).map_err(|source| ExtractionEvalError::Io {
        path: gt_path.clone(),
        source,
    })?;
    serde_json::from_str(&raw).map_err(|source| ExtractionEvalError::GroundTruth {
        path: gt_path.clone(),
        source,
    })
}

/// The gold article body of every page of the set in `dir` (`ground-truth.json` only, no
/// HTML), by page id: the news gold set reads its L3S-GN1 texts from here, so both harnesses
/// score against one definition of a page's main text.
pub fn gold_bodies(dir: &Path) -> Result<HashMap<String, String>, ExtractionEvalError> {
    Ok(read_ground_truth(dir)?
        .into_iter()
        .map(|(id, e)| (id, e.article_body))
        .collect())
}

/// Where `scripts/extraction_sets.py` writes its sets by default: `$ARMSGRAPH_CACHE/extraction-dev`,
/// else `~/.cache/armsgraph/extraction-dev` (the script's own rule).
pub fn default_sets_dir() -> Option<PathBuf> {
    let root = match std::env::var_os("ARMSGRAPH_CACHE") {
        Some(base) if !base.is_empty() => PathBuf::from(base),
        _ => PathBuf::from(std::env::var_os("HOME")?)
            .join(".cache")
            .join("armsgraph"),
    };
    Some(root.join("extraction-dev"))
}

/// Load every page of the benchmark in `dir`, sorted by id. `limit` keeps the first `n`.
pub fn load_benchmark(
    dir: &Path,
    limit: Option<usize>,
) -> Result<Vec<BenchmarkPage>, ExtractionEvalError> {
    let truth = read_ground_truth(dir)?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    if let Some(n) = limit {
        ids.truncate(n);
    }
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let html_path = dir.join("html").join(format!("{id}.html.gz"));
        let html = read_gzip_text(&html_path)?;
        let Some(entry) = truth.get(id) else { continue };
        pages.push(BenchmarkPage {
            id: id.clone(),
            url: entry.url.clone(),
            gold: entry.article_body.clone(),
            headlines: page_headlines(&html),
            html,
            headline: entry.headline.clone().filter(|h| !h.trim().is_empty()),
            language: entry.language.clone().filter(|l| !l.trim().is_empty()),
        });
    }
    if pages.is_empty() {
        return Err(ExtractionEvalError::NoPages {
            path: dir.to_path_buf(),
        });
    }
    Ok(pages)
}

fn read_gzip_text(path: &Path) -> Result<String, ExtractionEvalError> {
    let file = std::fs::File::open(path).map_err(|source| ExtractionEvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|source| ExtractionEvalError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    // The benchmark states its pages are UTF-8; a stray invalid byte must not drop a page.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `\w+` tokens: Unicode letters, digits and `_`, as Python's `re` understands `\w`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Lower-cased `\w+` tokens of a line.
fn norm_tokens(text: &str) -> Vec<String> {
    tokens(text).iter().map(|w| w.to_lowercase()).collect()
}

/// A set whose gold texts open with the page's headline on at least this share of its pages
/// keeps the headline in its gold (Dragnet: 0.47 of train pages open with an exact `<h1>` or
/// `<title>`; AEB 0.0, L3S-GN1 0.01).
pub const HEADLINE_GOLD_SHARE: f64 = 0.2;

/// The headline candidates of a page: the text of each `<h1>` and the `<title>`, whole and
/// without its publisher suffix, as lower-cased `\w+` tokens.
pub fn page_headlines(html: &str) -> Vec<Vec<String>> {
    use armsgraph_extract::html::{Page, Tag};
    let page = Page::parse(&armsgraph_extract::preclean::clean(html));
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut add = |t: &str| {
        let toks = norm_tokens(t);
        if !toks.is_empty() && !out.contains(&toks) {
            out.push(toks);
        }
    };
    for (i, node) in page.nodes.iter().enumerate() {
        if node.tag == Tag::H1 {
            add(&page.text_under(i as u32));
        }
    }
    if let Some(title) = page.title.as_deref() {
        add(title);
        add(&armsgraph_extract::metadata::split_title_publisher(title).0);
    }
    out
}

/// The first non-blank line of a text.
fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// Does `text` open with one of the page's headlines (its whole first line)?
fn opens_with_headline(text: &str, headlines: &[Vec<String>]) -> bool {
    let first = norm_tokens(first_line(text));
    !first.is_empty() && headlines.contains(&first)
}

/// `text` without its leading line when that line is one of the page's headlines.
pub fn without_headline<'a>(text: &'a str, headlines: &[Vec<String>]) -> &'a str {
    if !opens_with_headline(text, headlines) {
        return text;
    }
    // `first` is a slice of `text`: the rest starts where it ends.
    let first = first_line(text);
    let at = first.as_ptr() as usize - text.as_ptr() as usize + first.len();
    text.get(at..).unwrap_or("")
}

/// Whether a set's gold keeps the headline: the share of its pages whose gold opens with it
/// reaches [`HEADLINE_GOLD_SHARE`].
pub fn gold_keeps_headline(pages: &[BenchmarkPage]) -> bool {
    let with = pages
        .iter()
        .filter(|p| opens_with_headline(&p.gold, &p.headlines))
        .count();
    !pages.is_empty() && with as f64 >= HEADLINE_GOLD_SHARE * pages.len() as f64
}

/// Multiset of 4-token shingles (one short shingle for 1–3 tokens, none for none).
fn shingles<'a>(toks: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut out: HashMap<Vec<&str>, usize> = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    if toks.len() < 4 {
        *out.entry(toks.to_vec()).or_default() += 1;
        return out;
    }
    for w in toks.windows(4) {
        *out.entry(w.to_vec()).or_default() += 1;
    }
    out
}

/// Per-document TP/FP/FN, normalised to sum to 1 (all zero when both texts are empty).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DocScore {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
    /// Same token sequence as the gold.
    pub exact: bool,
}

impl DocScore {
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0.0).then(|| self.tp / (self.tp + self.fp))
    }
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0.0).then(|| self.tp / (self.tp + self.fn_))
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (
            self.precision().unwrap_or(0.0),
            self.recall().unwrap_or(0.0),
        );
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

/// Score one prediction against its gold body.
pub fn score_document(predicted: &str, gold: &str) -> DocScore {
    let (pt, gt) = (tokens(predicted), tokens(gold));
    let (ps, gs) = (shingles(&pt), shingles(&gt));
    let mut tp = 0usize;
    let mut fp = 0usize;
    for (sh, &n) in &ps {
        let m = gs.get(sh).copied().unwrap_or(0);
        tp += n.min(m);
        fp += n.saturating_sub(m);
    }
    let fn_: usize = gs
        .iter()
        .map(|(sh, &m)| m.saturating_sub(ps.get(sh).copied().unwrap_or(0)))
        .sum();
    let total = (tp + fp + fn_) as f64;
    let norm = |x: usize| if total > 0.0 { x as f64 / total } else { 0.0 };
    DocScore {
        tp: norm(tp),
        fp: norm(fp),
        fn_: norm(fn_),
        exact: pt == gt,
    }
}

/// The benchmark's summary numbers over a set of per-document scores.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Summary {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    pub accuracy: f64,
    pub docs: usize,
}

pub fn summarise(scores: &[DocScore]) -> Summary {
    let mean = |xs: Vec<f64>| {
        if xs.is_empty() {
            0.0
        } else {
            xs.iter().sum::<f64>() / xs.len() as f64
        }
    };
    let precision = mean(scores.iter().filter_map(DocScore::precision).collect());
    let recall = mean(scores.iter().filter_map(DocScore::recall).collect());
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let accuracy = mean(
        scores
            .iter()
            .map(|s| if s.exact { 1.0 } else { 0.0 })
            .collect(),
    );
    Summary {
        f1,
        precision,
        recall,
        accuracy,
        docs: scores.len(),
    }
}

/// Bootstrap standard deviation of F1 (documents resampled with replacement), with a fixed
/// seed so two runs print the same figure.
pub fn bootstrap_f1_sd(scores: &[DocScore], samples: usize) -> f64 {
    if scores.is_empty() || samples == 0 {
        return 0.0;
    }
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        // xorshift64*: enough randomness for resampling, no dependency.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let f1s: Vec<f64> = (0..samples)
        .map(|_| {
            let sample: Vec<DocScore> = (0..scores.len())
                .map(|_| scores[(next() % scores.len() as u64) as usize])
                .collect();
            summarise(&sample).f1
        })
        .collect();
    let mean = f1s.iter().sum::<f64>() / f1s.len() as f64;
    (f1s.iter().map(|f| (f - mean).powi(2)).sum::<f64>() / f1s.len() as f64).sqrt()
}

/// What an extractor said about a page: its text and, when it reads metadata, the rest.
#[derive(Debug, Clone, Default)]
pub struct Prediction {
    pub text: String,
    pub title: Option<String>,
    /// Language code: declared by the page, else detected in the text.
    pub language: Option<String>,
    /// Publication date (`YYYY-MM-DD…`).
    pub published: Option<String>,
}

impl From<String> for Prediction {
    fn from(text: String) -> Prediction {
        Prediction {
            text,
            ..Default::default()
        }
    }
}

/// One page's result, for the per-run report.
#[derive(Debug, Clone)]
pub struct PageResult {
    pub id: String,
    pub url: String,
    pub score: DocScore,
    /// Extraction failed (counted as an empty prediction).
    pub error: Option<String>,
    /// The predicted article text (empty on error).
    pub text: String,
    pub title: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
}

/// Metadata figures over the pages whose gold has them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MetadataSummary {
    /// Pages with a gold title, and how many predicted titles equal it (same lower-cased
    /// `\w+` tokens).
    pub title_gold: usize,
    pub title_exact: usize,
    /// Mean token F1 of predicted against gold titles (no title = 0).
    pub title_token_f1: f64,
    /// Pages with a gold language, and how many got that language.
    pub language_gold: usize,
    pub language_correct: usize,
    /// Pages given a publication date (no set has date gold).
    pub dated: usize,
    pub docs: usize,
}

/// Title, language and date figures of a run.
pub fn metadata_summary(pages: &[BenchmarkPage], results: &[PageResult]) -> MetadataSummary {
    let mut m = MetadataSummary {
        docs: results.len(),
        ..Default::default()
    };
    let norm = |t: &str| -> Vec<String> { tokens(t).iter().map(|w| w.to_lowercase()).collect() };
    let mut f1_sum = 0.0;
    for (page, result) in pages.iter().zip(results) {
        if let Some(gold) = &page.headline {
            m.title_gold += 1;
            let (g, p) = (norm(gold), norm(result.title.as_deref().unwrap_or("")));
            if !g.is_empty() && g == p {
                m.title_exact += 1;
            }
            f1_sum += token_f1(&p, &g);
        }
        if let Some(gold) = &page.language {
            m.language_gold += 1;
            if result
                .language
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case(gold))
            {
                m.language_correct += 1;
            }
        }
        if result.published.is_some() {
            m.dated += 1;
        }
    }
    if m.title_gold > 0 {
        m.title_token_f1 = f1_sum / m.title_gold as f64;
    }
    m
}

/// Bag-of-tokens F1 of two token lists.
fn token_f1(predicted: &[String], gold: &[String]) -> f64 {
    if predicted.is_empty() || gold.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for g in gold {
        *counts.entry(g).or_default() += 1;
    }
    let mut common = 0usize;
    for p in predicted {
        if let Some(c) = counts.get_mut(p.as_str()).filter(|c| **c > 0) {
            *c -= 1;
            common += 1;
        }
    }
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (
        common as f64 / predicted.len() as f64,
        common as f64 / gold.len() as f64,
    );
    2.0 * p * r / (p + r)
}

/// The outcome of one run over the benchmark.
#[derive(Debug, Clone)]
pub struct ExtractionReport {
    pub engine: String,
    /// The figures as scored: on a set whose gold leaves the headline out, without a
    /// prediction's leading headline line (see the module doc).
    pub summary: Summary,
    /// The benchmark's own figures, every prediction scored whole.
    pub raw: Summary,
    /// The set's gold keeps the headline ([`gold_keeps_headline`]): predictions scored whole.
    pub gold_has_headline: bool,
    pub f1_sd: f64,
    pub pages: Vec<PageResult>,
    pub elapsed: Duration,
    pub html_bytes: usize,
    pub metadata: MetadataSummary,
}

impl ExtractionReport {
    /// The `n` pages with the lowest F1, worst first.
    pub fn worst(&self, n: usize) -> Vec<&PageResult> {
        let mut pages: Vec<&PageResult> = self.pages.iter().collect();
        pages.sort_by(|a, b| a.score.f1().total_cmp(&b.score.f1()));
        pages.truncate(n);
        pages
    }
}

/// Run `extract` (page → main text, and metadata when the extractor reads it) over every
/// page and score it.
pub fn evaluate<F, P>(pages: &[BenchmarkPage], engine: &str, mut extract: F) -> ExtractionReport
where
    F: FnMut(&BenchmarkPage) -> Result<P, String>,
    P: Into<Prediction>,
{
    let mut results = Vec::with_capacity(pages.len());
    let mut raw_scores = Vec::with_capacity(pages.len());
    let gold_has_headline = gold_keeps_headline(pages);
    let mut elapsed = Duration::ZERO;
    for page in pages {
        let start = Instant::now();
        let out = extract(page).map(Into::into);
        elapsed += start.elapsed();
        let (prediction, error) = match out {
            Ok(p) => (p, None),
            Err(e) => (Prediction::default(), Some(e)),
        };
        raw_scores.push(score_document(&prediction.text, &page.gold));
        let scored = if gold_has_headline {
            prediction.text.as_str()
        } else {
            without_headline(&prediction.text, &page.headlines)
        };
        results.push(PageResult {
            id: page.id.clone(),
            url: page.url.clone(),
            score: score_document(scored, &page.gold),
            error,
            text: prediction.text,
            title: prediction.title,
            language: prediction.language,
            published: prediction.published,
        });
    }
    let metadata = metadata_summary(pages, &results);
    let scores: Vec<DocScore> = results.iter().map(|r| r.score).collect();
    ExtractionReport {
        engine: engine.to_string(),
        summary: summarise(&scores),
        raw: summarise(&raw_scores),
        gold_has_headline,
        f1_sd: bootstrap_f1_sd(&scores, 200),
        pages: results,
        elapsed,
        html_bytes: pages.iter().map(|p| p.html.len()).sum(),
        metadata,
    }
}

/// Score an armsgraph [`Extractor`](armsgraph_extract::Extractor) (its configured engine) on
/// the benchmark pages: the text scored is exactly `Document::text` for the page.
pub fn evaluate_extractor(
    pages: &[BenchmarkPage],
    extractor: &armsgraph_extract::Extractor,
) -> ExtractionReport {
    evaluate(pages, extractor.engine().name(), |page| {
        let raw = armsgraph_model::RawDocument {
            origin: page.id.clone(),
            kind: armsgraph_model::SourceKind::Html,
            url: Some(page.url.clone()).filter(|u| !u.is_empty()),
            is_html: true,
            body: page.html.clone(),
            ..Default::default()
        };
        let doc = extractor.extract(&raw).map_err(|e| e.to_string())?.document;
        // The pipeline detects the language of a page that declares none, so the score
        // does too (its time counts in `eval`'s ms/page; `bench` times extraction alone).
        let language = doc
            .language
            .clone()
            .or_else(|| armsgraph_nlp::language::detect(&doc.text).map(|d| d.code));
        Ok::<_, String>(Prediction {
            title: doc.title,
            language,
            published: doc.published.map(|d| d.value),
            text: doc.text,
        })
    })
}

/// `<repo>/../shared/data/article-extraction-benchmark`, when it exists (tests and demos).
pub fn default_benchmark_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/article-extraction-benchmark");
    dir.join("ground-truth.json").is_file().then_some(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unicode_word_runs() {
        assert_eq!(
            tokens("Der Waffen-Deal, 2024: naïve_x ²!"),
            vec!["Der", "Waffen", "Deal", "2024", "naïve_x", "²"]
        );
        assert!(tokens(" ,. ").is_empty());
    }

    #[test]
    fn identical_texts_score_one() {
        let s = score_document("a b c d e f", "a b c d e f");
        assert_eq!((s.tp, s.fp, s.fn_), (1.0, 0.0, 0.0));
        assert!(s.exact);
    }

    #[test]
    fn shingle_multiset_counts_duplicates() {
        // gold has 3 shingles; the prediction repeats the text: 9 shingles, each gold one
        // twice, plus three bridging the repeat (d e f a, e f a b, f a b c):
        // tp 3, fp 3 + 3, fn 0, normalised by 9.
        let s = score_document("a b c d e f a b c d e f", "a b c d e f");
        assert!((s.tp - 3.0 / 9.0).abs() < 1e-9, "{s:?}");
        assert!((s.fp - 6.0 / 9.0).abs() < 1e-9);
        assert_eq!(s.fn_, 0.0);
    }

    fn page(gold: &str, html: &str) -> BenchmarkPage {
        BenchmarkPage {
            id: "x".into(),
            url: String::new(),
            gold: gold.into(),
            html: html.into(),
            headline: None,
            language: None,
            headlines: page_headlines(html),
        }
    }

    #[test]
    fn a_leading_headline_is_not_scored_where_the_gold_leaves_it_out() {
        let html = "<html><head><title>Drohnen für Baku – Zeitung</title></head>\
                    <body><h1>Drohnen für Baku</h1><p>a b c d e</p></body></html>";
        let p = page("a b c d e", html);
        assert!(!gold_keeps_headline(std::slice::from_ref(&p)));
        // The same for every engine: a first line that is the h1 or the title goes.
        assert_eq!(
            without_headline("Drohnen für Baku\n\na b c d e", &p.headlines),
            "\n\na b c d e"
        );
        assert_eq!(
            without_headline("drohnen FÜR baku Zeitung\na b", &p.headlines),
            "\na b"
        );
        // Any other first line stays, and so does a headline later in the text.
        let t = "Drohnen für Baku heute\nDrohnen für Baku";
        assert_eq!(without_headline(t, &p.headlines), t);
        let r = evaluate(&[p], "t", |_| {
            Ok::<_, String>("Drohnen für Baku\n\na b c d e".to_string())
        });
        assert_eq!(r.summary.precision, 1.0);
        assert!(r.raw.precision < 1.0);
        assert!(!r.gold_has_headline);
    }

    #[test]
    fn a_gold_that_opens_with_the_headline_is_scored_whole() {
        let html = "<html><body><h1>Drohnen für Baku</h1><p>a b c d e</p></body></html>";
        let p = page("Drohnen für Baku\na b c d e", html);
        assert!(gold_keeps_headline(std::slice::from_ref(&p)));
        let r = evaluate(&[p], "t", |_| Ok::<_, String>("a b c d e".to_string()));
        assert!(r.gold_has_headline);
        assert!(r.summary.recall < 1.0);
        assert_eq!(r.summary, r.raw);
    }

    #[test]
    fn short_texts_are_one_shingle_and_empty_prediction_has_no_precision() {
        assert_eq!(score_document("a b", "a b").tp, 1.0);
        let empty = score_document("", "a b c d e");
        assert_eq!(empty.precision(), None);
        assert_eq!(empty.recall(), Some(0.0));
        let sum = summarise(&[empty, score_document("a b c d e", "a b c d e")]);
        // precision averages only the one non-empty prediction; recall averages both.
        assert_eq!(sum.precision, 1.0);
        assert_eq!(sum.recall, 0.5);
        assert!((sum.f1 - 2.0 / 3.0).abs() < 1e-9);
    }
}
