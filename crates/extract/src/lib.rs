//! Extract: the clean article text and its metadata from a [`RawDocument`].

pub mod blocks;
pub mod engine;

use armsgraph_model::{Document, Extraction, RawDocument};

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("{origin}: no text found")]
    Empty { origin: String },
}

/// Read one raw document into an [`Extraction`] with only `document` and `warnings` filled.
pub fn extract(raw: &RawDocument) -> Result<Extraction, ExtractError> {
    let text = raw.body.trim().to_string();
    if text.is_empty() {
        return Err(ExtractError::Empty {
            origin: raw.origin.clone(),
        });
    }
    Ok(Extraction {
        document: Document {
            origin: raw.origin.clone(),
            text,
            ..Default::default()
        },
        ..Default::default()
    })
}
