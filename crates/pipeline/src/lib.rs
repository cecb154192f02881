//! The pipeline: one raw document flows through extract → nlp → events → alerts and comes out
//! as an [`Extraction`]. The CLI and the server both read documents through here, so the two
//! can never disagree.

pub mod reprocess;

use std::time::{Duration, Instant};

use armsgraph_events::EventReader;
use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::{DataError, DataFiles};
use armsgraph_model::{DatedValue, Deadline, Extraction, RawDocument, STOPPED_BY_TIME_BUDGET};
use armsgraph_nlp::Reader;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("loading data files: {0}")]
    Data(#[from] DataError),
    #[error(transparent)]
    Extract(#[from] armsgraph_extract::ExtractError),
    /// The document took longer than the per-document time budget; it is stopped so that a
    /// batch (or the web app's ingest queue) goes on.
    #[error("stopped after {seconds:.1} s, at the {stage} stage{place}: over the time budget of {budget_seconds} s per document")]
    TimeBudget {
        stage: &'static str,
        /// Where inside the stage, when it stopped in its loops (` (stopped at the time
        /// budget in syntax, sentence 1200 of 40000; …)`), else empty.
        place: String,
        seconds: f64,
        budget_seconds: u64,
    },
}

/// How long one document may take through the reading stages unless the caller says
/// otherwise. Ordinary news articles take milliseconds; the budget only stops pathological
/// input (tens of megabytes of text) from holding a batch.
pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(60);

/// The clock of one document: when it started, its budget, and the [`Deadline`] handed to
/// the stages, which stop their sentence loops once it has passed.
#[derive(Debug, Clone, Copy)]
struct Clock {
    started: Instant,
    budget: Option<Duration>,
    deadline: Deadline,
}

impl Clock {
    fn start(budget: Option<Duration>) -> Clock {
        Clock {
            started: Instant::now(),
            budget,
            deadline: budget.map_or(Deadline::NONE, Deadline::after),
        }
    }

    /// After a stage: past the budget, the document fails with the stage's name and, when the
    /// stage stopped inside its loops, where (from its `stopped_by_time_budget` warning).
    fn check(&self, stage: &'static str, ex: Option<&Extraction>) -> Result<(), PipelineError> {
        let Some(budget) = self.budget else {
            return Ok(());
        };
        let elapsed = self.started.elapsed();
        if elapsed > budget || self.deadline.passed() {
            let place = ex
                .and_then(|ex| {
                    ex.warnings
                        .iter()
                        .find(|w| w.code == STOPPED_BY_TIME_BUDGET)
                })
                .map(|w| format!(" ({})", w.message))
                .unwrap_or_default();
            return Err(PipelineError::TimeBudget {
                stage,
                place,
                seconds: elapsed.as_secs_f64(),
                budget_seconds: budget.as_secs(),
            });
        }
        Ok(())
    }
}

/// Options a user can set per run.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Publication date (`YYYY-MM-DD`) to anchor relative times when the document has none.
    pub published: Option<String>,
    /// Language (ISO 639-1) when the user knows it.
    pub language: Option<String>,
}

/// All stages, loaded once.
pub struct Pipeline {
    extractor: armsgraph_extract::Extractor,
    nlp: Reader,
    events: EventReader,
    /// Alliance memberships and treaties, for the alerts one document raises on its own.
    reference: ReferenceData,
    /// How long one document may take ([`DEFAULT_TIME_BUDGET`]; `None`: no limit).
    time_budget: Option<Duration>,
}

impl Pipeline {
    pub fn load(files: &DataFiles) -> Result<Pipeline, PipelineError> {
        let nlp = Reader::load(files)?;
        let reference = ReferenceData::load(files)?;
        // The event stage needs the same knowledge base and alliances: share them rather than
        // parse the files a second time.
        let events = EventReader::with_knowledge(files, nlp.kb().clone(), reference.clone())?;
        Ok(Pipeline {
            extractor: armsgraph_extract::Extractor::load(files)?,
            nlp,
            events,
            reference,
            time_budget: Some(DEFAULT_TIME_BUDGET),
        })
    }

    /// The same pipeline with another per-document time budget (`None`: no limit).
    pub fn with_time_budget(mut self, budget: Option<Duration>) -> Pipeline {
        self.time_budget = budget;
        self
    }

    /// Read one raw document through every stage.
    pub fn read(&self, raw: &RawDocument, opts: &ReadOptions) -> Result<Extraction, PipelineError> {
        let clock = Clock::start(self.time_budget);
        let mut ex = self.extract(raw, opts)?;
        clock.check("extract", Some(&ex))?;
        self.annotate_until(&mut ex, clock)?;
        Ok(ex)
    }

    /// The cheap first stage only: clean text and metadata (enough to know the content hash),
    /// with the user's options applied.
    pub fn extract(
        &self,
        raw: &RawDocument,
        opts: &ReadOptions,
    ) -> Result<Extraction, PipelineError> {
        let mut ex = self.extractor.extract(raw)?;
        if ex.document.published.is_none() {
            if let Some(date) = &opts.published {
                ex.document.published = Some(DatedValue {
                    value: date.clone(),
                    source: "user".to_string(),
                });
            }
        }
        if let Some(lang) = &opts.language {
            ex.document.language = Some(lang.clone());
            ex.document.language_source = Some("user".to_string());
        }
        Ok(ex)
    }

    /// The reading stages on an extracted document: nlp, events, then the alerts the
    /// document raises against the reference data. A document still running past the time
    /// budget is stopped with [`PipelineError::TimeBudget`]; what it holds then is partial
    /// and must not be stored.
    pub fn annotate(&self, ex: &mut Extraction) -> Result<(), PipelineError> {
        self.annotate_until(ex, Clock::start(self.time_budget))
    }

    fn annotate_until(&self, ex: &mut Extraction, clock: Clock) -> Result<(), PipelineError> {
        // The stages stop inside their sentence loops at the deadline; the checks after each
        // turn that into this document's failure (its partial result is never returned).
        self.nlp.annotate_until(ex, clock.deadline);
        clock.check("nlp", Some(ex))?;
        // Plain text has no language until nlp detects it; only then can a copy be told to
        // be a translation of its original.
        armsgraph_extract::update_translation(&mut ex.document);
        self.events.annotate_until(ex, clock.deadline);
        clock.check("events", Some(ex))?;
        ex.alerts = armsgraph_analysis::alerts_for_extraction(ex, &self.reference);
        clock.check("alerts", Some(ex))?;
        Ok(())
    }

    /// The knowledge base the reading stages use.
    pub fn kb(&self) -> &armsgraph_kb::Kb {
        self.nlp.kb()
    }

    /// The event stage (evaluation reruns it to list the events it drops).
    pub fn events(&self) -> &EventReader {
        &self.events
    }

    /// The reference data the pipeline judges alerts against.
    pub fn reference(&self) -> &ReferenceData {
        &self.reference
    }
}
