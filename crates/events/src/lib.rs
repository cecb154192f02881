//! Events and quotes, from trigger rules in `data/events/*.toml`.

use armsgraph_kb::{DataError, DataFiles};
use armsgraph_model::Extraction;

pub struct EventReader {}

impl EventReader {
    pub fn load(_files: &DataFiles) -> Result<EventReader, DataError> {
        Ok(EventReader {})
    }

    /// Fill `events` and `quotes` from an extraction whose NLP fields are filled.
    pub fn annotate(&self, _ex: &mut Extraction) {}
}
