//! The pipeline: one raw document flows through extract → nlp → events → alerts and comes out
//! as an [`Extraction`]. The CLI and the server both read documents through here, so the two
//! can never disagree.

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
        })
    }

    /// Read one raw document through every stage.
    pub fn read(&self, raw: &RawDocument, opts: &ReadOptions) -> Result<Extraction, PipelineError> {
        let mut ex = self.extract(raw, opts)?;
        self.annotate(&mut ex);
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
    /// document raises against the reference data.
    pub fn annotate(&self, ex: &mut Extraction) {
        self.nlp.annotate(ex);
        // Plain text has no language until nlp detects it; only then can a copy be told to
        // be a translation of its original.
        armsgraph_extract::update_translation(&mut ex.document);
        self.events.annotate(ex);
        ex.alerts = armsgraph_analysis::alerts_for_extraction(ex, &self.reference);
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
