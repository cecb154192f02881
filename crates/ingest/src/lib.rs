//! Ingest: turn files, directories, archives and feeds into [`RawDocument`]s, one at a time.

use std::path::Path;

use armsgraph_model::{FailedInput, RawDocument, SourceKind};

/// Every document found under `path` (file or directory, recursively), streamed.
/// An unreadable input yields `Err(FailedInput)` and the iteration goes on.
pub fn read_path(path: &Path) -> Box<dyn Iterator<Item = Result<RawDocument, FailedInput>>> {
    // Placeholder until the readers land: plain files only.
    let origin = path.display().to_string();
    let item = std::fs::read(path)
        .map_err(|e| FailedInput {
            origin: origin.clone(),
            reason: e.to_string(),
        })
        .map(|bytes| {
            let body = String::from_utf8_lossy(&bytes).to_string();
            let is_html = body.trim_start().starts_with('<');
            RawDocument {
                origin,
                kind: if is_html { SourceKind::Html } else { SourceKind::Text },
                is_html,
                body,
                ..Default::default()
            }
        });
    Box::new(std::iter::once(item))
}

/// One document from standard input (placeholder until the readers land).
pub fn read_stdin() -> Result<RawDocument, FailedInput> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| FailedInput {
            origin: "-".into(),
            reason: e.to_string(),
        })?;
    let body = String::from_utf8_lossy(&bytes).to_string();
    let is_html = body.trim_start().starts_with('<');
    Ok(RawDocument {
        origin: "-".into(),
        kind: SourceKind::Stdin,
        is_html,
        body,
        ..Default::default()
    })
}
