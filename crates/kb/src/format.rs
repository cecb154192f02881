//! The byte layout of the compiled knowledge base (written here, read by `view`).
//!
//! A container is `MAGIC`, a section count (u32), then per section its name (u32 length +
//! UTF-8), offset and length (u64, from the start of the container), then the sections. All
//! integers are little-endian; nothing needs alignment, so the bytes can be embedded with
//! `include_bytes!` or memory-mapped as they are.
//!
//! Knowledge-base sections:
//! - `pool`: strings, each a u32 length and its UTF-8 bytes; a string is named by its offset,
//!   [`NONE`] for none;
//! - `entities`: [`ENTITY_SIZE`] bytes each: id, name, country, category, note (pool
//!   offsets), its names and its offices (offsets into `postings`), kind code, 3 zero bytes;
//! - `names`: [`NAME_SIZE`] bytes each: entity index, text (pool), language index into
//!   `langs`, form code, 3 zero bytes;
//! - `offices`: [`OFFICE_SIZE`] bytes each: person and state (entity indexes), office, from,
//!   to, source (pool);
//! - `postings`: u32 lists, each its length then its items;
//! - `ids`: fst map entity id → entity index; `texts`: fst map lower-cased name → postings
//!   offset of its name indexes;
//! - `langs`: u32 count, then pool offsets of the language codes (`*` for every language);
//! - `forms:<lang>`: a nested container, the name index of one language: `keys` (fst map
//!   lookup key → postings offset of `(name index, inflected, rule)` triples), `first` (fst
//!   map first word of a key → most words of a key starting with it), `postings`, `pool`.

use std::collections::HashMap;

pub const MAGIC: &[u8; 16] = b"ARMSGRAPH-KB 01\n";
/// A missing string or index.
pub const NONE: u32 = u32::MAX;
pub const ENTITY_SIZE: usize = 32;
pub const NAME_SIZE: usize = 16;
pub const OFFICE_SIZE: usize = 24;

pub const SECTION_POOL: &str = "pool";
pub const SECTION_ENTITIES: &str = "entities";
pub const SECTION_NAMES: &str = "names";
pub const SECTION_OFFICES: &str = "offices";
pub const SECTION_POSTINGS: &str = "postings";
pub const SECTION_IDS: &str = "ids";
pub const SECTION_TEXTS: &str = "texts";
pub const SECTION_LANGS: &str = "langs";
pub const SECTION_FORMS_PREFIX: &str = "forms:";
pub const SECTION_KEYS: &str = "keys";
pub const SECTION_FIRST: &str = "first";

/// Strings stored once each.
#[derive(Debug, Default)]
pub struct Pool {
    bytes: Vec<u8>,
    seen: HashMap<String, u32>,
}

impl Pool {
    /// The offset of `s`, adding it the first time.
    pub fn add(&mut self, s: &str) -> u32 {
        if let Some(&at) = self.seen.get(s) {
            return at;
        }
        let at = self.bytes.len() as u32;
        self.bytes
            .extend_from_slice(&(s.len() as u32).to_le_bytes());
        self.bytes.extend_from_slice(s.as_bytes());
        self.seen.insert(s.to_string(), at);
        at
    }

    pub fn add_opt(&mut self, s: Option<&str>) -> u32 {
        s.map_or(NONE, |s| self.add(s))
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// Sections gathered, then written as one container.
#[derive(Debug, Default)]
pub struct ContainerWriter {
    sections: Vec<(String, Vec<u8>)>,
}

impl ContainerWriter {
    pub fn section(&mut self, name: &str, bytes: Vec<u8>) {
        self.sections.push((name.to_string(), bytes));
    }

    pub fn finish(self) -> Vec<u8> {
        let header: usize = MAGIC.len()
            + 4
            + self
                .sections
                .iter()
                .map(|(n, _)| 4 + n.len() + 16)
                .sum::<usize>();
        let total = header + self.sections.iter().map(|(_, b)| b.len()).sum::<usize>();
        let mut out = Vec::with_capacity(total);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.sections.len() as u32).to_le_bytes());
        let mut offset = header as u64;
        for (name, bytes) in &self.sections {
            out.extend_from_slice(&(name.len() as u32).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&offset.to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            offset += bytes.len() as u64;
        }
        for (_, bytes) in self.sections {
            out.extend_from_slice(&bytes);
        }
        out
    }
}
