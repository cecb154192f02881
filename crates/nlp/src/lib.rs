//! NLP: language, sentences, entity mentions, people and roles, and time expressions.

pub mod language;
pub mod segment;
pub mod time;

use armsgraph_kb::{DataError, DataFiles};
use armsgraph_model::Extraction;

/// The reading stage, loaded once from the data files.
pub struct Reader {}

impl Reader {
    pub fn load(_files: &DataFiles) -> Result<Reader, DataError> {
        Ok(Reader {})
    }

    /// Fill `sentences`, `entities`, `actors`, `times` (and `document.language` when unknown).
    pub fn annotate(&self, _ex: &mut Extraction) {}
}
