//! The pipeline: one raw document flows through extract → nlp → events → alerts and comes out
//! as an [`Extraction`]. The CLI and the server both read documents through here, so the two
//! can never disagree.

use std::time::{Duration, Instant};

use armsgraph_events::EventReader;
use armsgraph_kb::reference::ReferenceData;
use armsgraph_kb::{DataError, DataFiles};
use armsgraph_model::{DatedValue, Extraction, RawDocument};
use armsgraph_nlp::Reader;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("loading data files: {0}")]
    Data(#[from] DataError),
    #[error(transparent)]
    Extract(#[from] armsgraph_extract::ExtractError),
    /// The document took longer than the per-document time budget; it is stopped so that a
    /// batch (or the web app's ingest queue) goes on.
    #[error("stopped after {seconds:.1} s, at the {stage} stage: over the time budget of {budget_seconds} s per document")]
    TimeBudget {
        stage: &'static str,
        seconds: f64,
        budget_seconds: u64,
    },
}

/// How long one document may take through the reading stages unless the caller says
/// otherwise. Ordinary news articles take milliseconds; the budget only stops pathological
/// input (tens of megabytes of text) from holding a batch.
pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(60);

/// When the document being read must be done by, checked between stages and inside their
/// sentence loops.
#[derive(Debug, Clone, Copy)]
struct Deadline {
    started: Instant,
    budget: Option<Duration>,
}

impl Deadline {
    fn start(budget: Option<Duration>) -> Deadline {
        Deadline {
            started: Instant::now(),
            budget,
        }
    }

    fn check(&self, stage: &'static str) -> Result<(), PipelineError> {
        let Some(budget) = self.budget else {
            return Ok(());
        };
        let elapsed = self.started.elapsed();
        if elapsed > budget {
            return Err(PipelineError::TimeBudget {
                stage,
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
        let deadline = Deadline::start(self.time_budget);
        let mut ex = self.extract(raw, opts)?;
        deadline.check("extract")?;
        self.annotate_until(&mut ex, deadline)?;
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
        self.annotate_until(ex, Deadline::start(self.time_budget))
    }

    fn annotate_until(&self, ex: &mut Extraction, deadline: Deadline) -> Result<(), PipelineError> {
        self.nlp.annotate(ex);
        deadline.check("nlp")?;
        // Plain text has no language until nlp detects it; only then can a copy be told to
        // be a translation of its original.
        armsgraph_extract::update_translation(&mut ex.document);
        self.events.annotate(ex);
        deadline.check("events")?;
        ex.alerts = armsgraph_analysis::alerts_for_extraction(ex, &self.reference);
        deadline.check("alerts")?;
        Ok(())
    }

    /// The knowledge base the reading stages use.
    pub fn kb(&self) -> &armsgraph_kb::Kb {
        self.nlp.kb()
    }

    /// The reference data the pipeline judges alerts against.
    pub fn reference(&self) -> &ReferenceData {
        &self.reference
    }
}
